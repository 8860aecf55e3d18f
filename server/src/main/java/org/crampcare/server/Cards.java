package org.crampcare.server;

import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import org.crampcare.fhir.ImportResult;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Category;
import org.crampcare.recommendation.Caution;
import org.crampcare.recommendation.Evidence;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RecommendationDefinition;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.recommendation.Suppression;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RedFlag;
import org.crampcare.terminology.CodeSystems;

/**
 * Turns an assessment into CDS Hooks cards.
 *
 * <ul>
 *   <li>one <b>critical</b> card per urgent recommendation (red flags needing same-day care);
 *   <li>one <b>warning</b> card per clinical follow-up recommendation;
 *   <li>one <b>info</b> card gathering the self-care advice (immediate relief and prevention), so
 *       the clinician is not shown a card per stretch.
 * </ul>
 *
 * <p>The first card, the most urgent, carries the one suggestion: create the proposed CarePlan that
 * holds every recommendation. Offering it on several cards would let a user create it twice. Card
 * and suggestion UUIDs are name-based over the patient, the assessment time, the rule book version
 * and the card's key, so the same input gives the same cards.
 */
final class Cards {
  /** CDS Hooks limits a summary to under 140 characters. */
  static final int MAX_SUMMARY = 139;

  static final String LABEL = "CrampCare";

  private final RuleBook ruleBook;

  Cards(RuleBook ruleBook) {
    this.ruleBook = ruleBook;
  }

  /**
   * Returns the cards for an assessment.
   *
   * @param assessment the assessment
   * @param patientId the patient's id
   * @param carePlanJson the proposed CarePlan as FHIR JSON, when there is one
   * @param activities the number of activities in the CarePlan
   */
  ImmutableList<CdsJson.Card> cards(
      Assessment assessment, String patientId, Optional<String> carePlanJson, int activities) {
    return cards(assessment, patientId, carePlanJson, activities, Optional.empty(), List.of());
  }

  /**
   * Returns the cards for an assessment of imported records. Every card says how many cramp records
   * were found, used, merged and not usable, and what of the record the call left unread; when some
   * records could not be read, an information card says so, even when there is no advice: no card
   * may read as "no cramps" or "no red flags" then.
   *
   * @param assessment the assessment
   * @param patientId the patient's id
   * @param carePlanJson the proposed CarePlan as FHIR JSON, when there is one
   * @param activities the number of activities in the CarePlan
   * @param records what became of the record's cramp records, when it was imported
   * @param notRead parts of the record not read, as a clinician reads them (see {@code
   *     PatientRecord.unread})
   */
  ImmutableList<CdsJson.Card> cards(
      Assessment assessment,
      String patientId,
      Optional<String> carePlanJson,
      int activities,
      Optional<ImportResult.CrampRecords> records,
      List<String> notRead) {
    List<Draft> drafts = new ArrayList<>();
    List<Recommendation> selfCare = new ArrayList<>();
    for (Recommendation r : assessment.recommendations()) {
      if (r.category() == Category.URGENT) {
        drafts.add(urgent(assessment, r));
      } else if (r.category() == Category.CLINICAL_FOLLOW_UP) {
        drafts.add(single(r, "warning", "Muscle cramps: " + display(r.code())));
      } else {
        selfCare.add(r);
      }
    }
    if (!selfCare.isEmpty()) {
      drafts.add(selfCare(selfCare));
    }
    if (records.isPresent() && records.get().notUsable() > 0) {
      Draft unread =
          new Draft(
              "unreadable-records",
              "info",
              "Muscle cramps: "
                  + records.get().notUsable()
                  + " cramp record(s) in the chart could not be read");
      unread
          .detail
          .append("CrampCare could not use ")
          .append(records.get().notUsable())
          .append(" of the patient's cramp records (for example, no date). Its advice rests on")
          .append(" what it could read: it does not mean there were no cramps or no red flags.");
      drafts.add(unread);
    }
    if (drafts.isEmpty()) {
      return ImmutableList.of();
    }
    records.ifPresent(
        r -> {
          for (Draft d : drafts) {
            d.detail.append("\n\n**Records:** ").append(Markdown.escape(r.describe()));
          }
        });
    for (String part : notRead) {
      for (Draft d : drafts) {
        d.detail.append("\n\n").append(notRead(part));
      }
    }
    Draft notesTarget = selfCare.isEmpty() ? drafts.get(0) : drafts.get(drafts.size() - 1);
    appendSuppressed(notesTarget, assessment.suppressed());
    for (Draft d : drafts) {
      for (Notice n : assessment.notices()) {
        d.detail.append("\n\n**Note:** ").append(Markdown.escape(n.text()));
      }
    }
    List<CdsJson.Card> cards = new ArrayList<>();
    for (int i = 0; i < drafts.size(); i++) {
      Draft d = drafts.get(i);
      String uuid = uuid(assessment, patientId, "card|" + d.key);
      List<CdsJson.Suggestion> suggestions = new ArrayList<>();
      if (i == 0 && carePlanJson.isPresent()) {
        String count = activities == 1 ? "1 activity" : activities + " activities";
        suggestions.add(
            new CdsJson.Suggestion(
                "Add the CrampCare care plan proposal (" + count + ")",
                uuid(assessment, patientId, "suggestion|care-plan"),
                null,
                List.of(
                    new CdsJson.Action(
                        "create",
                        "Create a CarePlan (intent proposal, " + count + ") for clinician review",
                        carePlanJson.get(),
                        null))));
      }
      cards.add(
          new CdsJson.Card(
              uuid,
              summary(d.summary),
              d.detail.toString(),
              d.indicator,
              new CdsJson.Source(LABEL, d.sourceUrl.orElse(null), d.topic.orElse(null)),
              suggestions,
              suggestions.isEmpty() ? null : "at-most-one",
              d.links(),
              null));
    }
    return ImmutableList.copyOf(cards);
  }

