package org.crampcare.server;

/** Escapes text for the CommonMark detail of a card. */
final class Markdown {
  private static final String SPECIAL = "\\`*_{}[]<>#|!";

  private Markdown() {}

  /** Backslash-escapes the characters that would start markdown syntax; newlines become spaces. */
  static String escape(String text) {
    StringBuilder out = new StringBuilder(text.length() + 8);
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\n' || c == '\r') {
        out.append(' ');
        continue;
      }
      if (SPECIAL.indexOf(c) >= 0) {
        out.append('\\');
      }
      out.append(c);
    }
    return out.toString();
  }
}
