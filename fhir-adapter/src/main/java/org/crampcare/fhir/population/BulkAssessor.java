package org.crampcare.fhir.population;

import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import com.google.common.collect.ImmutableList;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.crampcare.CrampCareException;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.FhirImporter;
import org.crampcare.fhir.References;
import org.crampcare.patient.Medication;
import org.crampcare.recommendation.Evidence;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.MedicationStatement;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;

/**
 * Assesses one patient of a Bulk Data export from the patient's NDJSON lines: the one place both
 * {@link PopulationRun} and the Spark job do it, so that their results are the same by
 * construction. Not thread-safe (it holds a parser): one per thread or partition.
 */
public final class BulkAssessor {
  private final CrampCareFhir fhir;
  private final Instant asOf;
  private final IParser parser;
  private final IParser encoder;
  private final @Nullable ObservationLineParser observations;
  private final Set<String> resourceTypes;
  // HAPI's lookup by name checks and lower-cases on every call
  private final Map<String, ca.uhn.fhir.context.RuntimeResourceDefinition> definitions =
      new java.util.HashMap<>();

  /**
   * A context whose encoder does not look for references to resources without an id to contain
   * them: HAPI walks every element of every resource for that (a sixth of encoding a patient's
   * outputs), and our outputs never use it; a resource that does is written by the default encoder
   * (see {@link #ndjsonResources}).
   */
  private static final class NoAutoContain {
    static final ca.uhn.fhir.context.FhirContext CONTEXT = create();

    private static ca.uhn.fhir.context.FhirContext create() {
      ca.uhn.fhir.context.FhirContext context = ca.uhn.fhir.context.FhirContext.forR4();
      context.getParserOptions().setAutoContainReferenceTargetsWithNoId(false);
      return context;
    }
  }

  /** User data on an output resource that has a reference to a resource object without an id. */
  static final String AUTO_CONTAIN = BulkAssessor.class.getName() + ".autoContain";

  /** Creates an assessor for one thread. */
  public BulkAssessor(CrampCareFhir fhir, Instant asOf) {
    this(fhir, asOf, true);
  }

  /**
   * Creates an assessor for one thread.
   *
   * @param fast whether Observation lines of the common shape are read by {@link
   *     ObservationLineParser} and outputs are written without HAPI's search for resources to
   *     contain (the default); false reads every line with HAPI's parser and writes with its
   *     default options, for tests that compare the two
   */
  BulkAssessor(CrampCareFhir fhir, Instant asOf, boolean fast) {
    this.fhir = fhir;
    this.asOf = asOf;
    this.parser = fhir.context().newJsonParser();
    // As the single-patient import reads JSON: an invalid value leaves its element empty (the
    // resource is then reported if it is relevant) instead of failing the patient, and HAPI does
    // not log the values, which could be patient data.
    LenientErrorHandler errors = new LenientErrorHandler(false);
    errors.setErrorOnInvalidValue(false);
    parser.setParserErrorHandler(errors);
    this.observations = fast ? new ObservationLineParser() : null;
    this.resourceTypes = fhir.context().getResourceTypes();
    this.encoder = fast ? NoAutoContain.CONTEXT.newJsonParser() : parser;
  }

  private Resource parse(String line) {
    if (observations != null) {
      Resource r = observations.parse(line);
      if (r != null) {
        return r;
      }
      r = unread(line);
      if (r != null) {
        return r;
      }
    }
    return (Resource) parser.parseResource(line);
  }

  /**
   * Returns an empty resource of the line's type and id when the importer never reads that type
   * ({@link FhirImporter#RESOURCE_TYPES_READ}): it counts it as irrelevant to cramps whatever it
   * holds, so the line need not be parsed. A Synthea export's Claims, ExplanationOfBenefits and
   * Encounters are most of its bytes. Null for any other line.
   */
  private @Nullable Resource unread(String line) {
    String type;
    String id;
    String[] start = start(line);
    if (start != null) {
      type = start[0];
      id = start[1];
    } else {
      PopulationRun.Key key = PopulationRun.key(line);
      if (key == null) {
        return null;
      }
      type = key.type();
      id = key.id();
    }
    if (FhirImporter.RESOURCE_TYPES_READ.contains(type) || !resourceTypes.contains(type)) {
      return null;
    }
    Resource empty =
        (Resource)
            definitions
                .computeIfAbsent(type, t -> fhir.context().getResourceDefinition(t))
                .newInstance();
    if (id != null) {
      empty.setIdElement(new IdType(type, id));
    }
    empty.setUserData(ca.uhn.fhir.parser.BaseParser.RESOURCE_CREATED_BY_PARSER, Boolean.TRUE);
    return empty;
  }

