package org.crampcare.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Laterality;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.RangeSource;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.pattern.SeverityTrend;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Category;
import org.crampcare.recommendation.Caution;
import org.crampcare.recommendation.Evidence;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Priority;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.Suppression;
import org.crampcare.recommendation.Trigger;
import org.crampcare.recommendation.UnusedInput;
import org.crampcare.risk.DayOnset;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.FactTemplate;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;

/** Maps {@link Assessment} and its parts to and from JSON objects. */
final class AssessmentJson {
  static final ImmutableList<String> FIELDS =
      ImmutableList.of(
          "asOf",
          "patientId",
          "ageYears",
          "ruleBookVersion",
          "notices",
          "patterns",
          "labs",
          "riskFactors",
          "redFlags",
          "recommendations",
          "suppressed",
          "unused");

  static final ImmutableList<String> NOTICE_FIELDS = ImmutableList.of("kind", "text");

  static final ImmutableList<String> PATTERN_FIELDS =
      ImmutableList.of(
          "windowStart",
          "windowEnd",
          "episodeCount",
          "episodesPerWeek",
          "nightShare",
          "dominantSite",
          "dominantSide",
          "severityTrend",
          "longestEpisodeId",
          "longestDuration",
          "frequent");

  /** Version 2 adds how many episodes have a recorded severity and duration. */
  static final ImmutableList<String> PATTERN_FIELDS_V2 =
      ImmutableList.<String>builder()
          .addAll(PATTERN_FIELDS)
          .add("withSeverity", "withDuration")
          .build();

  static final ImmutableList<String> LAB_INTERPRETATION_FIELDS =
      ImmutableList.of("result", "interpretation", "rangeSource", "range", "current");

  static final ImmutableList<String> FINDING_FIELDS = ImmutableList.of("kind", "facts");

  static final ImmutableList<String> FACT_FIELDS =
      ImmutableList.of("kind", "sourceId", "text", "template", "values");
  static final ImmutableList<String> FACT_VALUE_FIELDS =
      ImmutableList.of("text", "integer", "decimal", "instant", "date", "day");

  static final ImmutableList<String> RECOMMENDATION_FIELDS =
      ImmutableList.of("code", "category", "priority", "patientText", "triggers", "cautions");

  static final ImmutableList<String> TRIGGER_FIELDS =
      ImmutableList.of("ruleId", "ruleVersion", "rationale", "evidence", "facts");

  static final ImmutableList<String> EVIDENCE_FIELDS =
      ImmutableList.of("id", "citation", "strength", "url");

  static final ImmutableList<String> CAUTION_FIELDS =
      ImmutableList.of("code", "text", "ruleId", "facts");

  static final ImmutableList<String> SUPPRESSION_FIELDS =
      ImmutableList.of(
          "code", "ruleId", "ruleVersion", "reason", "evidence", "facts", "replacedBy");

  static final ImmutableList<String> UNUSED_FIELDS = ImmutableList.of("kind", "sourceId", "reason");

  private AssessmentJson() {}

