package org.crampcare.report;

/**
 * The report's stylesheet, inline in every page. Colours meet WCAG AA contrast on white (body text
 * #1a1a1a, 16.7:1; links and bars #1f4e79, 8.6:1; the red-flag banner white on #8b0000, 10.0:1;
 * muted text #4d4d4d, 8.5:1) and nothing relies on colour alone.
 */
final class Style {
  private Style() {}

  static final String CSS =
      String.join(
          "\n",
          "html { font-family: system-ui, -apple-system, 'Segoe UI', Roboto, Arial, sans-serif;"
              + " color: #1a1a1a; background: #ffffff; line-height: 1.5; }",
          "body { max-width: 46rem; margin: 0 auto; padding: 1rem; }",
          "a { color: #1f4e79; }",
          ".skip { position: absolute; left: -999rem; }",
          ".skip:focus { left: 1rem; top: 1rem; background: #ffffff; padding: 0.5rem;"
              + " outline: 3px solid #1f4e79; }",
          "h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }",
          "h2 { font-size: 1.3rem; border-bottom: 2px solid #1f4e79; margin-top: 2rem; }",
          "h3 { font-size: 1.1rem; margin-bottom: 0.3rem; }",
          ".subtitle, .patient, .source, figcaption { color: #4d4d4d; }",
          "nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; }",
          ".fallback { border: 2px dashed #4d4d4d; padding: 0.5rem; }",
          ".red-flags { background: #8b0000; color: #ffffff; padding: 0.5rem 1rem 1rem;"
              + " border: 3px solid #000000; border-radius: 4px; }",
          ".red-flags h2 { border-bottom-color: #ffffff; margin-top: 0.5rem; }",
          ".red-flags .source { color: #ffffff; }",
          ".advice-item { margin-bottom: 0.8rem; }",
          ".advice-text { margin: 0; font-weight: 600; }",
          ".why, .evidence, .caution { margin: 0.1rem 0; }",
          ".label { font-weight: 600; }",
          ".caution { border-left: 4px solid #1a1a1a; padding-left: 0.5rem; }",
          "dl.rules { margin: 0.3rem 0 0; font-size: 0.92rem; }",
          "dl.rules dt { font-weight: 600; }",
          "dl.rules dd { margin: 0 0 0.2rem 1rem; }",
          "ul.facts { margin: 0; padding-left: 1.2rem; }",
          ".charts { display: block; }",
          "figure.chart { margin: 1rem 0; break-inside: avoid; page-break-inside: avoid; }",
          "figure.chart svg { max-width: 100%; height: auto; }",
          "svg text { font-size: 12px; fill: #1a1a1a; }",
          "svg .value { font-weight: 600; }",
          "svg .bar { fill: #1f4e79; }",
          "svg .bar.unknown { fill: #ffffff; stroke: #1f4e79; stroke-width: 2;"
              + " stroke-dasharray: 4 3; }",
          "svg .axis, svg .grid { stroke: #4d4d4d; stroke-width: 1; }",
          "svg .grid { stroke-dasharray: 2 4; }",
          "svg .threshold { stroke: #8b0000; stroke-width: 2; stroke-dasharray: 8 4; }",
          "svg .threshold-label { fill: #8b0000; font-weight: 600; }",
          "svg .point { fill: #1f4e79; }",
          "svg .point.unknown { fill: #ffffff; stroke: #1f4e79; stroke-width: 2; }",
          "table { border-collapse: collapse; margin: 0.5rem 0; }",
          "th, td { border: 1px solid #4d4d4d; padding: 0.2rem 0.5rem; text-align: left; }",
          "caption { text-align: left; font-weight: 600; }",
          "footer { margin-top: 2rem; border-top: 1px solid #4d4d4d; font-size: 0.9rem; }",
          "@page { margin: 15mm; }",
          "@media print { body { max-width: none; padding: 0; } nav, .skip { display: none; }"
              + " details { display: block; } details > summary { display: none; }"
              + " .red-flags { -webkit-print-color-adjust: exact; print-color-adjust: exact; } }",
          "");

  // Not instantiated; the stylesheet is a constant.
}
