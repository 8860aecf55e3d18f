package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RiskFactor;

/**
 * The result of assessing one patient: what was found, what is recommended and why, what was
 * suppressed and why, and what input was not used.
 *
 * @param asOf the assessment time
 * @param patientId the patient's id, when known
 * @param ageYears age in whole years at the assessment date
 * @param ruleBookVersion the version of the rule book used
 * @param notices notices about the assessment as a whole
 * @param patterns patterns over the episode window
 * @param labs every lab interpretation, current or not, in input order
 * @param riskFactors risk factors, in declaration order of their kinds
 * @param redFlags red flags, in declaration order of their kinds
 * @param recommendations recommendations, urgent first (category, then priority, then rank)
 * @param suppressed recommendations removed by safety rules, with reasons
 * @param unused input items not used as evidence, with reasons
 */
public record Assessment(
    Instant asOf,
    Optional<String> patientId,
    int ageYears,
    String ruleBookVersion,
    List<Notice> notices,
    EpisodePatterns patterns,
    List<LabInterpretation> labs,
    List<RiskFactor> riskFactors,
    List<RedFlag> redFlags,
    List<Recommendation> recommendations,
    List<Suppression> suppressed,
    List<UnusedInput> unused) {

  /** Copies every list. */
  public Assessment {
    notices = ImmutableList.copyOf(notices);
    labs = ImmutableList.copyOf(labs);
    riskFactors = ImmutableList.copyOf(riskFactors);
    redFlags = ImmutableList.copyOf(redFlags);
    recommendations = ImmutableList.copyOf(recommendations);
    suppressed = ImmutableList.copyOf(suppressed);
    unused = ImmutableList.copyOf(unused);
  }

  /** Returns the recommendation with the given code, if it was made. */
  public Optional<Recommendation> recommendation(String code) {
    return recommendations.stream().filter(r -> r.code().equals(code)).findFirst();
  }

  /** Returns the codes of the recommendations, in order. */
  public ImmutableList<String> recommendationCodes() {
    return recommendations.stream()
        .map(Recommendation::code)
        .collect(ImmutableList.toImmutableList());
  }

  /** Returns the suppression of the given code, if it was suppressed. */
  public Optional<Suppression> suppression(String code) {
    return suppressed.stream().filter(s -> s.code().equals(code)).findFirst();
  }
}