  private static final String TYPE_FIRST = "{\"resourceType\":\"";
  private static final String ID_NEXT = "\",\"id\":\"";

  /**
   * Reads the type and id from the way servers begin a resource, {@code {"resourceType":"Claim",
   * "id":"c1",...}}, without parsing the rest: a Synthea ExplanationOfBenefit is 10 KB. Null when
   * the line begins otherwise, either value is not a plain name or id, or {@code resourceType}
   * appears again (the caller then reads the line's members with Jackson). Partitioning has already
   * read every line as JSON.
   */
  static String @Nullable [] start(String line) {
    if (!line.startsWith(TYPE_FIRST)) {
      return null;
    }
    int typeEnd = line.indexOf('"', TYPE_FIRST.length());
    if (typeEnd < 0 || !line.startsWith(ID_NEXT, typeEnd)) {
      return null;
    }
    int idStart = typeEnd + ID_NEXT.length();
    int idEnd = line.indexOf('"', idStart);
    if (idEnd < 0) {
      return null;
    }
    String type = line.substring(TYPE_FIRST.length(), typeEnd);
    String id = line.substring(idStart, idEnd);
    if (!PLAIN_TYPE.matcher(type).matches()
        || !ObservationLineParser.ID.matcher(id).matches()
        // a second resourceType (a contained resource, or a repeated member) needs the parser
        || line.indexOf("\"resourceType\"", idEnd) >= 0) {
      return null;
    }
    return new String[] {type, id};
  }

  private static final java.util.regex.Pattern PLAIN_TYPE =
      java.util.regex.Pattern.compile("[A-Z][A-Za-z]{0,63}");

  /**
   * One NDJSON line of output.
   *
   * @param type the resource type, which names the output file
   * @param json the resource as one line of JSON
   */
  public record Line(String type, String json) implements Serializable {}

  /**
   * One recommendation given, for a table.
   *
   * @param patient the patient id
   * @param code the recommendation's code
   * @param category its category code
   * @param priority its priority code
   * @param ruleIds the rules that gave it
   * @param ruleBook the rule book's version
   * @param evidence the evidence's citations
   * @param asOf the assessment time
   */
  public record RecommendationRow(
      String patient,
      String code,
      String category,
      String priority,
      List<String> ruleIds,
      String ruleBook,
      List<String> evidence,
      String asOf)
      implements Serializable {}

  /**
   * What assessing one patient gave.
   *
   * @param patient the patient id
   * @param lines the output resources, the mapping report (an OperationOutcome) last
   * @param notAssessedReason why the patient could not be assessed, if so (the patient id in it
   *     replaced by {@code <patient>}, so that reasons can be counted)
   * @param recommendations the recommendations, most urgent first
   * @param redFlags the red flags' codes
   * @param medicationLabCombinations "class + low electrolyte" for each cramp-associated medicine
   *     class the patient takes and each low electrolyte found
   */
  public record Outcome(
      String patient,
      ImmutableList<Line> lines,
      Optional<String> notAssessedReason,
      ImmutableList<RecommendationRow> recommendations,
      ImmutableList<String> redFlags,
      ImmutableList<String> medicationLabCombinations)
      implements Serializable {}

