package org.crampcare.recommendation;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Period;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.crampcare.lab.Censoring;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactTemplate;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.crampcare.testing.CrampArbitraries;
import org.crampcare.testing.Patients;

/**
 * Facts about labs and lifestyle are structured (a template with decimals and dates), and their
 * English text says word for word what the text-only facts said before.
 */
class StructuredFactsTest {
  private static final Thresholds T = Thresholds.defaults();

  @Property(tries = 500)
  void labFact_rendersTheLabDescription_forEveryRangeSourceFlagAndCensoring(
      @ForAll("labs") LabResult lab) {
    LabInterpretation interpretation = LabInterpretation.of(lab, Patients.TODAY, Period.ofDays(90));

    Fact fact = Findings.labFact(interpretation);

    assertThat(fact.template()).isNotEqualTo(FactTemplate.TEXT);
    assertThat(fact.text()).isEqualTo(interpretation.describe());
    assertThat(fact.sourceId()).contains(lab.id());
  }

  @Property(tries = 300)
  void lifestyleFacts_sayWhatTheySaidAsText(@ForAll("lifestyles") Lifestyle life) {
    PatientContext patient = Patients.anAdult().lifestyle(life).build();

    List<RiskFactor> factors = Findings.riskFactors(patient, List.of(), List.of(), T);

    life.fluidLitresPerDay()
        .filter(l -> l < T.lowFluidLitresPerDay())
        .ifPresent(
            l ->
                assertThat(texts(factors, RiskFactorKind.LOW_FLUID_INTAKE))
                    .containsExactly(
                        "fluid intake "
                            + Findings.format(l)
                            + " L a day, below "
                            + Findings.format(T.lowFluidLitresPerDay())
                            + " L"));
    life.alcoholUnitsPerWeek()
        .filter(u -> u > T.alcoholUnitsPerWeek())
        .ifPresent(
            u ->
                assertThat(texts(factors, RiskFactorKind.ALCOHOL_INTAKE))
                    .containsExactly(
                        "alcohol "
                            + Findings.format(u)
                            + " units a week, above "
                            + Findings.format(T.alcoholUnitsPerWeek())));
    life.sittingHoursPerDay()
        .filter(h -> h >= T.sittingHoursPerDay())
        .ifPresent(
            h ->
                assertThat(texts(factors, RiskFactorKind.PROLONGED_SITTING))
                    .contains(
                        "sitting "
                            + Findings.format(h)
                            + " hours a day, at least "
                            + Findings.format(T.sittingHoursPerDay())));
    life.repetitiveHandWorkHoursPerDay()
        .filter(h -> h >= T.repetitiveHandWorkHoursPerDay())
        .ifPresent(
            h ->
                assertThat(texts(factors, RiskFactorKind.REPETITIVE_HAND_WORK))
                    .contains(
                        "repetitive hand work "
                            + Findings.format(h)
                            + " hours a day, at least "
                            + Findings.format(T.repetitiveHandWorkHoursPerDay())));
    factors.forEach(
        r -> r.facts().forEach(f -> assertThat(f.template()).isNotEqualTo(FactTemplate.TEXT)));
  }

  private static List<String> texts(List<RiskFactor> factors, RiskFactorKind kind) {
    return factors.stream()
        .filter(r -> r.kind() == kind)
        .flatMap(r -> r.facts().stream())
        .map(Fact::text)
        .toList();
  }

  @Provide
  Arbitrary<LabResult> labs() {
    return Combinators.combine(
            CrampArbitraries.lab(),
            Arbitraries.of(LabFlag.class).optional(),
            Arbitraries.of(Censoring.class).optional())
        .as(
            (lab, flag, censoring) -> {
              LabResult r = lab;
              if (flag.isPresent()) {
                r = r.flagged(flag.get());
              }
              return censoring.isPresent() ? r.censored(censoring.get()) : r;
            });
  }

  @Provide
  Arbitrary<Lifestyle> lifestyles() {
    return CrampArbitraries.lifestyle();
  }
}
