package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.risk.Fact;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;

/**
 * The condition of a rule: holds or not for an {@link Evaluation}, and when it holds, names the
 * facts that made it hold. A closed set of typed conditions, each a record with value equality, so
 * that rules compare and read as data; {@link Criteria} has a factory for each.
 *
 * <p>Immutable and thread-safe. The sets of codes keep the order given, for the description; they
 * compare as sets. {@code toString()} is the description, for rule listings and logs.
 */
public sealed interface Criterion {

  /**
   * Returns whether the criterion holds. Builds no fact: the engine asks this of every rule, and
   * {@link #collect} only of those that hold.
   *
   * @param evaluation what is known
   */
  boolean holds(Evaluation evaluation);

  /**
   * Names the facts that make the criterion hold, in order; call it only when {@link #holds} is
   * true. A combination passes its parts' facts on as they come; the consumer drops repeats.
   *
   * @param evaluation what is known
   * @param facts receives the facts (none, for a negation)
   */
  void collect(Evaluation evaluation, Consumer<Fact> facts);

  /**
   * Tests the criterion: {@link #holds}, then {@link #collect} into a list without repeats.
   *
   * @param evaluation what is known
   * @return the facts that satisfy it (possibly none, for a negation), or empty if it does not hold
   */
  default Optional<List<Fact>> test(Evaluation evaluation) {
    if (!holds(evaluation)) {
      return Optional.empty();
    }
    FactCollector facts = new FactCollector();
    collect(evaluation, facts);
    return Optional.of(facts.toList());
  }

  /** Returns a human-readable description, for example "risk factor heart-failure". */
  String description();

  private static <E> ImmutableSet<E> nonEmpty(String what, Collection<E> values) {
    checkArgument(!values.isEmpty(), "%s: expected at least one value", what);
    return ImmutableSet.copyOf(values);
  }

