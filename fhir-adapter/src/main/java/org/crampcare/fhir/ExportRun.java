package org.crampcare.fhir;

import com.google.common.escape.Escaper;
import com.google.common.net.PercentEscaper;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.risk.DayOnset;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.FactTemplate;
import org.hl7.fhir.r4.model.CodeType;
import org.hl7.fhir.r4.model.DateTimeType;
import org.hl7.fhir.r4.model.DateType;
import org.hl7.fhir.r4.model.DecimalType;
import org.hl7.fhir.r4.model.Extension;
import org.hl7.fhir.r4.model.IdType;
import org.hl7.fhir.r4.model.Identifier;
import org.hl7.fhir.r4.model.InstantType;
import org.hl7.fhir.r4.model.IntegerType;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.StringType;
import org.hl7.fhir.r4.model.Type;

/**
 * The state of one export: the patient, the assessment time, the bundle-internal addresses of what
 * is created, and how facts resolve to references. Deterministic: every address is a name-based
 * UUID over the patient, the assessment time, the rule book version and what the resource is. Not
 * thread-safe; one per call.
 */
final class ExportRun {
  private static final Escaper QUERY = new PercentEscaper("-._~:/", false);
  private static final Pattern REFERENCE =
      Pattern.compile(
          "(https?://[^\\s/]+(/[^\\s/]+)*/)?[A-Z][A-Za-z]+/[A-Za-z0-9\\-.]{1,64}"
              + "(/_history/[A-Za-z0-9\\-.]{1,64})?");

  final String patientReference;
  final Instant asOf;
  final RuleBook ruleBook;
  final RuleBookTerminology terminology;
  final String ruleBookVersion;
  final String softwareVersion;
  final String deviceUrl;
  private final Map<String, String> episodeReferences = new LinkedHashMap<>();

  /** What became of the input's cramp records, when the episodes were imported. */
  final Optional<ImportResult.CrampRecords> crampRecords;

  ExportRun(
      String patientReference,
      Assessment assessment,
      List<CrampEpisode> episodes,
      RuleBook ruleBook,
      String softwareVersion) {
    this(
        patientReference,
        assessment,
        episodes,
        ruleBook,
        RuleBookTerminology.of(ruleBook),
        softwareVersion,
        Optional.empty());
  }

  ExportRun(
      String patientReference,
      Assessment assessment,
      List<CrampEpisode> episodes,
      RuleBook ruleBook,
      RuleBookTerminology terminology,
      String softwareVersion,
      Optional<ImportResult.CrampRecords> crampRecords) {
    this.crampRecords = crampRecords;
    this.terminology = terminology;
    this.patientReference = patientReference;
    this.asOf = assessment.asOf();
    this.ruleBook = ruleBook;
    this.ruleBookVersion = assessment.ruleBookVersion();
    this.softwareVersion = softwareVersion;
    this.deviceUrl = nameUrn("device", deviceIdentifierValue());
    for (CrampEpisode e : episodes) {
      String reference = isTyped(e.id()) ? e.id() : episodeUrl(e.id());
      if (episodeReferences.put(e.id(), reference) != null) {
        throw new IllegalArgumentException(
            "episodes: id '" + e.id() + "' appears more than once; expected unique ids");
      }
    }
  }

  /**
   * Returns whether an id is a typed reference such as {@code Observation/123} (or an absolute URL
   * ending in one); a plain id has no {@code /}.
   *
   * @throws IllegalArgumentException if the id contains {@code /} but is not a reference
   */
  static boolean isTyped(String id) {
    if (id.indexOf('/') < 0) {
      return false;
    }
    if (!REFERENCE.matcher(id).matches()) {
      throw new IllegalArgumentException(
          "id '"
              + id
              + "' contains '/' but is not a FHIR reference; expected a typed reference such as"
              + " Observation/123 or a plain id without '/'");
    }
    return true;
  }

  /** Returns the resource type of a typed reference. */
  static String typeOf(String typedReference) {
    return new IdType(typedReference).getResourceType();
  }

  /** The identifier value of the Device: software and rule book version. */
  String deviceIdentifierValue() {
    return "crampcare/" + softwareVersion + "/" + ruleBookVersion;
  }

  /** The fullUrl of our Observation for a plain episode id; per patient, not per assessment. */
  String episodeUrl(String episodeId) {
    return nameUrn("episode", patientReference, episodeId);
  }

  /** Returns a UUID for a resource that belongs to this assessment. */
  String assessmentUuid(String kind, String key) {
    return uuid("assessment", patientReference, asOf.toString(), ruleBookVersion, kind, key);
  }

  /** Returns the fullUrl for a UUID. */
  static String urn(String uuid) {
    return "urn:uuid:" + uuid;
  }

  /** Returns the fullUrl of a name-based UUID over the parts. */
  static String nameUrn(String... parts) {
    return urn(uuid(parts));
  }