  /**
   * Assesses a patient.
   *
   * @param patient the patient id the lines were grouped by
   * @param lines the patient's NDJSON lines, in any order: they are read sorted, so the result does
   *     not depend on it
   * @param medications the export's Medications by id, as NDJSON lines, joined to the requests that
   *     reference them
   */
  public Outcome assess(String patient, List<String> lines, Map<String, String> medications) {
    List<Line> out = new ArrayList<>();
    List<RecommendationRow> rows = new ArrayList<>();
    Set<String> flags = new TreeSet<>();
    Set<String> combinations = new TreeSet<>();
    Optional<String> notAssessed = Optional.empty();
    OperationOutcome report;
    try {
      List<Resource> resources = new ArrayList<>();
      Set<String> joined = new HashSet<>();
      // In a fixed order, whatever order the lines came in (a file's, or a Spark shuffle's): the
      // mapping report lists issues in input order, and the result must not depend on it.
      List<String> ordered = new ArrayList<>(lines);
      java.util.Collections.sort(ordered);
      for (String line : ordered) {
        Resource r = parse(line);
        resources.add(r);
        String medication = medicationReference(r);
        if (medication != null && joined.add(medication) && medications.containsKey(medication)) {
          resources.add((Resource) parser.parseResource(medications.get(medication)));
        }
      }
      CrampCareFhir.Result result = fhir.assess(resources, asOf);
      report = result.imported().report().copy();
      String ruleBook = result.assessment().ruleBookVersion();
      for (Recommendation r : result.assessment().recommendations()) {
        List<String> citations = new ArrayList<>();
        for (Evidence e : r.evidence()) {
          citations.add(e.citation());
        }
        rows.add(
            new RecommendationRow(
                patient,
                r.code(),
                r.category().code(),
                r.priority().code(),
                List.copyOf(r.ruleIds()),
                ruleBook,
                List.copyOf(citations),
                asOf.toString()));
      }
      for (RedFlag f : result.assessment().redFlags()) {
        flags.add(f.kind().code());
      }
      Set<String> lows = new TreeSet<>();
      for (RiskFactor f : result.assessment().riskFactors()) {
        RiskFactorKind k = f.kind();
        if (k == RiskFactorKind.LOW_POTASSIUM
            || k == RiskFactorKind.LOW_MAGNESIUM
            || k == RiskFactorKind.LOW_CALCIUM
            || k == RiskFactorKind.LOW_SODIUM) {
          lows.add(k.code());
        }
      }
      for (Medication m : result.imported().patient().medications()) {
        if (m.medicationClass().crampAssociated()) {
          for (String low : lows) {
            combinations.add(m.medicationClass().code() + " + " + low);
          }
        }
      }
      for (Resource r : ndjsonResources(result.transaction())) {
        IParser writer = r.getUserData(AUTO_CONTAIN) == null ? encoder : parser;
        out.add(new Line(r.fhirType(), writer.encodeResourceToString(r)));
      }
    } catch (CrampCareException | IllegalArgumentException | DataFormatException e) {
      String reason = String.valueOf(e.getMessage()).replace(patient, "<patient>");
      notAssessed = Optional.of(reason.replaceFirst("^HAPI-\\d+: ", ""));
      report = new OperationOutcome();
      report
          .addIssue()
          .setSeverity(OperationOutcome.IssueSeverity.ERROR)
          .setCode(OperationOutcome.IssueType.PROCESSING)
          .setDiagnostics("not assessed: " + e.getMessage());
    }
    report.setId(
        UUID.nameUUIDFromBytes(("mapping-report\u001f" + patient).getBytes(StandardCharsets.UTF_8))
            .toString());
    report
        .getIssue()
        .add(
            0,
            new OperationOutcome.OperationOutcomeIssueComponent()
                .setSeverity(OperationOutcome.IssueSeverity.INFORMATION)
                .setCode(OperationOutcome.IssueType.INFORMATIONAL)
                .setDiagnostics("mapping report of Patient/" + patient));
    compact(report);
    out.add(new Line("OperationOutcome", encoder.encodeResourceToString(report)));
    return new Outcome(
        patient,
        ImmutableList.copyOf(out),
        notAssessed,
        ImmutableList.copyOf(rows),
        ImmutableList.copyOf(flags),
        ImmutableList.copyOf(combinations));
  }

  /** The fewest issues with the same text that are listed as one. */
  static final int COMPACT_FROM = 3;