  static void writeFields(JsonGenerator g, Assessment a) throws IOException {
    Out.instant(g, "asOf", a.asOf());
    Out.string(g, "patientId", a.patientId());
    g.writeNumberField("ageYears", a.ageYears());
    g.writeStringField("ruleBookVersion", a.ruleBookVersion());
    g.writeArrayFieldStart("notices");
    for (Notice notice : a.notices()) {
      g.writeStartObject();
      Out.code(g, "kind", notice.kind());
      g.writeStringField("text", notice.text());
      g.writeEndObject();
    }
    g.writeEndArray();
    writePatterns(g, a.patterns());
    g.writeArrayFieldStart("labs");
    for (LabInterpretation lab : a.labs()) {
      writeLab(g, lab);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("riskFactors");
    for (RiskFactor factor : a.riskFactors()) {
      writeFinding(g, factor.kind().code(), factor.facts());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("redFlags");
    for (RedFlag flag : a.redFlags()) {
      writeFinding(g, flag.kind().code(), flag.facts());
    }
    g.writeEndArray();
    g.writeArrayFieldStart("recommendations");
    for (Recommendation recommendation : a.recommendations()) {
      writeRecommendation(g, recommendation);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("suppressed");
    for (Suppression suppression : a.suppressed()) {
      writeSuppression(g, suppression);
    }
    g.writeEndArray();
    g.writeArrayFieldStart("unused");
    for (UnusedInput unused : a.unused()) {
      g.writeStartObject();
      Out.code(g, "kind", unused.kind());
      g.writeStringField("sourceId", unused.sourceId());
      g.writeStringField("reason", unused.reason());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writePatterns(JsonGenerator g, EpisodePatterns p) throws IOException {
    g.writeObjectFieldStart("patterns");
    Out.instant(g, "windowStart", p.windowStart());
    Out.instant(g, "windowEnd", p.windowEnd());
    g.writeNumberField("episodeCount", p.episodeCount());
    Out.number(g, "episodesPerWeek", p.episodesPerWeek());
    Out.number(g, "nightShare", p.nightShare());
    Out.code(g, "dominantSite", p.dominantSite());
    Out.code(g, "dominantSide", p.dominantSide());
    Out.code(g, "severityTrend", p.severityTrend());
    Out.string(g, "longestEpisodeId", p.longestEpisodeId());
    Out.duration(g, "longestDuration", p.longestDuration());
    g.writeBooleanField("frequent", p.frequent());
    g.writeNumberField("withSeverity", p.withSeverity());
    g.writeNumberField("withDuration", p.withDuration());
    g.writeEndObject();
  }

  private static void writeLab(JsonGenerator g, LabInterpretation lab) throws IOException {
    g.writeStartObject();
    g.writeFieldName("result");
    PatientJson.writeLab(g, lab.result());
    Out.code(g, "interpretation", lab.interpretation());
    Out.code(g, "rangeSource", lab.rangeSource());
    if (lab.range().isPresent()) {
      PatientJson.writeRange(g, "range", lab.range().get());
    }
    g.writeBooleanField("current", lab.current());
    g.writeEndObject();
  }

  private static void writeFinding(JsonGenerator g, String kind, List<Fact> facts)
      throws IOException {
    g.writeStartObject();
    g.writeStringField("kind", kind);
    writeFacts(g, facts);
    g.writeEndObject();
  }

  private static void writeFacts(JsonGenerator g, List<Fact> facts) throws IOException {
    g.writeArrayFieldStart("facts");
    for (Fact fact : facts) {
      g.writeStartObject();
      Out.code(g, "kind", fact.kind());
      Out.string(g, "sourceId", fact.sourceId());
      g.writeStringField("text", fact.text());
      if (fact.template() != FactTemplate.TEXT) {
        Out.code(g, "template", fact.template());
        g.writeArrayFieldStart("values");
        for (Object v : fact.values()) {
          g.writeStartObject();
          if (v instanceof Integer) {
            g.writeNumberField("integer", (Integer) v);
          } else if (v instanceof BigDecimal) {
            // As written in the text: plain digits, never an exponent.
            g.writeFieldName("decimal");
            g.writeNumber(((BigDecimal) v).toPlainString());
          } else if (v instanceof LocalDate) {
            g.writeStringField("date", v.toString());
          } else if (v instanceof Instant) {
            g.writeStringField("instant", v.toString());
          } else if (v instanceof DayOnset) {
            g.writeStringField("day", ((DayOnset) v).day().toString());
          } else {
            g.writeStringField("text", v.toString());
          }
          g.writeEndObject();
        }
        g.writeEndArray();
      }
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  private static void writeRecommendation(JsonGenerator g, Recommendation r) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", r.code());
    Out.code(g, "category", r.category());
    Out.code(g, "priority", r.priority());
    g.writeStringField("patientText", r.patientText());
    g.writeArrayFieldStart("triggers");
    for (Trigger trigger : r.triggers()) {
      g.writeStartObject();
      g.writeStringField("ruleId", trigger.ruleId());
      g.writeNumberField("ruleVersion", trigger.ruleVersion());
      g.writeStringField("rationale", trigger.rationale());
      writeEvidence(g, trigger.evidence());
      writeFacts(g, trigger.facts());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("cautions");
    for (Caution caution : r.cautions()) {
      g.writeStartObject();
      g.writeStringField("code", caution.code());
      g.writeStringField("text", caution.text());
      g.writeStringField("ruleId", caution.ruleId());
      writeFacts(g, caution.facts());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeEndObject();
  }

  private static void writeEvidence(JsonGenerator g, Evidence evidence) throws IOException {
    g.writeObjectFieldStart("evidence");
    g.writeStringField("id", evidence.id());
    g.writeStringField("citation", evidence.citation());
    g.writeStringField("strength", evidence.strength());
    Out.string(g, "url", evidence.url());
    g.writeEndObject();
  }

  private static void writeSuppression(JsonGenerator g, Suppression s) throws IOException {
    g.writeStartObject();
    g.writeStringField("code", s.code());
    g.writeStringField("ruleId", s.ruleId());
    g.writeNumberField("ruleVersion", s.ruleVersion());
    g.writeStringField("reason", s.reason());
    writeEvidence(g, s.evidence());
    writeFacts(g, s.facts());
    Out.string(g, "replacedBy", s.replacedBy());
    g.writeEndObject();
  }

  static Assessment read(Node.Obj o) {
    Instant asOf = o.get("asOf").instant();
    Optional<String> patientId = o.get("patientId").optional(Node::id);
    int ageYears = o.get("ageYears").integer(0, Integer.MAX_VALUE);
    String ruleBookVersion = o.get("ruleBookVersion").id();
    List<Notice> notices = o.get("notices").list(AssessmentJson::readNotice);
    EpisodePatterns patterns = readPatterns(o.get("patterns"));
    List<LabInterpretation> labs = o.get("labs").list(AssessmentJson::readLab);
    List<RiskFactor> riskFactors = o.get("riskFactors").list(AssessmentJson::readRiskFactor);
    List<RedFlag> redFlags = o.get("redFlags").list(AssessmentJson::readRedFlag);
    List<Recommendation> recommendations =
        o.get("recommendations").list(AssessmentJson::readRecommendation);
    List<Suppression> suppressed = o.get("suppressed").list(AssessmentJson::readSuppression);
    List<UnusedInput> unused = o.get("unused").list(AssessmentJson::readUnused);
    return o.build(
        () ->
            new Assessment(
                asOf,
                patientId,
                ageYears,
                ruleBookVersion,
                notices,
                patterns,
                labs,
                riskFactors,
                redFlags,
                recommendations,
                suppressed,
                unused));
  }

  private static Notice readNotice(Node node) {
    Node.Obj o = node.object(NOTICE_FIELDS);
    return new Notice(o.get("kind").code(Notice.Kind.class), o.get("text").text());
  }

  private static EpisodePatterns readPatterns(Node node) {
    Node.Obj o = node.object(node.version() == 1 ? PATTERN_FIELDS : PATTERN_FIELDS_V2);
    Instant windowStart = o.get("windowStart").instant();
    Instant windowEnd = o.get("windowEnd").instant();
    int count = o.get("episodeCount").integer(0, Integer.MAX_VALUE);
    double perWeek = o.get("episodesPerWeek").number(0, Double.MAX_VALUE);
    double nightShare = o.get("nightShare").number(0, 1);
    Optional<BodySite> site = o.get("dominantSite").optional(n -> n.code(BodySite.class));
    Optional<Laterality> side = o.get("dominantSide").optional(n -> n.code(Laterality.class));
    SeverityTrend trend = o.get("severityTrend").code(SeverityTrend.class);
    Optional<String> longestId = o.get("longestEpisodeId").optional(Node::id);
    Duration longest = o.get("longestDuration").duration(true);
    boolean frequent = o.get("frequent").bool();
    // Version 1 episodes always had both.
    int withSeverity =
        o.version() == 1 ? count : o.get("withSeverity").integer(0, Integer.MAX_VALUE);
    int withDuration =
        o.version() == 1 ? count : o.get("withDuration").integer(0, Integer.MAX_VALUE);
    return new EpisodePatterns(
        windowStart,
        windowEnd,
        count,
        perWeek,
        nightShare,
        site,
        side,
        trend,
        longestId,
        longest,
        frequent,
        withSeverity,
        withDuration);
  }

  private static LabInterpretation readLab(Node node) {
    Node.Obj o = node.object(LAB_INTERPRETATION_FIELDS);
    LabResult result = PatientJson.readLab(o.get("result"));
    Interpretation interpretation = o.get("interpretation").code(Interpretation.class);
    RangeSource source = o.get("rangeSource").code(RangeSource.class);
    Optional<ReferenceRange> range = o.get("range").optional(PatientJson::readRange);
    boolean current = o.get("current").bool();
    return new LabInterpretation(result, interpretation, source, range, current);
  }

  private static RiskFactor readRiskFactor(Node node) {
    Node.Obj o = node.object(FINDING_FIELDS);
    RiskFactorKind kind = o.get("kind").code(RiskFactorKind.class);
    List<Fact> facts = readFacts(o.get("facts"));
    return o.build(() -> new RiskFactor(kind, facts));
  }

  private static RedFlag readRedFlag(Node node) {
    Node.Obj o = node.object(FINDING_FIELDS);
    RedFlagKind kind = o.get("kind").code(RedFlagKind.class);
    List<Fact> facts = readFacts(o.get("facts"));
    return o.build(() -> new RedFlag(kind, facts));
  }

  private static List<Fact> readFacts(Node node) {
    return node.list(
        item -> {
          Node.Obj o = item.object(FACT_FIELDS);
          FactKind kind = o.get("kind").code(FactKind.class);
          Optional<String> sourceId = o.get("sourceId").optional(Node::id);
          String text = o.get("text").id();
          Node template = o.get("template");
          if (template.isAbsent()) {
            return new Fact(kind, sourceId, text);
          }
          FactTemplate t = template.code(FactTemplate.class);
          List<Object> values = o.get("values").list(AssessmentJson::readFactValue);
          Fact fact = o.build(() -> Fact.of(kind, sourceId.orElse(null), t, values.toArray()));
          if (!fact.text().equals(text)) {
            throw o.get("text")
                .problem("does not match its template and values, which say '" + fact.text() + "'");
          }
          return fact;
        });
  }

  private static Object readFactValue(Node node) {
    Node.Obj o = node.object(FACT_VALUE_FIELDS);
    if (!o.get("integer").isAbsent()) {
      return o.get("integer").integer(Integer.MIN_VALUE, Integer.MAX_VALUE);
    }
    if (!o.get("decimal").isAbsent()) {
      return o.get("decimal").decimal();
    }
    if (!o.get("instant").isAbsent()) {
      return o.get("instant").instant();
    }
    if (!o.get("date").isAbsent()) {
      return o.get("date").date();
    }
    if (!o.get("day").isAbsent()) {
      return new DayOnset(o.get("day").date());
    }
    return o.get("text").id();
  }

  private static Recommendation readRecommendation(Node node) {
    Node.Obj o = node.object(RECOMMENDATION_FIELDS);
    String code = o.get("code").id();
    Category category = o.get("category").code(Category.class);
    Priority priority = o.get("priority").code(Priority.class);
    String patientText = o.get("patientText").text();
    List<Trigger> triggers = o.get("triggers").list(AssessmentJson::readTrigger);
    List<Caution> cautions = o.get("cautions").list(AssessmentJson::readCaution);
    return o.build(
        () -> new Recommendation(code, category, priority, patientText, triggers, cautions));
  }

  private static Trigger readTrigger(Node node) {
    Node.Obj o = node.object(TRIGGER_FIELDS);
    String ruleId = o.get("ruleId").id();
    int ruleVersion = o.get("ruleVersion").integer(1, Integer.MAX_VALUE);
    String rationale = o.get("rationale").text();
    Evidence evidence = readEvidence(o.get("evidence"));
    List<Fact> facts = readFacts(o.get("facts"));
    return new Trigger(ruleId, ruleVersion, rationale, evidence, facts);
  }

  private static Evidence readEvidence(Node node) {
    Node.Obj o = node.object(EVIDENCE_FIELDS);
    String id = o.get("id").id();
    String citation = o.get("citation").id();
    String strength = o.get("strength").id();
    Optional<String> url = o.get("url").optional(Node::id);
    return new Evidence(id, citation, strength, url);
  }

  private static Caution readCaution(Node node) {
    Node.Obj o = node.object(CAUTION_FIELDS);
    String code = o.get("code").id();
    String text = o.get("text").text();
    String ruleId = o.get("ruleId").id();
    List<Fact> facts = readFacts(o.get("facts"));
    return new Caution(code, text, ruleId, facts);
  }

  private static Suppression readSuppression(Node node) {
    Node.Obj o = node.object(SUPPRESSION_FIELDS);
    String code = o.get("code").id();
    String ruleId = o.get("ruleId").id();
    int ruleVersion = o.get("ruleVersion").integer(1, Integer.MAX_VALUE);
    String reason = o.get("reason").text();
    Evidence evidence = readEvidence(o.get("evidence"));
    List<Fact> facts = readFacts(o.get("facts"));
    Optional<String> replacedBy = o.get("replacedBy").optional(Node::id);
    return new Suppression(code, ruleId, ruleVersion, reason, evidence, facts, replacedBy);
  }

  private static UnusedInput readUnused(Node node) {
    Node.Obj o = node.object(UNUSED_FIELDS);
    FactKind kind = o.get("kind").code(FactKind.class);
    String sourceId = o.get("sourceId").id();
    String reason = o.get("reason").text();
    return new UnusedInput(kind, sourceId, reason);
  }
}
