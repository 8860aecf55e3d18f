package org.crampcare.json;

import static com.google.common.collect.ImmutableList.toImmutableList;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Censoring;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;

/** Maps {@link PatientContext} and its parts to and from JSON objects. */
final class PatientJson {
  static final ImmutableList<String> FIELDS =
      ImmutableList.of(
          "id", "birthDate", "sex", "pregnant", "conditions", "medications", "labs", "lifestyle");

  /** Version 2 adds the findings recorded on their own. */
  static final ImmutableList<String> FIELDS_V2 =
      ImmutableList.<String>builder().addAll(FIELDS).add("findings").build();

  static final ImmutableList<String> LAB_FIELDS_V2 =
      ImmutableList.of(
          "id", "analyte", "value", "unit", "date", "referenceRange", "censoring", "flag");

  static final ImmutableList<String> FINDING_FIELDS =
      ImmutableList.of("id", "sign", "site", "recorded", "ongoing");

  static final ImmutableList<String> CONDITION_FIELDS = ImmutableList.of("id", "kind", "ckdStage");

  static final ImmutableList<String> MEDICATION_FIELDS = ImmutableList.of("id", "class", "name");

  static final ImmutableList<String> LAB_FIELDS =
      ImmutableList.of("id", "analyte", "value", "unit", "date", "referenceRange");

  static final ImmutableList<String> RANGE_FIELDS = ImmutableList.of("low", "high");

  static final ImmutableList<String> LIFESTYLE_FIELDS =
      ImmutableList.of(
          "fluidLitresPerDay",
          "alcoholUnitsPerWeek",
          "exercise",
          "repetitiveHandWorkHoursPerDay",
          "sittingHoursPerDay",
          "coldExposure");

  /** The highest daily fluid intake {@link Lifestyle} accepts, in litres. */
  static final double MAX_FLUID_LITRES_PER_DAY = 20;

  /** The hours in a day, the most {@link Lifestyle} accepts for a daily activity. */
  static final double HOURS_PER_DAY = 24;

  private static final int MAX_CKD_STAGE = 5;

  private PatientJson() {}

  /** Returns the fields of a patient object at the given schema version. */
  static List<String> fields(int version) {
    return version == 1 ? FIELDS : FIELDS_V2;
  }

  static void write(JsonGenerator g, PatientContext patient) throws IOException {
    g.writeStartObject();
    writeFields(g, patient);
    g.writeEndObject();
  }

