package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Setting;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.patient.PatientContext;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.FactTemplate;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.jspecify.annotations.Nullable;

/**
 * What a {@link Criterion} sees: the patient, the episodes in the window and everything derived
 * from them. Made by the {@link Assessor}, which derives the risk factors and then the red flags
 * into it; immutable once handed out.
 */
public final class Evaluation implements Findings.InputFacts {
  private static final AssociatedSign[] SIGNS = AssociatedSign.values();
  private static final Setting[] SETTINGS = Setting.values();

  private final PatientContext patient;
  private final Instant asOf;
  private final int ageYears;
  private final ImmutableList<CrampEpisode> episodes;
  private final EpisodePatterns patterns;
  private final ImmutableList<LabInterpretation> labs;
  // Derived in steps by the assessor before the evaluation is handed out: the risk factors, then
  // the red flags (whose rules see the risk factors but no red flag).
  private ImmutableList<RiskFactor> riskFactors = ImmutableList.of();
  private ImmutableList<RedFlag> redFlags = ImmutableList.of();
  private long riskFactorKinds;
  private long redFlagKinds;
  private final Thresholds thresholds;
  private final ImmutableList<SignFinding> findings;
  // Facts about single inputs, made once per assessment however many rules name them. Benignly
  // racy, like String.hash: a fact made twice is equal.
  private final @Nullable Fact[] episodeFacts;
  private final @Nullable Fact[] labFacts;
  private final @Nullable Fact[] conditionFacts;
  private final @Nullable Fact[] medicationFacts;
  private @Nullable Fact episodeCountFact;
  // Each episode's signs and settings as bits (by ordinal), so that a rule tests an episode with
  // one AND; made on first use, racy like the facts.
  private long @Nullable [] signMasks;
  // Room for the enum constants of most criteria; a larger set makes its own array.
  private final Enum<?>[] scratch = new Enum<?>[8];
  // The rule book's sets of enum constants as bits, made once by the assessor; keyed by identity.
  private Map<Object, Long> masks = Map.of();
  private long @Nullable [] settingMasks;

  Evaluation(
      PatientContext patient,
      Instant asOf,
      int ageYears,
      List<CrampEpisode> episodes,
      EpisodePatterns patterns,
      List<LabInterpretation> labs,
      Thresholds thresholds,
      List<SignFinding> findings) {
    this.patient = patient;
    this.asOf = asOf;
    this.ageYears = ageYears;
    this.episodes = ImmutableList.copyOf(episodes);
    this.patterns = patterns;
    this.labs = ImmutableList.copyOf(labs);
    this.thresholds = thresholds;
    this.findings = ImmutableList.copyOf(findings);
    this.episodeFacts = new Fact[this.episodes.size()];
    this.labFacts = new Fact[this.labs.size()];
    this.conditionFacts = new Fact[patient.conditions().size()];
    this.medicationFacts = new Fact[patient.medications().size()];
  }

  /** Returns, per episode of {@link #episodes()}, its signs as bits by ordinal. */
  long[] signMasks() {
    long[] m = signMasks;
    if (m == null) {
      m = new long[episodes.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = episodeBits(episodes.get(i).signs(), SIGNS);
      }
      signMasks = m;
    }
    return m;
  }

  /** Returns, per episode of {@link #episodes()}, its settings as bits by ordinal. */
  long[] settingMasks() {
    long[] m = settingMasks;
    if (m == null) {
      m = new long[episodes.size()];
      for (int i = 0; i < m.length; i++) {
        m[i] = episodeBits(episodes.get(i).settings(), SETTINGS);
      }
      settingMasks = m;
    }
    return m;
  }

  /**
   * Returns a criterion's set of enum constants as bits by ordinal. The set is copied into this
   * evaluation's scratch array: iterating it, or its list view, would allocate for a set of one.
   * Every enum a criterion names has fewer than 64 constants ({@code CriteriaTest} checks).
   */
  long bits(ImmutableSet<? extends Enum<?>> values) {
    Long known = masks.get(values);
    if (known != null) {
      return known;
    }
    Enum<?>[] copy = values.toArray(scratch);
    long bits = 0;
    for (int i = 0; i < values.size(); i++) {
      bits |= 1L << copy[i].ordinal();
    }
    return bits;
  }

