package org.crampcare.fhir;

import static com.google.common.base.Preconditions.checkArgument;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.context.FhirVersionEnum;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import java.time.Instant;
import java.time.Period;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.crampcare.risk.Thresholds;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.Bundle.BundleType;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads an EHR's FHIR R4 data into the core model: the patient (birth date, sex, pregnancy,
 * conditions, medications by class, labs) and the cramp episodes with their associated signs.
 * Nothing is lost silently: every relevant resource that could not be used is listed, with the
 * reason, in the mapping report ({@link ImportResult#report()}); resources irrelevant to cramps are
 * counted.
 *
 * <p>Accepts a patient's {@code $everything} or any searchset, collection, transaction or batch
 * Bundle with exactly one Patient, or a plain list of resources. What each resource type maps to,
 * and every rule, is documented in {@code docs/fhir-mapping.md} ("Inbound").
 *
 * <pre>{@code
 * FhirImporter importer = new FhirImporter(FhirContext.forR4Cached());
 * ImportResult result = importer.importBundle(bundle, Instant.now());
 * Assessment assessment =
 *     Assessor.withBuiltInRules().assess(result.patient(), result.episodes(), asOf);
 * }</pre>
 *
 * <p>Immutable and thread-safe: it holds the shared {@link FhirContext} and no mutable state; every
 * call builds its own parser and working state. It never modifies its input, but HAPI's getters
 * create empty lists on first access, so a Bundle being read by one thread must not be shared with
 * another thread without synchronisation: parse one per thread.
 */
public final class FhirImporter {
  /**
   * The resource types whose content the importer reads. A resource of any other type is counted as
   * irrelevant to cramps whatever it holds, so a caller with many resources (a Bulk Data export, a
   * {@code $everything}) may pass an empty resource of the same type and id in its place, or leave
   * such types out of a {@code _type} filter. A Medication is read when a request references it.
   */
  public static final com.google.common.collect.ImmutableSet<String> RESOURCE_TYPES_READ =
      com.google.common.collect.ImmutableSet.of(
          "Patient",
          "Observation",
          "Condition",
          "MedicationRequest",
          "MedicationStatement",
          "Medication",
          "QuestionnaireResponse");

  private static final Logger LOG = LoggerFactory.getLogger(FhirImporter.class);
  private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d+");

  private final FhirContext context;
  private final Period labMaxAge;

  /**
   * Creates an importer with the default lab age limit ({@code Thresholds.defaults().labMaxAge()},
   * 12 months).
   *
   * @param r4Context the application's shared FHIR R4 context
   * @throws IllegalArgumentException if the context is not for FHIR R4
   */
  public FhirImporter(FhirContext r4Context) {
    this(r4Context, Thresholds.defaults().labMaxAge());
  }

  private FhirImporter(FhirContext context, Period labMaxAge) {
    FhirVersionEnum version = context.getVersion().getVersion();
    checkArgument(
        version == FhirVersionEnum.R4,
        "FhirImporter needs a FHIR R4 context, got %s; use FhirContext.forR4Cached()",
        version);
    checkArgument(
        !labMaxAge.isNegative() && !labMaxAge.isZero(),
        "labMaxAge must be positive, got %s",
        labMaxAge);
    this.context = context;
    this.labMaxAge = labMaxAge;
  }

  /**
   * Returns an importer that reports labs older than {@code labMaxAge} as stale; use the same value
   * as the assessment's {@code Thresholds.labMaxAge()}.
   *
   * @param labMaxAge the age beyond which a lab is not current evidence
   * @return a new importer
   * @throws IllegalArgumentException if the period is not positive
   */
  public FhirImporter withLabMaxAge(Period labMaxAge) {
    return new FhirImporter(context, labMaxAge);
  }

  /**
   * Imports a patient's data from a Bundle.
   *
   * @param bundle a searchset (including {@code $everything}), collection, transaction or batch
   *     Bundle with exactly one Patient
   * @param asOf the import time: labs older than the lab age limit before it are reported as stale,
   *     episodes after it are not used, the birth date must be before it
   * @return the core model and the mapping report
   * @throws FhirMappingException if the bundle type carries no current record (history, document,
   *     message, responses), there is no Patient or more than one, or the Patient has no valid
   *     birth date before {@code asOf}
   */
  public ImportResult importBundle(Bundle bundle, Instant asOf) {
    BundleType type = bundle.getType();
    String label =
        bundle.getIdElement().hasIdPart()
            ? "Bundle/" + bundle.getIdElement().getIdPart()
            : "Bundle";
    if (type == null || type == BundleType.NULL) {
      throw new FhirMappingException(
          label + ": type is missing; expected searchset, collection, transaction or batch");
    }
    switch (type) {
      case SEARCHSET:
      case COLLECTION:
      case TRANSACTION:
      case BATCH:
        break;
      default:
        throw new FhirMappingException(
            label
                + ": type '"
                + type.toCode()
                + "' is not supported; expected searchset (for example $everything), collection,"
                + " transaction or batch");
    }
    List<Map.Entry<Resource, @Nullable String>> resources = new ArrayList<>();
    for (BundleEntryComponent entry : bundle.getEntry()) {
      Resource resource = entry.getResource();
      if (resource == null) {
        continue;
      }
      String fullUrl = entry.getFullUrl();
      resources.add(new AbstractMap.SimpleImmutableEntry<>(resource, fullUrl));
    }
    return run(resources, asOf);
  }

  /**
   * Imports a patient's data from a list of resources (for example the results of several
   * searches). References between them resolve by {@code Type/id} and to contained resources.
   *
   * @param resources the resources, with exactly one Patient
   * @param asOf the import time (see {@link #importBundle})
   * @return the core model and the mapping report
   * @throws FhirMappingException if there is no Patient or more than one, or the Patient has no
   *     valid birth date before {@code asOf}
   */
  public ImportResult importResources(List<? extends Resource> resources, Instant asOf) {
    List<Map.Entry<Resource, @Nullable String>> entries = new ArrayList<>();
    for (Resource resource : resources) {
      entries.add(new AbstractMap.SimpleImmutableEntry<>(resource, null));
    }
    return run(entries, asOf);
  }

  /**
   * Parses FHIR R4 JSON (a Bundle, or a single Patient) and imports it. Resource ids are kept as
   * sent: the parser does not replace them with the entries' fullUrls. Parsing is lenient: unknown
   * elements are ignored and an invalid primitive value (a malformed date, an unknown status code)
   * leaves that element without a value, so one bad value does not block the whole record; a
   * relevant resource left without what it needs is then reported like any other.
   *
   * @param json the JSON text
   * @param asOf the import time (see {@link #importBundle})
   * @return the core model and the mapping report
   * @throws FhirMappingException if the text is not FHIR R4 JSON (HAPI's {@code
   *     DataFormatException}, or any other exception of HAPI's parser, is the cause; the message
   *     names only the HAPI code or the exception class, since HAPI's messages may quote values),
   *     or for any reason {@link #importBundle} gives
   */
  public ImportResult importJson(String json, Instant asOf) {
    IParser parser = context.newJsonParser();
    parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
    // Liberal: an invalid value (a bad date, an unknown code) leaves that element empty instead of
    // failing the whole input; the mapping then reports the resource if it is relevant. HAPI's
    // own logging of the values is off: it could quote patient data.
    LenientErrorHandler errors = new LenientErrorHandler(false);
    errors.setErrorOnInvalidValue(false);
    parser.setParserErrorHandler(errors);
    IBaseResource parsed;
    try {
      parsed = parser.parseResource(json);
    } catch (DataFormatException e) {
      throw new FhirMappingException(
          "input is not FHIR R4 JSON (" + hapiCode(e) + "); expected a Bundle or a Patient", e);
    } catch (RuntimeException e) {
      // HAPI's parser fails on some malformed input with other exceptions (found by fuzzing: a
      // bundle entry with "_resource" ends in a NullPointerException): still unusable input.
      throw new FhirMappingException(
          "input is not FHIR R4 JSON (HAPI's parser failed with "
              + e.getClass().getSimpleName()
              + "); expected a Bundle or a Patient",
          e);
    }
    if (parsed instanceof Bundle) {
      return importBundle((Bundle) parsed, asOf);
    }
    if (parsed instanceof Resource) {
      return importResources(List.of((Resource) parsed), asOf);
    }
    throw new FhirMappingException(
        "input is a " + parsed.fhirType() + ", not an R4 resource; expected a Bundle or a Patient");
  }

  private static String hapiCode(DataFormatException e) {
    String message = e.getMessage();
    if (message != null) {
      Matcher matcher = HAPI_CODE.matcher(message);
      if (matcher.find()) {
        return matcher.group();
      }
    }
    return "HAPI DataFormatException";
  }

  private ImportResult run(List<Map.Entry<Resource, @Nullable String>> resources, Instant asOf) {
    ImportResult result = new ImportRun(new InboundIndex(resources), asOf, labMaxAge).run();
    LOG.debug(
        "imported {} resources: {} mapped, {} not used, {} irrelevant",
        result.resourcesRead(),
        result.resourcesMapped(),
        result.resourcesNotUsed(),
        result.resourcesIrrelevant());
    return result;
  }
}