  static void writeFields(JsonGenerator g, PatientContext patient) throws IOException {
    Out.string(g, "id", patient.id());
    Out.date(g, "birthDate", patient.birthDate());
    Out.code(g, "sex", patient.sex());
    g.writeBooleanField("pregnant", patient.pregnant());
    g.writeArrayFieldStart("conditions");
    for (Condition condition : patient.conditions()) {
      g.writeStartObject();
      g.writeStringField("id", condition.id());
      Out.code(g, "kind", condition.kind());
      if (condition.ckdStage().isPresent()) {
        g.writeNumberField("ckdStage", condition.ckdStage().get());
      }
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("medications");
    for (Medication medication : patient.medications()) {
      g.writeStartObject();
      g.writeStringField("id", medication.id());
      Out.code(g, "class", medication.medicationClass());
      g.writeStringField("name", medication.name());
      g.writeEndObject();
    }
    g.writeEndArray();
    g.writeArrayFieldStart("labs");
    for (LabResult lab : patient.labs()) {
      writeLab(g, lab);
    }
    g.writeEndArray();
    writeLifestyle(g, patient.lifestyle());
    g.writeArrayFieldStart("findings");
    for (SignFinding finding : patient.findings()) {
      g.writeStartObject();
      g.writeStringField("id", finding.id());
      Out.code(g, "sign", finding.sign());
      Out.code(g, "site", finding.site());
      if (finding.recorded().isPresent()) {
        Out.instant(g, "recorded", finding.recorded().get());
      }
      g.writeBooleanField("ongoing", finding.ongoing());
      g.writeEndObject();
    }
    g.writeEndArray();
  }

  static void writeLab(JsonGenerator g, LabResult lab) throws IOException {
    g.writeStartObject();
    g.writeStringField("id", lab.id());
    Out.code(g, "analyte", lab.analyte());
    Out.decimal(g, "value", lab.value());
    g.writeStringField("unit", lab.unit());
    Out.date(g, "date", lab.date());
    if (lab.referenceRange().isPresent()) {
      writeRange(g, "referenceRange", lab.referenceRange().get());
    }
    Out.code(g, "censoring", lab.censoring());
    Out.code(g, "flag", lab.flag());
    g.writeEndObject();
  }

  static void writeRange(JsonGenerator g, String name, ReferenceRange range) throws IOException {
    g.writeObjectFieldStart(name);
    Out.decimal(g, "low", range.low());
    Out.decimal(g, "high", range.high());
    g.writeEndObject();
  }

  private static void writeLifestyle(JsonGenerator g, Lifestyle lifestyle) throws IOException {
    g.writeObjectFieldStart("lifestyle");
    Out.number(g, "fluidLitresPerDay", lifestyle.fluidLitresPerDay());
    Out.number(g, "alcoholUnitsPerWeek", lifestyle.alcoholUnitsPerWeek());
    Out.code(g, "exercise", lifestyle.exercise());
    Out.number(g, "repetitiveHandWorkHoursPerDay", lifestyle.repetitiveHandWorkHoursPerDay());
    Out.number(g, "sittingHoursPerDay", lifestyle.sittingHoursPerDay());
    g.writeBooleanField("coldExposure", lifestyle.coldExposure());
    g.writeEndObject();
  }

  static PatientContext read(Node node) {
    return read(node.object(fields(node.version())));
  }

  static PatientContext read(Node.Obj o) {
    Optional<String> id = o.get("id").optional(Node::id);
    LocalDate birthDate = o.get("birthDate").date();
    Sex sex = o.get("sex").code(Sex.class);
    boolean pregnant = o.get("pregnant").optional(Node::bool).orElse(false);

    List<Node> conditionNodes = o.get("conditions").items();
    ImmutableList<Condition> conditions =
        conditionNodes.stream().map(PatientJson::readCondition).collect(toImmutableList());
    Node.requireUniqueIds(
        conditionNodes,
        conditions.stream().map(c -> c.id() + " (" + c.kind().code() + ")").toList());

    List<Node> medicationNodes = o.get("medications").items();
    ImmutableList<Medication> medications =
        medicationNodes.stream().map(PatientJson::readMedication).collect(toImmutableList());
    Node.requireUniqueIds(
        medicationNodes,
        medications.stream().map(m -> m.id() + " (" + m.medicationClass().code() + ")").toList());

    List<Node> labNodes = o.get("labs").items();
    ImmutableList<LabResult> labs =
        labNodes.stream().map(PatientJson::readLab).collect(toImmutableList());
    Node.requireUniqueIds(labNodes, labs.stream().map(LabResult::id).toList());

    Lifestyle lifestyle =
        o.get("lifestyle").optional(PatientJson::readLifestyle).orElseGet(Lifestyle::unknown);
    List<Node> findingNodes = o.version() == 1 ? List.of() : o.get("findings").items();
    ImmutableList<SignFinding> findings =
        findingNodes.stream().map(PatientJson::readFinding).collect(toImmutableList());
    return o.build(
        () ->
            new PatientContext(
                id, birthDate, sex, pregnant, conditions, medications, labs, lifestyle, findings));
  }

  private static SignFinding readFinding(Node node) {
    Node.Obj o = node.object(FINDING_FIELDS);
    String id = o.get("id").id();
    AssociatedSign sign = o.get("sign").code(AssociatedSign.class);
    Optional<BodySite> site = o.get("site").optional(n -> n.code(BodySite.class));
    Optional<Instant> recorded = o.get("recorded").optional(Node::instant);
    boolean ongoing = o.get("ongoing").optional(Node::bool).orElse(false);
    return o.build(() -> new SignFinding(id, sign, site, recorded, ongoing));
  }

  private static Condition readCondition(Node node) {
    Node.Obj o = node.object(CONDITION_FIELDS);
    String id = o.get("id").id();
    ConditionKind kind = o.get("kind").code(ConditionKind.class);
    Node stageNode = o.get("ckdStage");
    Optional<Integer> stage = stageNode.optional(n -> n.integer(1, MAX_CKD_STAGE));
    if (stage.isPresent() && kind != ConditionKind.CHRONIC_KIDNEY_DISEASE) {
      throw stageNode.problem(
          stage.get()
              + " is not allowed for kind '"
              + kind.code()
              + "'; expected ckdStage only with kind 'chronic-kidney-disease'");
    }
    return o.build(() -> new Condition(id, kind, stage));
  }

  private static Medication readMedication(Node node) {
    Node.Obj o = node.object(MEDICATION_FIELDS);
    String id = o.get("id").id();
    MedicationClass medicationClass = o.get("class").code(MedicationClass.class);
    String name = o.get("name").id();
    return o.build(() -> new Medication(id, medicationClass, name));
  }

  static LabResult readLab(Node node) {
    Node.Obj o = node.object(node.version() == 1 ? LAB_FIELDS : LAB_FIELDS_V2);
    String id = o.get("id").id();
    Analyte analyte = o.get("analyte").code(Analyte.class);
    BigDecimal value = o.get("value").nonNegativeDecimal();
    Node unitNode = o.get("unit");
    String expectedUnit = "one of " + String.join(", ", analyte.units());
    String unit = unitNode.string(expectedUnit);
    if (analyte.knownUnit(unit).isEmpty()) {
      throw unitNode.problem(
          Node.quote(unit)
              + " is not a unit of "
              + analyte.display()
              + "; expected "
              + expectedUnit);
    }
    LocalDate date = o.get("date").date();
    Optional<ReferenceRange> range = o.get("referenceRange").optional(PatientJson::readRange);
    Optional<Censoring> censoring = o.get("censoring").optional(n -> n.code(Censoring.class));
    Optional<LabFlag> flag = o.get("flag").optional(n -> n.code(LabFlag.class));
    return o.build(() -> new LabResult(id, analyte, value, unit, date, range, censoring, flag));
  }

  static ReferenceRange readRange(Node node) {
    Node.Obj o = node.object(RANGE_FIELDS);
    Optional<BigDecimal> low = o.get("low").optional(Node::decimal);
    Optional<BigDecimal> high = o.get("high").optional(Node::decimal);
    return o.build(() -> new ReferenceRange(low, high));
  }

  private static Lifestyle readLifestyle(Node node) {
    Node.Obj o = node.object(LIFESTYLE_FIELDS);
    Optional<Double> fluid =
        o.get("fluidLitresPerDay").optional(n -> n.number(0, MAX_FLUID_LITRES_PER_DAY));
    Optional<Double> alcohol =
        o.get("alcoholUnitsPerWeek").optional(n -> n.number(0, Double.MAX_VALUE));
    ExerciseHabit exercise =
        o.get("exercise").optional(n -> n.code(ExerciseHabit.class)).orElse(ExerciseHabit.UNKNOWN);
    Optional<Double> handWork =
        o.get("repetitiveHandWorkHoursPerDay").optional(n -> n.number(0, HOURS_PER_DAY));
    Optional<Double> sitting =
        o.get("sittingHoursPerDay").optional(n -> n.number(0, HOURS_PER_DAY));
    boolean cold = o.get("coldExposure").optional(Node::bool).orElse(false);
    return o.build(() -> new Lifestyle(fluid, alcohol, exercise, handWork, sitting, cold));
  }
}