  /**
   * Returns the set's elements in its order, in a scratch array that the next call of this method
   * or of {@link #bits(ImmutableSet)} overwrites; only the first {@code size()} count.
   */
  Enum<?>[] elements(ImmutableSet<? extends Enum<?>> values) {
    return values.toArray(scratch);
  }

  /**
   * Returns an episode's set of signs or settings as bits by ordinal: copied into the scratch array
   * when small (an episode has one or two), as {@link #bits(Set, Enum[])} does otherwise.
   */
  private <E extends Enum<E>> long episodeBits(Set<E> values, E[] constants) {
    int size = values.size();
    if (size == 0) {
      return 0;
    }
    if (size == 1 && values instanceof ImmutableSet) {
      // A set of one is a singleton set: copying its element allocates nothing.
      return 1L << ((ImmutableSet<E>) values).toArray(scratch)[0].ordinal();
    }
    return bits(values, constants);
  }

  /**
   * Returns a set of enum constants as bits by ordinal (every enum here has under 64), asking the
   * set about each constant rather than iterating it: an episode's sets are small enum sets, whose
   * iterators would be the only allocation of this pass.
   */
  static <E extends Enum<E>> long bits(Set<E> values, E[] constants) {
    if (values.isEmpty()) {
      return 0;
    }
    long bits = 0;
    int found = 0;
    for (int i = 0; i < constants.length && found < values.size(); i++) {
      if (values.contains(constants[i])) {
        bits |= 1L << i;
        found++;
      }
    }
    return bits;
  }

  /** Sets the masks of the rule book's sets (by identity), made once per assessor. */
  void setMasks(Map<Object, Long> masks) {
    this.masks = masks;
  }

  /** Sets the risk factors, once derived; before the evaluation is handed out. */
  void setRiskFactors(List<RiskFactor> riskFactors) {
    this.riskFactors = ImmutableList.copyOf(riskFactors);
    long kinds = 0;
    for (int i = 0; i < this.riskFactors.size(); i++) {
      kinds |= 1L << this.riskFactors.get(i).kind().ordinal();
    }
    this.riskFactorKinds = kinds;
  }

  /** Sets the red flags, once raised; before the evaluation is handed out. */
  void setRedFlags(List<RedFlag> redFlags) {
    this.redFlags = ImmutableList.copyOf(redFlags);
    long kinds = 0;
    for (int i = 0; i < this.redFlags.size(); i++) {
      kinds |= 1L << this.redFlags.get(i).kind().ordinal();
    }
    this.redFlagKinds = kinds;
  }

  /** Returns the kinds of the risk factors as bits by ordinal. */
  long riskFactorKinds() {
    return riskFactorKinds;
  }

  /** Returns the kinds of the red flags as bits by ordinal. */
  long redFlagKinds() {
    return redFlagKinds;
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

  /** Returns the fact of lab {@code i} of {@link #labs()}, made once. */
  @Override
  public Fact lab(int i) {
    return labFact(i);
  }

  /** Returns the fact of the patient's condition {@code i}, made once. */
  @Override
  public Fact condition(int i) {
    Fact f = conditionFacts[i];
    if (f == null) {
      f = Findings.conditionFact(patient.conditions().get(i));
      conditionFacts[i] = f;
    }
    return f;
  }

  /** Returns the fact of the patient's medication {@code i}, made once. */
  @Override
  public Fact medication(int i) {
    Fact f = medicationFacts[i];
    if (f == null) {
      f = Findings.medicationFact(patient.medications().get(i));
      medicationFacts[i] = f;
    }
    return f;
  }

  /** Returns the settings of episode {@code i} of {@link #episodes()} as bits by ordinal. */
  @Override
  public long settingMask(int i) {
    return settingMasks()[i];
  }

  /** Returns the fact counting the episodes in the window, made once. */
  Fact episodeCountFact() {
    Fact f = episodeCountFact;
    if (f == null) {
      f =
          Fact.of(
              FactKind.PATTERN,
              null,
              FactTemplate.EPISODE_COUNT,
              patterns.episodeCount(),
              thresholds.patterns().window().toDays());
      episodeCountFact = f;
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
