package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import com.fasterxml.jackson.databind.JsonNode;
import com.google.common.collect.ImmutableList;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.FhirMappingException;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Criterion;
import org.crampcare.recommendation.RecommendRule;
import org.crampcare.recommendation.Rule;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.CodeableConcept;
import org.hl7.fhir.r4.model.MedicationRequest;
import org.hl7.fhir.r4.model.Reference;
import org.hl7.fhir.r4.model.Resource;
import org.hl7.fhir.r4.model.ServiceRequest;

/**
 * The {@code order-select} and {@code order-sign} services: advice at the moment a clinician is
 * about to prescribe. The draft MedicationRequests in scope (the selected ones for {@code
 * order-select}, all for {@code order-sign}) are assessed together with the patient's record, as if
 * they were taken:
 *
 * <ul>
 *   <li>quinine: a {@code critical} card citing the FDA's boxed warning and REMS, with override
 *       reasons and a suggestion to remove the draft;
 *   <li>a cramp-associated medicine for a patient whose record shows cramps, low potassium,
 *       magnesium or calcium, or kidney disease: a {@code warning} card with the rule's rationale,
 *       evidence and facts, and a suggestion to order potassium, magnesium and calcium tests; never
 *       another prescription.
 * </ul>
 *
 * <p>A card has the same UUID for the same patient, draft and kind in both hooks, so {@code
 * order-sign} does not repeat a card the user already accepted or overrode. Thread-safe.
 */
final class OrderService {
  static final String SELECT_ID = "crampcare-order-select";
  static final String SIGN_ID = "crampcare-order-sign";
  static final String QUININE_RULE = "medication-review-quinine";
  static final String OVERRIDE_SYSTEM = "https://crampcare.org/fhir/CodeSystem/override-reason";
  static final ImmutableList<CdsJson.Coding> QUININE_OVERRIDES =
      ImmutableList.of(
          new CdsJson.Coding(
              OVERRIDE_SYSTEM, "treating-malaria", "Prescribed for malaria, not for cramps"),
          new CdsJson.Coding(
              OVERRIDE_SYSTEM,
              "specialist-decision",
              "A specialist decided after discussing the risks with the patient"),
          new CdsJson.Coding(OVERRIDE_SYSTEM, "other", "Other reason"));
  // Verified LOINC codes (knowledge base A4) for the tests a warning card suggests.
  private static final ImmutableList<String[]> TESTS =
      ImmutableList.of(
          new String[] {"2823-3", "Potassium [Moles/volume] in Serum or Plasma"},
          new String[] {"19123-9", "Magnesium [Mass/volume] in Serum or Plasma"},
          new String[] {"17861-6", "Calcium [Mass/volume] in Serum or Plasma"});
  private static final Set<RiskFactorKind> SUSCEPTIBLE =
      Set.of(
          RiskFactorKind.LOW_POTASSIUM,
          RiskFactorKind.LOW_MAGNESIUM,
          RiskFactorKind.LOW_CALCIUM,
          RiskFactorKind.CHRONIC_KIDNEY_DISEASE,
          RiskFactorKind.ADVANCED_KIDNEY_DISEASE,
          RiskFactorKind.DIALYSIS);

  private final FhirContext ctx;
  private final Clock clock;
  private final CrampCareFhir pipeline;
  private final PatientRecord record;
  private final RuleBook ruleBook;
  private final FeedbackLog feedback;

  OrderService(
      FhirContext ctx,
      Clock clock,
      CrampCareFhir pipeline,
      PatientRecord record,
      RuleBook ruleBook,
      FeedbackLog feedback) {
    this.ctx = ctx;
    this.clock = clock;
    this.pipeline = pipeline;
    this.record = record;
    this.ruleBook = ruleBook;
    this.feedback = feedback;
  }

  /** The discovery entries of both services. */
  List<CdsJson.Service> descriptors() {
    String usage =
        "Adults; the draft MedicationRequests (RxNorm, ATC or text) are classified as the record's"
            + " own medicines are.";
    return List.of(
        new CdsJson.Service(
            "order-select",
            "CrampCare: cramp risks of a medicine being ordered",
            "Warns when a selected draft order is quinine for cramps, or a cramp-associated"
                + " medicine for a patient with cramps, low electrolytes or kidney disease.",
            SELECT_ID,
            PatientRecord.PREFETCH,
            usage,
            Map.of(CdsJson.OVERRIDE_REASONS_EXTENSION, QUININE_OVERRIDES)),
        new CdsJson.Service(
            "order-sign",
            "CrampCare: cramp risks of the orders being signed",
            "Re-checks every draft order before signing; does not repeat a card already accepted"
                + " or overridden for the same draft.",
            SIGN_ID,
            PatientRecord.PREFETCH,
            usage,
            Map.of(CdsJson.OVERRIDE_REASONS_EXTENSION, QUININE_OVERRIDES)));
  }

