package org.crampcare.fhir;

import com.google.common.escape.Escaper;
import com.google.common.html.HtmlEscapers;
import java.util.List;
import org.hl7.fhir.r4.model.Narrative;

/** Builds the generated XHTML narratives of the resources CrampCare writes. Not thread-safe. */
final class Xhtml {
  private static final Escaper ESCAPER = HtmlEscapers.htmlEscaper();

  private final StringBuilder html =
      new StringBuilder("<div xmlns=\"http://www.w3.org/1999/xhtml\">");

  /** Appends a paragraph of text. */
  Xhtml paragraph(String text) {
    html.append("<p>").append(ESCAPER.escape(text)).append("</p>");
    return this;
  }

  /** Appends a paragraph with a bold label followed by text. */
  Xhtml labelled(String label, String text) {
    html.append("<p><b>")
        .append(ESCAPER.escape(label))
        .append("</b> ")
        .append(ESCAPER.escape(text))
        .append("</p>");
    return this;
  }

  /** Appends a bullet list; nothing when the list is empty. */
  Xhtml list(List<String> items) {
    if (items.isEmpty()) {
      return this;
    }
    html.append("<ul>");
    for (String item : items) {
      html.append("<li>").append(ESCAPER.escape(item)).append("</li>");
    }
    html.append("</ul>");
    return this;
  }

  /** Returns the narrative with status {@code generated}. */
  Narrative toNarrative() {
    Narrative narrative = new Narrative();
    narrative.setStatus(Narrative.NarrativeStatus.GENERATED);
    narrative.setDivAsString(html + "</div>");
    return narrative;
  }
}
