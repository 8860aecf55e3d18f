package org.crampcare.examples.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.crampcare.examples.SamplePatient;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.ReportDocuments;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.Suppression;
import org.crampcare.report.Audience;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.DocumentReference;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code crampcare report} on every shipped sample patient, for both audiences: the structure of
 * the page (parsed, not compared as text) follows the assessment, and the transaction carries the
 * same page as a DocumentReference that validates with zero errors.
 */
class ReportCommandTest {
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static final CrampCareFhir FHIR = CrampCareFhir.create();

  @TempDir Path dir;

  static Stream<Arguments> samplesAndAudiences() {
    return Stream.of(SamplePatient.values())
        .flatMap(s -> Stream.of(Audience.values()).map(a -> Arguments.of(s, a)));
  }

  @ParameterizedTest(name = "{0}, {1}")
  @MethodSource("samplesAndAudiences")
  void report_followsTheAssessment_andTravelsInTheBundle(SamplePatient sample, Audience audience)
      throws IOException {
    Path in = dir.resolve(sample.fileName());
    Files.writeString(in, sample.json(), StandardCharsets.UTF_8);
    Path html = dir.resolve("report.html");
    Path bundle = dir.resolve("bundle.json");

    CliRun run =
        CliRun.of(
            "report",
            "--in",
            in.toString(),
            "--html",
            html.toString(),
            "--audience",
            audience.code(),
            "--as-of",
            SamplePatient.AS_OF_DATE.toString(),
            "--bundle",
            bundle.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    Assessment expected = FHIR.assess(sample.bundle(CTX), SamplePatient.asOf()).assessment();
    String page = Files.readString(html, StandardCharsets.UTF_8);
    Document doc = Jsoup.parse(page);

    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
    assertThat(doc.select("h1")).hasSize(1);
    assertThat(doc.select("header, nav, main, footer")).hasSize(4);
    assertThat(doc.select("script, link, img, iframe, [src]")).isEmpty();
    assertHeadingsInOrder(doc);

    Element first = doc.selectFirst("main > section");
    if (expected.redFlags().isEmpty()) {
      assertThat(doc.getElementById("red-flags")).isNull();
    } else {
      assertThat(first.id()).isEqualTo("red-flags");
      assertThat(first.select("li.red-flag").eachAttr("data-code"))
          .isEqualTo(
              expected.redFlags().stream().map(f -> f.kind().code()).collect(Collectors.toList()));
    }
    assertThat(doc.select("#advice li.advice-item").eachAttr("data-code"))
        .isEqualTo(
            expected.recommendations().stream()
                .map(Recommendation::code)
                .collect(Collectors.toList()));
    assertThat(doc.select("#withheld li.withheld-item").eachAttr("data-code"))
        .isEqualTo(
            expected.suppressed().stream().map(Suppression::code).collect(Collectors.toList()));
    if (expected.patterns().episodeCount() > 0) {
      assertThat(doc.select("#episodes figure.chart svg[role=img]")).hasSize(4);
    }
    if (audience == Audience.CLINICIAN) {
      assertThat(doc.select("#advice li.advice-item"))
          .allSatisfy(item -> assertThat(item.select("code.rule")).isNotEmpty());
      assertThat(doc.select("#labs, #risk-factors, #not-used")).hasSize(3);
    } else {
      assertThat(doc.select("code.rule, #labs, #not-used")).isEmpty();
    }

    Bundle transaction = (Bundle) CTX.newJsonParser().parseResource(Files.readString(bundle));
    List<DocumentReference> documents =
        transaction.getEntry().stream()
            .map(Bundle.BundleEntryComponent::getResource)
            .filter(DocumentReference.class::isInstance)
            .map(DocumentReference.class::cast)
            .collect(Collectors.toList());
    assertThat(documents).hasSize(1);
    DocumentReference document = documents.get(0);
    assertThat(document.getIdentifierFirstRep().getSystem())
        .isEqualTo(ReportDocuments.IDENTIFIER_SYSTEM);
    assertThat(document.getContentFirstRep().getAttachment().getContentType())
        .isEqualTo("text/html");
    assertThat(
            new String(
                document.getContentFirstRep().getAttachment().getData(), StandardCharsets.UTF_8))
        .isEqualTo(page);
    assertThat(FHIR.validator().validate(transaction).errors()).isEmpty();
  }

  @Test
  void report_inGerman_writesAGermanPage() throws IOException {
    Path in = dir.resolve("hf.json");
    Files.writeString(in, SamplePatient.HEART_FAILURE.json(), StandardCharsets.UTF_8);
    Path html = dir.resolve("de.html");

    CliRun run =
        CliRun.of(
            "report",
            "--in",
            in.toString(),
            "--html",
            html.toString(),
            "--lang",
            "de",
            "--as-of",
            SamplePatient.AS_OF_DATE.toString());

    assertThat(run.exitCode()).as(run.err()).isZero();
    assertThat(run.out()).contains("Wrote the patient report (de;");
    Document doc = Jsoup.parse(html.toFile(), "UTF-8");
    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("de");
    assertThat(doc.selectFirst("#advice-h").text()).isEqualTo("Was Sie tun können");
    assertThat(doc.select("p.fallback")).isEmpty();
  }

  @Test
  void report_withALanguageNotShipped_isAUsageErrorAndWritesNothing() throws IOException {
    Path in = dir.resolve("hf.json");
    Files.writeString(in, SamplePatient.HEART_FAILURE.json(), StandardCharsets.UTF_8);
    Path html = dir.resolve("fr.html");

    CliRun run =
        CliRun.of("report", "--in", in.toString(), "--html", html.toString(), "--lang", "fr");

    assertThat(run.exitCode()).isEqualTo(CrampCareCli.EXIT_USAGE);
    assertThat(run.err())
        .contains("--lang: language 'fr' has no shipped texts; expected one of en, de");
    assertThat(html).doesNotExist();
  }

  @Test
  void report_withAnUnknownAudience_namesTheAcceptedOnes() throws IOException {
    Path in = dir.resolve("hf.json");
    Files.writeString(in, SamplePatient.HEART_FAILURE.json(), StandardCharsets.UTF_8);

    CliRun run =
        CliRun.of(
            "report",
            "--in",
            in.toString(),
            "--html",
            dir.resolve("x.html").toString(),
            "--audience",
            "nurse");

    assertThat(run.exitCode()).isEqualTo(CrampCareCli.EXIT_USAGE);
    assertThat(run.err())
        .contains("audience 'nurse' is not known; expected one of patient, clinician");
  }

  static void assertHeadingsInOrder(Document doc) {
    int previous = 0;
    for (Element h : doc.select("h1, h2, h3, h4, h5, h6")) {
      int level = Integer.parseInt(h.tagName().substring(1));
      assertThat(level).as("heading '%s'", h.text()).isLessThanOrEqualTo(previous + 1);
      previous = level;
    }
  }
}