  /** Answers an {@code order-select} or {@code order-sign} call. */
  CdsJson.Response call(String serviceId, byte[] body) {
    boolean sign = serviceId.equals(SIGN_ID);
    CdsRequest request = CdsRequest.parse(body, sign ? "order-sign" : "order-select");
    List<MedicationRequest> drafts = drafts(request.context(), sign);
    if (drafts.isEmpty()) {
      return new CdsJson.Response(List.of());
    }
    List<Resource> resources = new ArrayList<>(record.gather(request));
    for (MedicationRequest d : drafts) {
      // Assessed as if taken: a draft is what the patient is about to take.
      MedicationRequest asTaken = d.copy();
      asTaken.setStatus(MedicationRequest.MedicationRequestStatus.ACTIVE);
      resources.add(asTaken);
    }
    CrampCareFhir.Result result;
    try {
      result = pipeline.assess(resources, clock.instant());
    } catch (FhirMappingException e) {
      throw new CdsRequestException(
          422, "the patient's record cannot be assessed: " + e.getMessage(), e);
    }
    Assessment assessment = result.assessment();
    List<CdsJson.Card> cards = new ArrayList<>();
    for (MedicationRequest d : drafts) {
      String ref = "MedicationRequest/" + d.getIdElement().getIdPart();
      Optional<Medication> medication =
          result.imported().patient().medications().stream()
              .filter(m -> m.id().equals(ref))
              .findFirst();
      if (medication.isEmpty()) {
        continue;
      }
      Optional<CdsJson.Card> card =
          card(
              request.patientId(),
              ref,
              medication.get(),
              assessment,
              PatientRecord.unread(request));
      if (card.isPresent() && !(sign && feedback.actedOn(card.get().uuid()))) {
        feedback.issued(
            card.get().uuid(),
            card.get().indicator().equals("critical") ? "quinine" : "cramp-associated");
        cards.add(card.get());
      }
    }
    return new CdsJson.Response(cards);
  }

  private Optional<CdsJson.Card> card(
      String patientId,
      String draft,
      Medication medication,
      Assessment assessment,
      List<String> notRead) {
    Optional<Fact> drafted = factAbout(assessment, draft);
    if (drafted.isEmpty()) {
      return Optional.empty();
    }
    if (medication.medicationClass() == MedicationClass.QUININE) {
      return Optional.of(quinineCard(patientId, draft, medication));
    }
    if (!medication.medicationClass().crampAssociated()) {
      return Optional.empty();
    }
    List<Fact> because = new ArrayList<>();
    for (RiskFactor r : assessment.riskFactors()) {
      if (SUSCEPTIBLE.contains(r.kind())) {
        because.addAll(r.facts());
      }
    }
    int episodes = assessment.patterns().episodeCount();
    if (because.isEmpty() && episodes == 0) {
      return Optional.empty();
    }
    Optional<RecommendRule> rule = ruleFor(medication.medicationClass());
    StringBuilder detail = new StringBuilder();
    rule.ifPresent(
        r ->
            detail
                .append(r.rationale())
                .append("\n\nEvidence: ")
                .append(r.evidence().citation())
                .append(" (")
                .append(r.evidence().strength())
                .append(")\n\n"));
    detail.append("Why for this patient:\n\n");
    detail.append("- ").append(Markdown.escape(drafted.get().text())).append(" (draft)\n");
    if (episodes > 0) {
      detail
          .append("- ")
          .append(episodes)
          .append(" cramp episode(s) in the last ")
          .append(ruleBook.thresholds().patterns().window().toDays())
          .append(" days\n");
    }
    for (Fact f : new LinkedHashSet<>(because)) {
      detail.append("- ").append(Markdown.escape(f.text())).append('\n');
    }
    for (String part : notRead) {
      detail.append('\n').append(Cards.notRead(part)).append('\n');
    }
    detail.append(
        "\nDo not stop or change a medicine for this reason alone; consider checking"
            + " electrolytes and reviewing the dose.");
    String uuid = cardUuid("cramp-associated", patientId, draft);
    return Optional.of(
        new CdsJson.Card(
            uuid,
            Cards.summary(medication.name() + " can cause cramps; this patient is susceptible"),
            detail.toString(),
            "warning",
            source(rule),
            List.of(testsSuggestion(patientId, uuid)),
            null,
            List.of(),
            null));
  }