  private static String uuid(String... parts) {
    return UUID.nameUUIDFromBytes(String.join("\u001f", parts).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** Returns the assessment time as a FHIR dateTime. */
  DateTimeType asOfDateTime() {
    DateTimeType t = new DateTimeType();
    t.setValueAsString(asOf.toString());
    return t;
  }

  /** Returns a reference to the Device. */
  Reference device() {
    return new Reference(deviceUrl).setDisplay("CrampCare");
  }

  /** Returns a reference to the patient. */
  Reference patient() {
    return new Reference(patientReference);
  }

  /** Returns an identifier in the given system. */
  static Identifier identifier(String system, String value) {
    return new Identifier().setSystem(system).setValue(value);
  }

  /**
   * Returns the conditional-create query for an identifier, for {@code Bundle.entry.request.
   * ifNoneExist}.
   */
  static String ifNoneExist(Identifier identifier) {
    return "identifier="
        + QUERY.escape(identifier.getSystem())
        + "|"
        + QUERY.escape(identifier.getValue());
  }

  /** Returns a query parameter with an escaped value. */
  static String param(String name, String value) {
    return name + "=" + QUERY.escape(value);
  }

  /** Returns the episode references, by episode id, in input order. */
  Map<String, String> episodeReferences() {
    return episodeReferences;
  }

  /**
   * A fact resolved to what it refers to.
   *
   * @param fact the fact
   * @param reference a reference to its source, when it has one
   * @param type the FHIR resource type of the source, when known
   */
  record Resolved(Fact fact, Optional<Reference> reference, Optional<String> type) {}

  /**
   * Resolves facts to references, in order.
   *
   * @throws IllegalArgumentException if a fact names an episode that was not given
   */
  List<Resolved> resolve(List<Fact> facts) {
    List<Resolved> result = new ArrayList<>();
    for (Fact fact : facts) {
      result.add(resolve(fact));
    }
    return result;
  }

  /**
   * Returns the structure of a structured fact as the {@code fact} extension (template and values
   * in slot order), or empty for a fact given as text only.
   */
  static Optional<Extension> factExtension(Fact fact) {
    if (fact.template() == FactTemplate.TEXT) {
      return Optional.empty();
    }
    Extension ext = new Extension(FhirUrls.EXT_FACT);
    ext.addExtension("template", new CodeType(fact.template().code()));
    for (Object v : fact.values()) {
      Type value;
      if (v instanceof Integer) {
        value = new IntegerType((Integer) v);
      } else if (v instanceof BigDecimal) {
        value = new DecimalType((BigDecimal) v);
      } else if (v instanceof LocalDate) {
        value = new DateType(v.toString());
      } else if (v instanceof Instant) {
        // The instant as written elsewhere in CrampCare's output: UTC, with Z.
        value = new InstantType(v.toString());
      } else if (v instanceof DayOnset) {
        value = new DateType(((DayOnset) v).day().toString());
      } else {
        value = new StringType(v.toString());
      }
      ext.addExtension("value", value);
    }
    return Optional.of(ext);
  }

  /** Returns a reference with the fact as its display and, when structured, its structure. */
  private static Reference withFact(Reference reference, Fact fact) {
    reference.setDisplay(fact.text());
    factExtension(fact).ifPresent(reference::addExtension);
    return reference;
  }

  Resolved resolve(Fact fact) {
    if (fact.sourceId().isEmpty()) {
      return new Resolved(fact, Optional.empty(), Optional.empty());
    }
    String id = fact.sourceId().get();
    if (isTyped(id)) {
      return new Resolved(
          fact, Optional.of(withFact(new Reference(id), fact)), Optional.of(typeOf(id)));
    }
    if (fact.kind() == FactKind.PATIENT) {
      return new Resolved(fact, Optional.of(withFact(patient(), fact)), Optional.of("Patient"));
    }
    if (fact.kind() == FactKind.EPISODE) {
      String reference = episodeReferences.get(id);
      if (reference == null) {
        throw new IllegalArgumentException(
            "fact '"
                + fact.text()
                + "' names episode '"
                + id
                + "', which is not among the episodes given; pass every episode the assessment"
                + " saw");
      }
      return new Resolved(
          fact, Optional.of(withFact(new Reference(reference), fact)), Optional.of("Observation"));
    }
    // A plain id of an EHR item cannot be resolved on a server: a logical reference keeps it.
    Optional<String> type = typeOfKind(fact.kind());
    Reference logical = withFact(new Reference(), fact);
    logical.setIdentifier(new Identifier().setValue(id));
    type.ifPresent(logical::setType);
    return new Resolved(fact, Optional.of(logical), type);
  }

  private static Optional<String> typeOfKind(FactKind kind) {
    switch (kind) {
      case LAB:
        return Optional.of("Observation");
      case CONDITION:
        return Optional.of("Condition");
      default:
        return Optional.empty();
    }
  }

  /** Returns a key that identifies what a reference points at, to de-duplicate references. */
  static String key(Reference reference) {
    if (reference.hasReference()) {
      return reference.getReference();
    }
    return "identifier:" + reference.getIdentifier().getValue();
  }

  /** Returns a copy of a reference without its display, for places where one is enough. */
  static Reference bare(Reference reference) {
    Reference copy = reference.copy();
    copy.setDisplayElement(null);
    return copy;
  }
}
