package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.Thresholds;
import org.jspecify.annotations.Nullable;

/**
 * The red flags as they were derived in Java before they became rules of the rule book (the {@code
 * Findings.redFlags} of issue 7), kept as the reference the rule book's red-flag rules are compared
 * with.
 */
final class ReferenceRedFlags {
  private ReferenceRedFlags() {}

  /**
   * Derives the red flags from the episodes, every finding of the patient's, the conditions and the
   * labs; see {@link #redFlags(PatientContext, List, List, List, Thresholds)}.
   */
  static ImmutableList<RedFlag> redFlags(
      PatientContext patient,
      List<CrampEpisode> episodes,
      List<LabInterpretation> labs,
      Thresholds thresholds) {
    return redFlags(patient, episodes, patient.findings(), labs, thresholds);
  }

  /**
   * Derives the red flags. A red-flag sign belongs to the patient whatever record or day it was
   * written with: the signs of the episodes and the findings recorded on their own count alike. A
   * swelling or redness whose site is not recorded counts toward a possible deep vein thrombosis
   * (when in doubt, refer); one recorded away from the legs does not.
   *
   * @param patient the patient
   * @param episodes the episodes in the window, oldest first
   * @param findings the findings that count (those in the window, and ongoing ones)
   * @param labs every lab interpretation; only current ones count
   * @param thresholds the thresholds
   * @return one red flag per kind that applies, in declaration order
   */
  static ImmutableList<RedFlag> redFlags(
      PatientContext patient,
      List<CrampEpisode> episodes,
      List<SignFinding> findings,
      List<LabInterpretation> labs,
      Thresholds thresholds) {
    Map<RedFlagKind, List<Fact>> found = new EnumMap<>(RedFlagKind.class);
    for (Condition condition : patient.conditions()) {
      if (condition.kind() == ConditionKind.DEEP_VEIN_THROMBOSIS) {
        add(found, RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS, Findings.conditionFact(condition));
      }
    }
    List<Fact> statins = new ArrayList<>();
    for (Medication medication : patient.medications()) {
      if (medication.medicationClass() == MedicationClass.STATIN) {
        statins.add(Findings.medicationFact(medication));
      }
    }
    for (CrampEpisode e : episodes) {
      if ((e.site().isEmpty() || e.site().get().isCalfOrLowerLeg())
          && (e.has(AssociatedSign.SWELLING) || e.has(AssociatedSign.REDNESS_WARMTH))) {
        add(
            found,
            RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS,
            Findings.signFact(e, AssociatedSign.SWELLING, AssociatedSign.REDNESS_WARMTH));
      }
      if (!statins.isEmpty()
          && (e.has(AssociatedSign.MUSCLE_WEAKNESS) || e.has(AssociatedSign.DARK_URINE))) {
        add(
            found,
            RedFlagKind.POSSIBLE_RHABDOMYOLYSIS,
            Findings.signFact(e, AssociatedSign.MUSCLE_WEAKNESS, AssociatedSign.DARK_URINE));
      }
      if (e.has(AssociatedSign.MUSCLE_WASTING) || e.has(AssociatedSign.FASCICULATIONS)) {
        add(
            found,
            RedFlagKind.POSSIBLE_NEUROMUSCULAR_DISEASE,
            Findings.signFact(e, AssociatedSign.MUSCLE_WASTING, AssociatedSign.FASCICULATIONS));
      }
      if (e.has(AssociatedSign.NUMBNESS_TINGLING) || e.has(AssociatedSign.MUSCLE_WEAKNESS)) {
        add(
            found,
            RedFlagKind.NEUROLOGICAL_SIGNS,
            Findings.signFact(e, AssociatedSign.NUMBNESS_TINGLING, AssociatedSign.MUSCLE_WEAKNESS));
      }
      if (e.has(AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST)) {
        add(
            found,
            RedFlagKind.POSSIBLE_CLAUDICATION,
            Findings.signFact(e, AssociatedSign.PAIN_ON_WALKING_EASES_WITH_REST));
      }
    }
    for (SignFinding f : findings) {
      RedFlagKind kind = findingRedFlag(f, !statins.isEmpty());
      if (kind != null) {
        add(found, kind, Findings.findingFact(f));
      }
      if (f.sign() == AssociatedSign.MUSCLE_WEAKNESS) {
        add(found, RedFlagKind.NEUROLOGICAL_SIGNS, Findings.findingFact(f));
      }
    }
    if (found.containsKey(RedFlagKind.POSSIBLE_RHABDOMYOLYSIS)) {
      statins.forEach(fact -> add(found, RedFlagKind.POSSIBLE_RHABDOMYOLYSIS, fact));
    }
    for (LabInterpretation lab : labs) {
      if (!lab.current() || lab.result().analyte() != Analyte.CREATINE_KINASE) {
        continue;
      }
      if (lab.range().isEmpty() && lab.criticalHighFlag()) {
        add(
            found,
            RedFlagKind.POSSIBLE_RHABDOMYOLYSIS,
            Fact.about(
                FactKind.LAB,
                lab.result().id(),
                lab.describe() + ": a critical flag with no usable range, taken as far above"));
        continue;
      }
      if (lab.interpretation() == Interpretation.HIGH
          && lab.multipleOfUpperLimit()
              .map(m -> m >= thresholds.creatineKinaseUrgentMultiple())
              .orElse(false)) {
        add(
            found,
            RedFlagKind.POSSIBLE_RHABDOMYOLYSIS,
            Fact.about(
                FactKind.LAB,
                lab.result().id(),
                String.format(
                    Locale.ROOT,
                    "%s, %.1f times the upper limit (threshold %s)",
                    lab.describe(),
                    lab.multipleOfUpperLimit().orElse(0.0),
                    Findings.format(thresholds.creatineKinaseUrgentMultiple()))));
      }
    }
    ImmutableList.Builder<RedFlag> result = ImmutableList.builder();
    found.forEach((kind, facts) -> result.add(new RedFlag(kind, facts)));
    return result.build();
  }

  /**
   * Returns the red flag a finding raises on its own (weakness also raises neurological signs), or
   * null.
   */
  private static @Nullable RedFlagKind findingRedFlag(SignFinding f, boolean takesStatin) {
    switch (f.sign()) {
      case SWELLING:
      case REDNESS_WARMTH:
        return f.site().map(BodySite::region).map(r -> r == BodySite.Region.LEG).orElse(true)
            ? RedFlagKind.POSSIBLE_DEEP_VEIN_THROMBOSIS
            : null;
      case MUSCLE_WEAKNESS:
      case DARK_URINE:
        return takesStatin ? RedFlagKind.POSSIBLE_RHABDOMYOLYSIS : null;
      case MUSCLE_WASTING:
      case FASCICULATIONS:
        return RedFlagKind.POSSIBLE_NEUROMUSCULAR_DISEASE;
      case NUMBNESS_TINGLING:
        return RedFlagKind.NEUROLOGICAL_SIGNS;
      case PAIN_ON_WALKING_EASES_WITH_REST:
        return RedFlagKind.POSSIBLE_CLAUDICATION;
      default:
        return null;
    }
  }

  private static <K extends Enum<K>> void add(Map<K, List<Fact>> map, K kind, Fact fact) {
    List<Fact> facts = map.computeIfAbsent(kind, k -> new ArrayList<>());
    if (!facts.contains(fact)) {
      facts.add(fact);
    }
  }
}