  private CdsJson.Card quinineCard(String patientId, String draft, Medication medication) {
    Optional<RecommendRule> rule = rule(QUININE_RULE);
    String uuid = cardUuid("quinine", patientId, draft);
    String detail =
        rule.map(RecommendRule::rationale).orElse("Quinine should not be used for leg cramps.")
            + "\n\nThe FDA's boxed warning (2009) says that using quinine for night-time leg"
            + " cramps may result in serious and life-threatening haematological reactions,"
            + " including thrombocytopenia and HUS/TTP; since 2010 a REMS and Medication Guide"
            + " apply, and quinine is approved only for uncomplicated P. falciparum malaria."
            + rule.map(r -> "\n\nEvidence: " + r.evidence().citation()).orElse("");
    CdsJson.Action remove =
        new CdsJson.Action(
            "delete", "Remove the draft order for " + medication.name(), null, draft);
    return new CdsJson.Card(
        uuid,
        Cards.summary("Quinine is not recommended for leg cramps"),
        detail,
        "critical",
        source(rule),
        List.of(
            new CdsJson.Suggestion(
                "Remove the quinine order",
                cardUuid("remove", patientId, draft),
                true,
                List.of(remove))),
        null,
        List.of(),
        QUININE_OVERRIDES);
  }

  private CdsJson.Suggestion testsSuggestion(String patientId, String cardUuid) {
    List<CdsJson.Action> actions = new ArrayList<>();
    for (String[] test : TESTS) {
      ServiceRequest s = new ServiceRequest();
      s.setStatus(ServiceRequest.ServiceRequestStatus.DRAFT);
      s.setIntent(ServiceRequest.ServiceRequestIntent.PROPOSAL);
      s.setCode(
          new CodeableConcept()
              .addCoding(new org.hl7.fhir.r4.model.Coding("http://loinc.org", test[0], test[1])));
      s.setSubject(new Reference("Patient/" + patientId));
      actions.add(
          new CdsJson.Action("create", "Order " + test[1], PatientViewService.encode(s), null));
    }
    return new CdsJson.Suggestion(
        "Check potassium, magnesium and calcium",
        cardUuid("tests", patientId, cardUuid),
        false,
        actions);
  }

  private CdsJson.Source source(Optional<RecommendRule> rule) {
    return new CdsJson.Source(
        Cards.LABEL, rule.flatMap(r -> r.evidence().url()).orElse(null), null);
  }

  private Optional<RecommendRule> rule(String id) {
    for (Rule r : ruleBook.rules()) {
      if (r instanceof RecommendRule && r.id().equals(id)) {
        return Optional.of((RecommendRule) r);
      }
    }
    return Optional.empty();
  }

  /** The first medication-review rule whose criterion is "takes" this class. */
  private Optional<RecommendRule> ruleFor(MedicationClass medicationClass) {
    for (Rule r : ruleBook.rules()) {
      if (r instanceof RecommendRule
          && r.when() instanceof Criterion.Takes
          && ((Criterion.Takes) r.when()).classes().contains(medicationClass)) {
        return Optional.of((RecommendRule) r);
      }
    }
    return Optional.empty();
  }

  private static Optional<Fact> factAbout(Assessment assessment, String draft) {
    for (RiskFactor r : assessment.riskFactors()) {
      for (Fact f : r.facts()) {
        if (f.sourceId().map(draft::equals).orElse(false)) {
          return Optional.of(f);
        }
      }
    }
    return Optional.empty();
  }

  /** The same UUID for the same kind of card about the same draft of the same patient. */
  static String cardUuid(String kind, String patientId, String draft) {
    return UUID.nameUUIDFromBytes(
            ("crampcare|" + kind + "|" + patientId + "|" + draft).getBytes(StandardCharsets.UTF_8))
        .toString();
  }

  /** The draft MedicationRequests in scope: the selected ones, or all when signing. */
  private List<MedicationRequest> drafts(JsonNode context, boolean all) {
    JsonNode draftOrders = context.get("draftOrders");
    if (draftOrders == null || !draftOrders.isObject()) {
      throw CdsRequestException.badRequest(
          "context.draftOrders is required and must be a FHIR Bundle");
    }
    Bundle bundle;
    try {
      bundle = ctx.newJsonParser().parseResource(Bundle.class, draftOrders.toString());
    } catch (DataFormatException e) {
      throw CdsRequestException.badRequest("context.draftOrders is not a FHIR R4 Bundle");
    }
    Set<String> selected = new LinkedHashSet<>();
    if (!all) {
      JsonNode selections = context.get("selections");
      if (selections == null || !selections.isArray() || selections.isEmpty()) {
        throw CdsRequestException.badRequest(
            "context.selections is required and must be a non-empty array of references");
      }
      for (JsonNode s : selections) {
        selected.add(s.asText());
      }
    }
    List<MedicationRequest> out = new ArrayList<>();
    for (Bundle.BundleEntryComponent e : bundle.getEntry()) {
      if (e.getResource() instanceof MedicationRequest && e.getResource().hasIdElement()) {
        MedicationRequest m = (MedicationRequest) e.getResource();
        String ref = "MedicationRequest/" + m.getIdElement().getIdPart();
        if (all || selected.contains(ref)) {
          out.add(m);
        }
      }
    }
    return out;
  }
}