  /**
   * Lists repeated caveats once per patient: issues with the same severity, code, expression and
   * message about {@value #COMPACT_FROM} or more resources become one issue that names every
   * resource ("72 resources (Observation/a, Observation/b, ...): dated more than P12M before ...").
   * Nothing is left out; a chart's 70 stale-lab notes no longer make its report 20 KB. The issue
   * stands where the first of them stood.
   */
  static void compact(OperationOutcome report) {
    List<OperationOutcome.OperationOutcomeIssueComponent> issues = report.getIssue();
    Map<String, List<Integer>> groups = new LinkedHashMap<>();
    for (int i = 0; i < issues.size(); i++) {
      OperationOutcome.OperationOutcomeIssueComponent issue = issues.get(i);
      String diagnostics = issue.getDiagnostics();
      int colon = diagnostics == null ? -1 : diagnostics.indexOf(": ");
      if (colon <= 0 || diagnostics.substring(0, colon).indexOf('/') < 0) {
        continue;
      }
      String key =
          issue.getSeverity()
              + "|"
              + issue.getCode()
              + "|"
              + issue.getExpression()
              + "|"
              + diagnostics.substring(colon + 2);
      groups.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    Set<Integer> drop = new HashSet<>();
    for (List<Integer> group : groups.values()) {
      if (group.size() < COMPACT_FROM) {
        continue;
      }
      List<String> resources = new ArrayList<>();
      String message = "";
      for (int i : group) {
        String diagnostics = issues.get(i).getDiagnostics();
        int colon = diagnostics.indexOf(": ");
        resources.add(diagnostics.substring(0, colon));
        message = diagnostics.substring(colon + 2);
      }
      issues
          .get(group.get(0))
          .setDiagnostics(
              resources.size() + " resources (" + String.join(", ", resources) + "): " + message);
      drop.addAll(group.subList(1, group.size()));
    }
    if (drop.isEmpty()) {
      return;
    }
    List<OperationOutcome.OperationOutcomeIssueComponent> kept = new ArrayList<>();
    for (int i = 0; i < issues.size(); i++) {
      if (!drop.contains(i)) {
        kept.add(issues.get(i));
      }
    }
    report.setIssue(kept);
  }

  private static @Nullable String medicationReference(Resource r) {
    Reference ref = null;
    if (r instanceof MedicationRequest && ((MedicationRequest) r).hasMedicationReference()) {
      ref = ((MedicationRequest) r).getMedicationReference();
    } else if (r instanceof MedicationStatement
        && ((MedicationStatement) r).hasMedicationReference()) {
      ref = ((MedicationStatement) r).getMedicationReference();
    }
    if (ref == null || !ref.hasReference() || ref.getReference().startsWith("#")) {
      return null;
    }
    String value = ref.getReference();
    if (value.startsWith("urn:uuid:")) {
      return value.substring("urn:uuid:".length());
    }
    IdType id = new IdType(value);
    return "Medication".equals(id.getResourceType()) ? id.getIdPart() : null;
  }

  /**
   * Returns the transaction's resources as they stand alone in NDJSON: each with the id of its
   * entry ({@code urn:uuid:X} gives id X), and references between them as {@code Type/id}. A
   * resource with a reference to a resource object that has no id is marked with {@link
   * #AUTO_CONTAIN}: only HAPI's default encoder contains such a target.
   */
  static List<Resource> ndjsonResources(Bundle transaction) {
    Map<String, String> local = new java.util.HashMap<>();
    for (Bundle.BundleEntryComponent e : transaction.getEntry()) {
      if (e.hasFullUrl() && e.getFullUrl().startsWith("urn:uuid:")) {
        local.put(
            e.getFullUrl(),
            e.getResource().fhirType() + "/" + e.getFullUrl().substring("urn:uuid:".length()));
      }
    }
    List<Resource> resources = new ArrayList<>();
    for (Bundle.BundleEntryComponent e : transaction.getEntry()) {
      Resource r = e.getResource();
      String self = local.get(e.getFullUrl());
      if (self != null) {
        r.setId(self);
      }
      for (Reference ref : References.in(r)) {
        if (ref.getResource() != null && ref.getResource().getIdElement().isEmpty()) {
          r.setUserData(AUTO_CONTAIN, Boolean.TRUE);
        }
        String target = local.get(ref.getReference());
        if (target != null) {
          ref.setReference(target);
        }
      }
      resources.add(r);
    }
    return resources;
  }

  /**
   * Returns the patient id an NDJSON line belongs to and its resource type, or empty for a line
   * that is not a FHIR resource; see {@link PopulationRun} for the rules.
   *
   * @return {@code [type, patient]}, the patient null when the resource names none
   */
  public static Optional<String[]> key(String line) {
    PopulationRun.Key key = PopulationRun.key(line);
    return key == null ? Optional.empty() : Optional.of(new String[] {key.type(), key.patient()});
  }
}
