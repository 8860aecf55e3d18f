package org.crampcare.fhir;

import com.google.common.collect.ImmutableSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.crampcare.recommendation.CautionDefinition;
import org.crampcare.recommendation.RecommendationDefinition;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.terminology.CodeSystems;
import org.hl7.fhir.r4.model.CodeSystem;
import org.hl7.fhir.r4.model.Enumerations.PublicationStatus;

/**
 * The code systems of a rule book's recommendation and caution codes. The built-in codes are in
 * CrampCare's shipped CodeSystems; a code that a clinic's rule book defines itself is in the rule
 * book's own CodeSystem, {@code https://crampcare.org/fhir/CodeSystem/rule-book-<version>}, which
 * the exporter writes into every transaction that uses it (and {@link CrampCareValidator} knows),
 * so that custom codes validate: the profiles bind these codes extensibly to CrampCare's value
 * sets. Immutable and thread-safe.
 */
final class RuleBookTerminology {
  private final ImmutableSet<String> customRecommendations;
  private final ImmutableSet<String> customCautions;
  private final Optional<CodeSystem> codeSystem;
  private final String systemUrl;

  private RuleBookTerminology(RuleBook book) {
    this.systemUrl = systemUrl(book);
    RuleBook builtIn = RuleBook.builtIn();
    Map<String, String> concepts = new LinkedHashMap<>();
    ImmutableSet.Builder<String> recommendations = ImmutableSet.builder();
    for (RecommendationDefinition d : book.definitions().values()) {
      if (!builtIn.definitions().containsKey(d.code())) {
        recommendations.add(d.code());
        concepts.putIfAbsent(d.code(), d.display());
      }
    }
    ImmutableSet.Builder<String> cautions = ImmutableSet.builder();
    for (CautionDefinition c : book.cautions().values()) {
      if (!builtIn.cautions().containsKey(c.code())) {
        cautions.add(c.code());
        concepts.putIfAbsent(c.code(), c.display());
      }
    }
    this.customRecommendations = recommendations.build();
    this.customCautions = cautions.build();
    this.codeSystem =
        concepts.isEmpty() ? Optional.empty() : Optional.of(codeSystem(book, concepts));
  }

  /** Returns the terminology of a rule book. */
  static RuleBookTerminology of(RuleBook book) {
    return new RuleBookTerminology(book);
  }

  /** Returns the URL of a rule book's own CodeSystem. */
  static String systemUrl(RuleBook book) {
    return FhirUrls.BASE
        + "CodeSystem/rule-book-"
        + book.version().replaceAll("[^A-Za-z0-9-]", "-");
  }

  /** Returns the rule book's own CodeSystem, when it defines codes of its own. */
  Optional<CodeSystem> codeSystem() {
    return codeSystem.map(CodeSystem::copy);
  }

  /** Returns the system of a recommendation code. */
  String recommendationSystem(String code) {
    return customRecommendations.contains(code) ? systemUrl : CodeSystems.CRAMPCARE_RECOMMENDATION;
  }

  /** Returns the system of a caution code. */
  String cautionSystem(String code) {
    return customCautions.contains(code) ? systemUrl : CodeSystems.CRAMPCARE_CAUTION;
  }

  private static CodeSystem codeSystem(RuleBook book, Map<String, String> concepts) {
    CodeSystem cs = new CodeSystem();
    cs.setUrl(systemUrl(book));
    cs.setVersion(book.version());
    cs.setName("RuleBookCodes");
    cs.setTitle("Codes of rule book " + book.version());
    cs.setStatus(PublicationStatus.ACTIVE);
    cs.setExperimental(false);
    cs.setPublisher("CrampCare");
    cs.setDescription(
        "The recommendation and caution codes that rule book "
            + book.version()
            + " defines itself, beside CrampCare's built-in codes.");
    cs.setCaseSensitive(true);
    cs.setContent(CodeSystem.CodeSystemContentMode.COMPLETE);
    concepts.forEach((code, display) -> cs.addConcept().setCode(code).setDisplay(display));
    cs.setCount(concepts.size());
    return cs;
  }
}