  /** A card being assembled. */
  private static final class Draft {
    final String key;
    final String indicator;
    final String summary;
    final StringBuilder detail = new StringBuilder();
    Optional<String> sourceUrl = Optional.empty();
    Optional<CdsJson.Coding> topic = Optional.empty();
    final Map<String, String> links = new LinkedHashMap<>();

    Draft(String key, String indicator, String summary) {
      this.key = key;
      this.indicator = indicator;
      this.summary = summary;
    }

    List<CdsJson.Link> links() {
      List<CdsJson.Link> out = new ArrayList<>();
      links.forEach((url, label) -> out.add(new CdsJson.Link(label, url, "absolute")));
      return out;
    }
  }

  private Draft urgent(Assessment assessment, Recommendation r) {
    String flags =
        assessment.redFlags().stream()
            .filter(f -> f.kind().urgent())
            .map(RedFlag::kind)
            .map(k -> k.display().toLowerCase(Locale.ROOT))
            .collect(Collectors.joining(", "));
    String summary = display(r.code()) + (flags.isEmpty() ? " for muscle cramps" : ": " + flags);
    return single(r, "critical", summary);
  }

  private Draft single(Recommendation r, String indicator, String summary) {
    Draft d = new Draft(r.code(), indicator, summary);
    describe(d, r, false);
    d.topic =
        Optional.of(
            new CdsJson.Coding(CodeSystems.CRAMPCARE_RECOMMENDATION, r.code(), display(r.code())));
    return d;
  }

  private Draft selfCare(List<Recommendation> recommendations) {
    int n = recommendations.size();
    Draft d =
        new Draft(
            "self-care",
            "info",
            "Muscle cramps: "
                + n
                + (n == 1 ? " self-care suggestion" : " self-care suggestions")
                + " to discuss");
    for (int i = 0; i < n; i++) {
      if (i > 0) {
        d.detail.append("\n\n");
      }
      describe(d, recommendations.get(i), true);
    }
    return d;
  }

  private void describe(Draft d, Recommendation r, boolean heading) {
    StringBuilder md = d.detail;
    if (heading) {
      md.append("### ").append(Markdown.escape(display(r.code()))).append("\n\n");
    }
    md.append(Markdown.escape(r.patientText()));
    md.append("\n\n**Why:** ").append(Markdown.escape(r.rationale()));
    for (Fact f : r.facts()) {
      md.append("\n- ").append(Markdown.escape(f.text()));
    }
    for (Caution c : r.cautions()) {
      md.append("\n\n**Caution:** ").append(Markdown.escape(c.text()));
    }
    for (Evidence e : r.evidence()) {
      md.append("\n\n**Evidence:** ")
          .append(Markdown.escape(e.citation()))
          .append(" (")
          .append(Markdown.escape(e.strength()))
          .append(")");
      if (e.url().isPresent()) {
        if (d.sourceUrl.isEmpty()) {
          d.sourceUrl = e.url();
        }
        d.links.putIfAbsent(e.url().get(), linkLabel(e));
      }
    }
  }

  private void appendSuppressed(Draft d, List<Suppression> suppressed) {
    for (Suppression s : suppressed) {
      d.detail
          .append("\n\n**Not suggested:** ")
          .append(Markdown.escape(display(s.code())))
          .append(". ")
          .append(Markdown.escape(s.reason()));
    }
  }

  private String display(String code) {
    RecommendationDefinition definition = ruleBook.definitions().get(code);
    return definition == null ? code : definition.display();
  }

  private static String linkLabel(Evidence e) {
    String citation = e.citation();
    return citation.length() <= 80 ? citation : citation.substring(0, 79) + "\u2026";
  }

  /** The line a card carries for a part of the record the call left unread. */
  static String notRead(String part) {
    return "**Not read:** " + Markdown.escape(part) + ": this advice does not include it.";
  }

  /** Returns the summary, cut with an ellipsis to under 140 characters if need be. */
  static String summary(String text) {
    if (text.length() <= MAX_SUMMARY) {
      return text;
    }
    return text.substring(0, MAX_SUMMARY - 1).stripTrailing() + "\u2026";
  }

  private String uuid(Assessment assessment, String patientId, String key) {
    String name =
        "crampcare-cds|"
            + patientId
            + "|"
            + assessment.asOf()
            + "|"
            + ruleBook.version()
            + "|"
            + key;
    return UUID.nameUUIDFromBytes(name.getBytes(StandardCharsets.UTF_8)).toString();
  }
}
