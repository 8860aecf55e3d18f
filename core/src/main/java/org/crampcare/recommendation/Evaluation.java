package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.patient.PatientContext;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Criterion} sees: the patient, the episodes in the window and everything derived
 * from them. Immutable; made by the {@link Assessor}.
 */
public final class Evaluation {
  private final PatientContext patient;
  private final Instant asOf;
  private final int ageYears;
  private final ImmutableList<CrampEpisode> episodes;
  private final EpisodePatterns patterns;
  private final ImmutableList<LabInterpretation> labs;
  private final ImmutableList<RiskFactor> riskFactors;
  private final ImmutableList<RedFlag> redFlags;
  private final Thresholds thresholds;
  private final ImmutableList<SignFinding> findings;
  // Facts about single inputs, made once per assessment however many rules name them. Benignly
  // racy, like String.hash: a fact made twice is equal.
  private final @Nullable Fact[] episodeFacts;
  private final @Nullable Fact[] labFacts;
  // Each episode's signs and settings as bits (by ordinal), so that a rule tests an episode with
  // one AND; made on first use, shared like the facts.
  private final long[][] masks;

  Evaluation(
      PatientContext patient,
      Instant asOf,
      int ageYears,
      List<CrampEpisode> episodes,
      EpisodePatterns patterns,
      List<LabInterpretation> labs,
      List<RiskFactor> riskFactors,
      List<RedFlag> redFlags,
      Thresholds thresholds,
      List<SignFinding> findings) {
    this.patient = patient;
    this.asOf = asOf;
    this.ageYears = ageYears;
    this.episodes = ImmutableList.copyOf(episodes);
    this.patterns = patterns;
    this.labs = ImmutableList.copyOf(labs);
    this.riskFactors = ImmutableList.copyOf(riskFactors);
    this.redFlags = ImmutableList.copyOf(redFlags);
    this.thresholds = thresholds;
    this.findings = ImmutableList.copyOf(findings);
    this.episodeFacts = new Fact[this.episodes.size()];
    this.labFacts = new Fact[this.labs.size()];
    this.masks = new long[2][];
  }

  private Evaluation(Evaluation e, List<RiskFactor> riskFactors, List<RedFlag> redFlags) {
    this.patient = e.patient;
    this.asOf = e.asOf;
    this.ageYears = e.ageYears;
    this.episodes = e.episodes;
    this.patterns = e.patterns;
    this.labs = e.labs;
    this.riskFactors = ImmutableList.copyOf(riskFactors);
    this.redFlags = ImmutableList.copyOf(redFlags);
    this.thresholds = e.thresholds;
    this.findings = e.findings;
    this.episodeFacts = e.episodeFacts;
    this.labFacts = e.labFacts;
    this.masks = e.masks;
  }

  /** Returns, per episode of {@link #episodes()}, its signs as bits by ordinal. */
  long[] signMasks() {
    long[] m = masks[0];
    if (m == null) {
      m = new long[episodes.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = bits(episodes.get(i).signs());
      }
      masks[0] = m;
    }
    return m;
  }

  /** Returns, per episode of {@link #episodes()}, its settings as bits by ordinal. */
  long[] settingMasks() {
    long[] m = masks[1];
    if (m == null) {
      m = new long[episodes.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = bits(episodes.get(i).settings());
      }
      masks[1] = m;
    }
    return m;
  }

  /** Returns a set of enum constants as bits by ordinal (every enum here has under 64). */
  static long bits(java.util.Collection<? extends Enum<?>> values) {
    long bits = 0;
    for (Enum<?> v : values) {
      bits |= 1L << v.ordinal();
    }
    return bits;
  }

  /** Returns this evaluation with the red flags raised, sharing the facts made so far. */
  Evaluation withRedFlags(List<RedFlag> redFlags) {
    return new Evaluation(this, riskFactors, redFlags);
  }

  /** Returns this evaluation with the risk factors derived, sharing the facts made so far. */
  Evaluation withRiskFactors(List<RiskFactor> riskFactors) {
    return new Evaluation(this, riskFactors, redFlags);
  }

  /** Returns the fact describing episode {@code i} of {@link #episodes()}, made once. */
  Fact episodeFact(int i) {
    Fact f = episodeFacts[i];
    if (f == null) {
      f = Findings.episodeFact(episodes.get(i));
      episodeFacts[i] = f;
    }
    return f;
  }

  /** Returns the fact describing lab {@code i} of {@link #labs()}, made once. */
  Fact labFact(int i) {
    Fact f = labFacts[i];
    if (f == null) {
      f = Findings.labFact(labs.get(i));
      labFacts[i] = f;
    }
    return f;
  }

  /** Returns the findings recorded on their own that count: in the window, or ongoing. */
  public ImmutableList<SignFinding> findings() {
    return findings;
  }

  /** Returns the patient. */
  public PatientContext patient() {
    return patient;
  }

  /** Returns the assessment time. */
  public Instant asOf() {
    return asOf;
  }

  /** Returns the assessment date (UTC). */
  public LocalDate asOfDate() {
    return Findings.dateOf(asOf);
  }

  /** Returns the patient's age in whole years at the assessment date. */
  public int ageYears() {
    return ageYears;
  }

  /** Returns the episodes in the window, oldest first. */
  public ImmutableList<CrampEpisode> episodes() {
    return episodes;
  }

  /** Returns the patterns over the window. */
  public EpisodePatterns patterns() {
    return patterns;
  }

  /** Returns every lab interpretation, current or not. */
  public ImmutableList<LabInterpretation> labs() {
    return labs;
  }

  /** Returns the risk factors. */
  public ImmutableList<RiskFactor> riskFactors() {
    return riskFactors;
  }

  /** Returns the red flags. */
  public ImmutableList<RedFlag> redFlags() {
    return redFlags;
  }

  /** Returns the thresholds in force. */
  public Thresholds thresholds() {
    return thresholds;
  }

  /** Returns the risk factor of the given kind, if present. */
  public Optional<RiskFactor> riskFactor(RiskFactorKind kind) {
    return riskFactors.stream().filter(r -> r.kind() == kind).findFirst();
  }

  /** Returns the red flag of the given kind, if present. */
  public Optional<RedFlag> redFlag(RedFlagKind kind) {
    return redFlags.stream().filter(r -> r.kind() == kind).findFirst();
  }
}