  /** Holds when any of the risk factors is present; its facts are theirs. */
  record RiskFactorPresent(ImmutableSet<RiskFactorKind> kinds) implements Criterion {
    /** Checks there is at least one kind. */
    public RiskFactorPresent {
      kinds = nonEmpty("risk factor", kinds);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.riskFactorHolds(kinds, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.riskFactorCollect(kinds, evaluation, facts);
    }

    @Override
    public String description() {
      return "risk factor " + Criteria.codes(kinds);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when any of the red flags is raised; its facts are theirs. */
  record RedFlagRaised(ImmutableSet<RedFlagKind> kinds) implements Criterion {
    /** Checks there is at least one kind. */
    public RedFlagRaised {
      kinds = nonEmpty("red flag", kinds);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.redFlagHolds(kinds, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.redFlagCollect(kinds, evaluation, facts);
    }

    @Override
    public String description() {
      return "red flag " + Criteria.codes(kinds);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when there is at least one episode in the window. */
  record AnyEpisode() implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.anyEpisodeHolds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.anyEpisodeCollect(evaluation, facts);
    }

    @Override
    public String description() {
      return "any episode in the window";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /**
   * Holds when an episode in the window had any of the signs, or one was recorded on its own in the
   * window (or is an ongoing problem).
   */
  record SignRecorded(ImmutableSet<AssociatedSign> signs) implements Criterion {
    /** Checks there is at least one sign. */
    public SignRecorded {
      signs = nonEmpty("episode with sign", signs);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.signHolds(signs, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.signCollect(signs, evaluation, facts);
    }

    @Override
    public String description() {
      return "episode with sign " + Criteria.codes(signs);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /**
   * Holds when the patient has a condition of any of the kinds (conditions reach the patient only
   * while active); its facts are those conditions.
   */
  record HasCondition(ImmutableSet<ConditionKind> kinds) implements Criterion {
    /** Checks there is at least one kind. */
    public HasCondition {
      kinds = nonEmpty("condition", kinds);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.conditionHolds(kinds, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.conditionCollect(kinds, evaluation, facts);
    }

    @Override
    public String description() {
      return "condition " + Criteria.codes(kinds);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /**
   * Holds when an episode in the window had any of the signs at one of the sites, or (when {@code
   * siteUnknown}) with no site recorded. No sites means any site.
   *
   * @param signs the signs, at least one
   * @param sites the sites that count; empty for any
   * @param siteUnknown whether an episode with no site recorded counts (when in doubt, refer)
   */
  record EpisodeSign(
      ImmutableSet<AssociatedSign> signs, ImmutableSet<BodySite> sites, boolean siteUnknown)
      implements Criterion {
    /** Checks there is at least one sign. */
    public EpisodeSign {
      signs = nonEmpty("episode sign", signs);
      sites = ImmutableSet.copyOf(sites);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.episodeSignHolds(this, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.episodeSignCollect(this, evaluation, facts);
    }

    @Override
    public String description() {
      return "episode with sign " + Criteria.codes(signs) + Criteria.siteText(sites, siteUnknown);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /**
   * Holds when a sign was recorded on its own in the window (or is an ongoing problem) at one of
   * the sites, or (when {@code siteUnknown}) with no site recorded. No sites means any site.
   *
   * @param signs the signs, at least one
   * @param sites the sites that count; empty for any
   * @param siteUnknown whether a finding with no site recorded counts (when in doubt, refer)
   */
  record FindingSign(
      ImmutableSet<AssociatedSign> signs, ImmutableSet<BodySite> sites, boolean siteUnknown)
      implements Criterion {
    /** Checks there is at least one sign. */
    public FindingSign {
      signs = nonEmpty("finding sign", signs);
      sites = ImmutableSet.copyOf(sites);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.findingSignHolds(this, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.findingSignCollect(this, evaluation, facts);
    }

    @Override
    public String description() {
      return "finding of sign " + Criteria.codes(signs) + Criteria.siteText(sites, siteUnknown);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /**
   * Holds when a current result of any of the analytes has no usable range and the lab flagged it
   * critically high (HH or AA): taken as far above range.
   */
  record LabCriticalHighWithoutRange(ImmutableSet<Analyte> analytes) implements Criterion {
    /** Checks there is at least one analyte. */
    public LabCriticalHighWithoutRange {
      analytes = nonEmpty("lab critical without range", analytes);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.criticalWithoutRangeHolds(analytes, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.criticalWithoutRangeCollect(analytes, evaluation, facts);
    }

    @Override
    public String description() {
      return "lab " + Criteria.codes(analytes) + " flagged critically high with no usable range";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /**
   * Holds when the current creatine kinase is high and at least the {@code
   * creatineKinaseUrgentMultiple} threshold times the upper limit of its range.
   */
  record CreatineKinaseFarAboveRange() implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.creatineKinaseFarAboveHolds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.creatineKinaseFarAboveCollect(evaluation, facts);
    }

    @Override
    public String description() {
      return "creatine kinase at least creatineKinaseUrgentMultiple times the upper limit";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when an episode in the window happened in any of the settings. */
  record EpisodeInSetting(ImmutableSet<Setting> settings) implements Criterion {
    /** Checks there is at least one setting. */
    public EpisodeInSetting {
      settings = nonEmpty("episode in setting", settings);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.settingHolds(settings, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.settingCollect(settings, evaluation, facts);
    }

    @Override
    public String description() {
      return "episode in setting " + Criteria.codes(settings);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when an episode in the window was in any of the regions (its site recorded). */
  record EpisodeInRegion(ImmutableSet<BodySite.Region> regions) implements Criterion {
    /** Checks there is at least one region. */
    public EpisodeInRegion {
      regions = nonEmpty("episode in region", regions);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.regionHolds(regions, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.regionCollect(regions, evaluation, facts);
    }

    @Override
    public String description() {
      return "episode in region " + Criteria.regionNames(regions);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when the weekly average over the window is above the "frequent" threshold. */
  record Frequent() implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.frequentHolds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.frequentCollect(evaluation, facts);
    }

    @Override
    public String description() {
      return "frequent cramps";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when at least the threshold number of episodes disturbed sleep or daily life. */
  record Disruptive() implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.disruptiveHolds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.disruptiveCollect(evaluation, facts);
    }

    @Override
    public String description() {
      return "cramps that disturb sleep or daily life";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when the patient takes a medication of any of the classes. */
  record Takes(ImmutableSet<MedicationClass> classes) implements Criterion {
    /** Checks there is at least one class. */
    public Takes {
      classes = nonEmpty("takes", classes);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.medicationHolds(classes, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.medicationCollect(classes, evaluation, facts);
    }

    @Override
    public String description() {
      return "takes " + Criteria.codes(classes);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when a current result of any of the analytes lies outside its range. */
  record AbnormalLab(ImmutableSet<Analyte> analytes) implements Criterion {
    /** Checks there is at least one analyte. */
    public AbnormalLab {
      analytes = nonEmpty("current abnormal", analytes);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.abnormalLabHolds(analytes, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.abnormalLabCollect(analytes, evaluation, facts);
    }

    @Override
    public String description() {
      return "current abnormal " + Criteria.codes(analytes);
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when an electrolyte group has no current result with a known range. */
  record MissingCurrentElectrolytes() implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.missingElectrolyteHolds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.missingElectrolyteCollect(evaluation, facts);
    }

    @Override
    public String description() {
      return "no current electrolyte results";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when every electrolyte group has a current result and all are within range. */
  record ElectrolytesNormal() implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.normalElectrolyteHolds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.normalElectrolyteCollect(evaluation, facts);
    }

    @Override
    public String description() {
      return "current electrolytes all normal";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when all the criteria hold; its facts are all of theirs, without repeats. */
  record AllOf(ImmutableList<Criterion> criteria) implements Criterion {
    /** Checks there is at least one criterion. */
    public AllOf {
      checkArgument(!criteria.isEmpty(), "all of: expected at least one criterion");
      criteria = ImmutableList.copyOf(criteria);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.allOfHolds(criteria, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.allOfCollect(criteria, evaluation, facts);
    }

    @Override
    public String description() {
      return "(" + Criteria.describe(" and ", criteria) + ")";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when any of the criteria holds; its facts are those of all that hold. */
  record AnyOf(ImmutableList<Criterion> criteria) implements Criterion {
    /** Checks there is at least one criterion. */
    public AnyOf {
      checkArgument(!criteria.isEmpty(), "any of: expected at least one criterion");
      criteria = ImmutableList.copyOf(criteria);
    }

    @Override
    public boolean holds(Evaluation evaluation) {
      return Criteria.anyOfHolds(criteria, evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      Criteria.anyOfCollect(criteria, evaluation, facts);
    }

    @Override
    public String description() {
      return "(" + Criteria.describe(" or ", criteria) + ")";
    }

    @Override
    public String toString() {
      return description();
    }
  }

  /** Holds when the criterion does not; it contributes no facts. */
  record Not(Criterion criterion) implements Criterion {
    @Override
    public boolean holds(Evaluation evaluation) {
      return !criterion.holds(evaluation);
    }

    @Override
    public void collect(Evaluation evaluation, Consumer<Fact> facts) {
      // A negation names no fact.
    }

    @Override
    public String description() {
      return "not " + criterion.description();
    }

    @Override
    public String toString() {
      return description();
    }
  }
}
