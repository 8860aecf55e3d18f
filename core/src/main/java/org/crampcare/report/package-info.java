/**
 * A readable report of an assessment: one self-contained HTML page for a patient or a clinician,
 * with charts drawn as inline SVG, in the rule book's language.
 *
 * <p>{@link org.crampcare.report.HtmlReport} renders it; {@link
 * org.crampcare.report.ReportLanguage} gives a rule book the texts of a shipped language (English
 * and German) so that the advice and the report's own labels come from one text catalog.
 */
@NullMarked
package org.crampcare.report;

import org.jspecify.annotations.NullMarked;
