package org.crampcare.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.crampcare.testing.Episodes.NOW;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.risk.FactTemplate;
import org.crampcare.testing.Patients;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class HtmlReportTest {
  private static final ZoneOffset CET = ZoneOffset.ofHours(1);

  /**
   * Six cramps as a chart records them: night calf cramps with their local time, one after
   * exercise, two without a severity, one known only to the day with no site, the latest with a
   * swollen calf.
   */
  static List<CrampEpisode> nightCalfCramps() {
    return List.of(
        at("e1", 20, "02:30")
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.DURING_SLEEP)
            .severity(6)
            .build(),
        at("e2", 13, "03:10")
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.DURING_SLEEP)
            .build(),
        at("e3", 6, "01:45")
            .site(BodySite.CALF)
            .side(Laterality.RIGHT)
            .setting(Setting.DURING_SLEEP)
            .severity(7)
            .build(),
        at("e4", 4, "19:20")
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.AFTER_EXERCISE)
            .build(),
        at("e5", 1, "08:05")
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .severity(8)
            .sign(AssociatedSign.SWELLING)
            .build(),
        CrampEpisode.onDay("e6", LocalDate.ofInstant(NOW, CET).minusDays(2), CET).build());
  }

  private static CrampEpisode.Builder at(String id, int daysAgo, String localTime) {
    LocalDate day = LocalDate.ofInstant(NOW, CET).minusDays(daysAgo);
    return CrampEpisode.builder(id, day.atTime(LocalTime.parse(localTime)).toInstant(CET))
        .offset(CET);
  }

  static PatientContext heartFailureOnThiazide() {
    return Patients.anAdult()
        .with(ConditionKind.HEART_FAILURE)
        .taking(MedicationClass.THIAZIDE_DIURETIC)
        .lab(Analyte.POTASSIUM, 3.1, "mmol/L", 10)
        .build();
  }

  static Document render(RuleBook book, Audience audience) {
    Assessment assessment =
        Assessor.create(book).assess(heartFailureOnThiazide(), nightCalfCramps(), NOW);
    String html =
        HtmlReport.builder(assessment, book)
            .episodes(nightCalfCramps())
            .audience(audience)
            .recordNotes(
                List.of(new RecordNote("Observation/bp-1", "not a cramp or a lab CrampCare reads")))
            .softwareVersion("0.1.0")
            .build()
            .render();
    return Jsoup.parse(html);
  }

  @Nested
  class ForThePatient {
    final RuleBook book = ReportLanguage.apply(RuleBook.builtIn(), "en");
    final Document doc = render(book, Audience.PATIENT);
    final Assessment assessment =
        Assessor.create(book).assess(heartFailureOnThiazide(), nightCalfCramps(), NOW);

    @Test
    void putsTheRedFlagFirstAsAnAlertWithWhatToDoNow() {
      Element first = doc.selectFirst("main > section");
      assertThat(first.id()).isEqualTo("red-flags");
      assertThat(first.attr("role")).isEqualTo("alert");
      assertThat(first.selectFirst("h2").text()).contains("Get medical care today");
      assertThat(first.select("li.red-flag").eachAttr("data-code"))
          .contains("possible-deep-vein-thrombosis");
      assertThat(first.text()).contains("blood clot");
    }

    @Test
    void listsTheAdviceInTheAssessmentsOrderEachWithWhyAndEvidence() {
      List<String> shown = doc.select("#advice li.advice-item").eachAttr("data-code");
      assertThat(shown)
          .isEqualTo(
              assessment.recommendations().stream()
                  .map(Recommendation::code)
                  .collect(Collectors.toList()));
      for (Element item : doc.select("#advice li.advice-item")) {
        assertThat(item.select("p.evidence").text()).startsWith("How strong the evidence is:");
        assertThat(item.select("dl.rules")).as("no rule ids for patients").isEmpty();
      }
      Element stretch = doc.selectFirst("li.advice-item[data-code=stretch-affected-muscle]");
      assertThat(stretch.select("p.why").text()).isEqualTo("Why: 6 episode(s) in the last 28 days");
      assertThat(doc.select("li.advice-item[data-code=urgent-medical-review] p.why").text())
          .startsWith("Why: calf cramp on Nov 20, 2026,")
          .contains(" UTC with swelling");
      assertThat(doc.select("p.why").text()).contains("(within 12 months)").doesNotContain("P12M");
    }

    @Test
    void saysWhatWasWithheldBecauseOfHeartFailureAndWhatInstead() {
      Element hydration = doc.selectFirst("#withheld li[data-code=hydration]");
      assertThat(hydration.text())
          .contains("We did not suggest: Drink enough fluid")
          .contains("Because of:")
          .contains("heart")
          .contains("Instead: Ask your doctor or nurse how much you should drink");
    }

    @Test
    void drawsFourChartsEachWithATextAlternativeAndATable() {
      for (String id : List.of("chart-weekly", "chart-time", "chart-severity", "chart-sites")) {
        Element figure = doc.getElementById(id);
        assertThat(figure).as(id).isNotNull();
        Element svg = figure.selectFirst("svg");
        assertThat(svg.attr("role")).isEqualTo("img");
        assertThat(svg.selectFirst("title").text()).isNotBlank();
        assertThat(svg.selectFirst("desc").text()).isNotBlank();
        assertThat(figure.select("details table tbody tr")).as(id).isNotEmpty();
      }
      assertThat(
              doc.select("#chart-weekly tbody td").eachText().stream()
                  .mapToInt(Integer::parseInt)
                  .sum())
          .isEqualTo(6);
      assertThat(doc.select("#chart-weekly line.threshold")).hasSize(1);
      assertThat(doc.select("#chart-weekly text.threshold-label").text())
          .isEqualTo("frequent: over 3 a week");
    }

    @Test
    void showsUnknownSeveritiesAsUnknownNotAsZero() {
      assertThat(doc.select("#chart-severity circle.point.unknown")).hasSize(3);
      assertThat(doc.select("#chart-severity circle.point:not(.unknown)")).hasSize(3);
      assertThat(doc.select("#chart-severity tbody td").eachText())
          .filteredOn(text -> text.equals("not recorded"))
          .hasSize(3);
      assertThat(doc.select("#chart-severity desc").text()).contains("3 of 6 have no severity");
      assertThat(doc.select("#chart-time tbody tr").eachText())
          .containsExactly(
              "Night (0-6) 3",
              "Morning (6-12) 1",
              "Afternoon (12-18) 0",
              "Evening (18-24) 1",
              "Time not recorded 1");
      assertThat(doc.select("#chart-time desc").text()).endsWith("3 of 6 happened during sleep.");
    }

    @Test
    void countsSitesBySideWithTheUnrecordedNamed() {
      assertThat(doc.select("#chart-sites tbody tr").eachText())
          .containsExactly("Calf Left 4", "Calf Right 1", "Site not recorded Side not recorded 1");
      assertThat(doc.select("#chart-sites rect.bar.unknown")).hasSize(1);
    }

    @Test
    void isSelfContainedAndAccessible() {
      assertThat(doc.select("script, link, img, iframe, object")).isEmpty();
      assertThat(doc.select("[src]")).isEmpty();
      assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("en");
      assertThat(doc.select("header")).hasSize(1);
      assertThat(doc.select("nav[aria-label]")).hasSize(1);
      assertThat(doc.select("main")).hasSize(1);
      assertThat(doc.select("footer")).hasSize(1);
      assertHeadingsInOrder(doc);
      assertThat(doc.select("#red-flags h2 [aria-hidden]")).hasSize(1);
      assertThat(doc.select("p.fallback")).isEmpty();
    }

    @Test
    void isTheSameBytesEachTime() {
      assertThat(render(book, Audience.PATIENT).outerHtml()).isEqualTo(doc.outerHtml());
    }
  }

  @Nested
  class ForTheClinician {
    final Document doc = render(ReportLanguage.apply(RuleBook.builtIn(), "en"), Audience.CLINICIAN);

    @Test
    void namesEveryRuleWithItsVersionRationaleEvidenceAndSourcedFacts() {
      for (Element item : doc.select("#advice li.advice-item")) {
        assertThat(item.select("code.rule").text()).matches("[a-z0-9-]+ v\\d+.*");
        assertThat(item.select("cite")).isNotEmpty();
      }
      assertThat(doc.select("#advice .source").eachText()).anyMatch(s -> s.contains("source: e5"));
      assertThat(doc.select("#withheld .rule-line code.rule").text()).isNotBlank();
    }

    @Test
    void showsLabsRiskFactorsAndWhatWasNotUsable() {
      assertThat(doc.select("#labs tbody tr").first().text()).contains("3.1 mmol/L");
      assertThat(doc.select("#risk-factors li").eachAttr("data-code")).isNotEmpty();
      assertThat(doc.select("#not-used ul.record-notes li").text())
          .isEqualTo("Observation/bp-1: not a cramp or a lab CrampCare reads");
      assertHeadingsInOrder(doc);
    }
  }

  @Nested
  class InGerman {
    final Document doc = render(ReportLanguage.apply(RuleBook.builtIn(), "de"), Audience.PATIENT);

    @Test
    void usesGermanForTheAdviceAndEveryLabel() {
      assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("de");
      assertThat(doc.selectFirst("h1").text()).isEqualTo("Ihr Bericht zu Muskelkrämpfen");
      assertThat(doc.select("p.fallback")).as("no label fell back to English").isEmpty();
      assertThat(doc.select("li[data-code=stretch-affected-muscle] p.advice-text").text())
          .startsWith("Dehnen Sie");
      String text = doc.text();
      Map<String, String> english = ReportLanguage.texts("en");
      Map<String, String> german = ReportLanguage.texts("de");
      english.forEach(
          (key, label) -> {
            if (!label.contains("{") && !label.equals(german.get(key)) && label.length() > 5) {
              assertThat(text).as("English label of %s", key).doesNotContain(label);
            }
          });
    }

    @Test
    void putsTheRecordsValuesInTheReadersTerms() {
      Document clinician =
          render(ReportLanguage.apply(RuleBook.builtIn(), "de"), Audience.CLINICIAN);
      String facts = clinician.select("ul.facts").text();
      assertThat(facts)
          .contains("Krampf (Wade) am 20.11.2026, 07:05 UTC mit Schwellung")
          .contains("Krampf (Wade) nach dem Sport am 17.11.2026, 18:20 UTC");
      assertThat(facts)
          .doesNotContain("(calf)", "swelling", "after exercise")
          .doesNotContainPattern("\\d{4}-\\d{2}-\\d{2}T");
    }

    @Test
    void shipsAGermanTextForEveryEnglishKey() {
      Set<String> needed = new java.util.TreeSet<>(ReportLanguage.texts("en").keySet());
      needed.addAll(RuleBook.builtIn().texts().all().keySet());
      for (FactTemplate template : FactTemplate.values()) {
        needed.add("fact." + template.code());
      }
      assertThat(ReportLanguage.texts("de").keySet()).containsAll(needed);
    }
  }

  @Test
  void saysSoWhenALanguageLacksLabels() {
    RuleBook book = RuleBook.builtIn();
    RuleBook french =
        book.toBuilder()
            .texts(book.texts().with(Locale.FRENCH, Map.of("report.advice", "Que faire")))
            .build();
    Document doc = render(french, Audience.PATIENT);
    assertThat(doc.selectFirst("html").attr("lang")).isEqualTo("fr");
    assertThat(doc.select("#advice-h").text()).isEqualTo("Que faire");
    assertThat(doc.select("p.fallback").text()).contains("no translation into \"fr\"");
  }

  @Test
  void refusesALanguageThatIsNotShipped() {
    assertThatThrownBy(() -> ReportLanguage.apply(RuleBook.builtIn(), "xx"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("language 'xx' has no shipped texts; expected one of en, de");
  }

  @Test
  void rejectsAnUnknownAudienceByName() {
    assertThatThrownBy(() -> Audience.fromCode("nurse"))
        .hasMessage("audience 'nurse' is not known; expected one of patient, clinician");
  }

  static void assertHeadingsInOrder(Document doc) {
    int previous = 0;
    for (Element h : doc.select("h1, h2, h3, h4, h5, h6")) {
      int level = Integer.parseInt(h.tagName().substring(1));
      assertThat(level)
          .as("heading '%s' after h%d", h.text(), previous)
          .isLessThanOrEqualTo(previous + 1);
      previous = level;
    }
    assertThat(doc.select("h1")).hasSize(1);
  }
}
