package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Setting;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.FactTemplate;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.terminology.Coded;
import org.jspecify.annotations.Nullable;

/** Factories for the built-in {@link Criterion} kinds, to compose rules from. */
public final class Criteria {
  // Lower-case displays, computed once: fact texts use them for every episode.
  private static final ImmutableMap<Setting, String> SETTING_TEXT =
      lowerCaseDisplays(Setting.class, Setting::display);
  private static final ImmutableMap<Impact, String> IMPACT_TEXT =
      lowerCaseDisplays(Impact.class, Impact::display);

  private Criteria() {}

  private static <E extends Enum<E>> ImmutableMap<E, String> lowerCaseDisplays(
      Class<E> type, Function<E, String> display) {
    Map<E, String> texts = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      texts.put(value, display.apply(value).toLowerCase(Locale.ROOT));
    }
    return Maps.immutableEnumMap(texts);
  }

  /** Holds when any of the given risk factors is present; its facts are theirs. */
  public static Criterion riskFactor(RiskFactorKind... kinds) {
    return new Criterion.RiskFactorPresent(ImmutableSet.copyOf(kinds));
  }

  /** Holds when any of the given red flags is raised; its facts are theirs. */
  public static Criterion redFlag(RedFlagKind... kinds) {
    return new Criterion.RedFlagRaised(ImmutableSet.copyOf(kinds));
  }

  /** Holds when there is at least one episode in the window. */
  public static Criterion anyEpisode() {
    return new Criterion.AnyEpisode();
  }

  /**
   * Holds when an episode in the window had any of the given signs, or the sign was recorded on its
   * own in the window (or is an ongoing problem).
   */
  public static Criterion episodeWithSign(AssociatedSign... signs) {
    return new Criterion.SignRecorded(ImmutableSet.copyOf(signs));
  }

  /** Holds when the patient has an (active) condition of any of the given kinds. */
  public static Criterion hasCondition(ConditionKind... kinds) {
    return new Criterion.HasCondition(ImmutableSet.copyOf(kinds));
  }

  /**
   * Holds when an episode in the window had any of the given signs at one of the sites (any site
   * when none are given), or with no site recorded if {@code siteUnknown}.
   */
  public static Criterion episodeSign(
      Set<AssociatedSign> signs, Set<BodySite> sites, boolean siteUnknown) {
    return new Criterion.EpisodeSign(
        ImmutableSet.copyOf(signs), ImmutableSet.copyOf(sites), siteUnknown);
  }

  /**
   * Holds when a sign was recorded on its own in the window (or is ongoing) at one of the sites
   * (any site when none are given), or with no site recorded if {@code siteUnknown}.
   */
  public static Criterion findingSign(
      Set<AssociatedSign> signs, Set<BodySite> sites, boolean siteUnknown) {
    return new Criterion.FindingSign(
        ImmutableSet.copyOf(signs), ImmutableSet.copyOf(sites), siteUnknown);
  }

  /** Holds when a current result of the analytes has no usable range and a critical-high flag. */
  public static Criterion labCriticalHighWithoutRange(Analyte... analytes) {
    return new Criterion.LabCriticalHighWithoutRange(ImmutableSet.copyOf(analytes));
  }

  /** Holds when the current creatine kinase is at least the urgent multiple of its upper limit. */
  public static Criterion creatineKinaseFarAboveRange() {
    return new Criterion.CreatineKinaseFarAboveRange();
  }

  /** Holds when an episode in the window happened in any of the given settings. */
  public static Criterion episodeInSetting(Setting... settings) {
    return new Criterion.EpisodeInSetting(ImmutableSet.copyOf(settings));
  }

  /** Holds when an episode in the window was in any of the given regions. */
  public static Criterion episodeInRegion(BodySite.Region... regions) {
    return new Criterion.EpisodeInRegion(ImmutableSet.copyOf(regions));
  }

  /** Holds when the weekly average over the window is above the "frequent" threshold. */
  public static Criterion frequent() {
    return new Criterion.Frequent();
  }

  /**
   * Holds when at least the threshold number of episodes in the window disturbed sleep or daily
   * life.
   */
  public static Criterion disruptive() {
    return new Criterion.Disruptive();
  }

  /** Holds when the patient is pregnant. */
  public static Criterion pregnant() {
    return riskFactor(RiskFactorKind.PREGNANCY);
  }

  /** Holds when the patient takes a medication of any of the given classes. */
  public static Criterion takes(MedicationClass... classes) {
    return new Criterion.Takes(ImmutableSet.copyOf(classes));
  }

  /** Holds when a current result of any of the given analytes lies outside its range. */
  public static Criterion abnormalLab(Analyte... analytes) {
    return new Criterion.AbnormalLab(ImmutableSet.copyOf(analytes));
  }

  /**
   * Holds when one of the electrolyte groups (potassium, sodium, calcium total or ionized,
   * magnesium) has no current result with a known range; its facts name what is missing.
   */
  public static Criterion missingCurrentElectrolytes() {
    return new Criterion.MissingCurrentElectrolytes();
  }

  /**
   * Holds when every electrolyte group has a current result and all of them are within range; its
   * facts are those results.
   */
  public static Criterion electrolytesNormal() {
    return new Criterion.ElectrolytesNormal();
  }

  /** Holds when all the given criteria hold; its facts are all of theirs, without repeats. */
  public static Criterion allOf(Criterion... criteria) {
    return new Criterion.AllOf(ImmutableList.copyOf(criteria));
  }

  /** Holds when any of the given criteria holds; its facts are those of all that hold. */
  public static Criterion anyOf(Criterion... criteria) {
    return new Criterion.AnyOf(ImmutableList.copyOf(criteria));
  }

  /** Holds when the given criterion does not; it contributes no facts. */
  public static Criterion not(Criterion criterion) {
    return new Criterion.Not(criterion);
  }

  // The tests of the criteria, one per record of Criterion.

  static Optional<List<Fact>> riskFactorFacts(Set<RiskFactorKind> wanted, Evaluation e) {
    List<List<Fact>> matches = new ArrayList<>(2);
    for (RiskFactor r : e.riskFactors()) {
      if (wanted.contains(r.kind())) {
        matches.add(r.facts());
      }
    }
    return distinctFacts(matches);
  }

  static Optional<List<Fact>> redFlagFacts(Set<RedFlagKind> wanted, Evaluation e) {
    List<List<Fact>> matches = new ArrayList<>(2);
    for (RedFlag r : e.redFlags()) {
      if (wanted.contains(r.kind())) {
        matches.add(r.facts());
      }
    }
    return distinctFacts(matches);
  }

  static Optional<List<Fact>> anyEpisodeFacts(Evaluation e) {
    return e.episodes().isEmpty()
        ? Optional.empty()
        : Optional.of(
            List.of(
                Fact.of(
                    FactKind.PATTERN,
                    null,
                    FactTemplate.EPISODE_COUNT,
                    e.patterns().episodeCount(),
                    e.thresholds().patterns().window().toDays())));
  }

  static Optional<List<Fact>> signFacts(ImmutableSet<AssociatedSign> wanted, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    long want = Evaluation.bits(wanted);
    long[] masks = e.signMasks();
    List<CrampEpisode> episodes = e.episodes();
    AssociatedSign[] signs = wanted.toArray(new AssociatedSign[0]);
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) != 0) {
        facts.add(Findings.signFact(episodes.get(i), signs));
      }
    }
    for (SignFinding finding : e.findings()) {
      if (wanted.contains(finding.sign())) {
        facts.add(Findings.findingFact(finding));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> conditionFacts(Set<ConditionKind> wanted, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    for (Condition condition : e.patient().conditions()) {
      if (wanted.contains(condition.kind())) {
        facts.add(Findings.conditionFact(condition));
      }
    }
    return held(facts);
  }

  private static boolean atSite(Optional<BodySite> site, Set<BodySite> sites, boolean siteUnknown) {
    if (site.isEmpty()) {
      return siteUnknown;
    }
    return sites.isEmpty() || sites.contains(site.get());
  }

  static Optional<List<Fact>> episodeSignFacts(Criterion.EpisodeSign c, Evaluation e) {
    List<Fact> facts = new ArrayList<>(0);
    long want = Evaluation.bits(c.signs());
    long[] masks = e.signMasks();
    List<CrampEpisode> episodes = e.episodes();
    AssociatedSign[] signs = c.signs().toArray(new AssociatedSign[0]);
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) != 0) {
        CrampEpisode episode = episodes.get(i);
        if (atSite(episode.site(), c.sites(), c.siteUnknown())) {
          facts.add(Findings.signFact(episode, signs));
        }
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> findingSignFacts(Criterion.FindingSign c, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    for (SignFinding finding : e.findings()) {
      if (c.signs().contains(finding.sign())
          && atSite(finding.site(), c.sites(), c.siteUnknown())) {
        facts.add(Findings.findingFact(finding));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> criticalWithoutRangeFacts(Set<Analyte> wanted, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    for (LabInterpretation lab : e.labs()) {
      if (lab.current()
          && wanted.contains(lab.result().analyte())
          && lab.range().isEmpty()
          && lab.criticalHighFlag()) {
        facts.add(
            Fact.about(
                FactKind.LAB,
                lab.result().id(),
                lab.describe() + ": a critical flag with no usable range, taken as far above"));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> creatineKinaseFarAboveFacts(Evaluation e) {
    double threshold = e.thresholds().creatineKinaseUrgentMultiple();
    List<Fact> facts = new ArrayList<>();
    for (LabInterpretation lab : e.labs()) {
      if (!lab.current()
          || lab.result().analyte() != Analyte.CREATINE_KINASE
          || lab.interpretation() != Interpretation.HIGH) {
        continue;
      }
      Optional<Double> multiple = lab.multipleOfUpperLimit();
      if (multiple.isPresent() && multiple.get() >= threshold) {
        facts.add(
            Fact.about(
                FactKind.LAB,
                lab.result().id(),
                String.format(
                    Locale.ROOT,
                    "%s, %.1f times the upper limit (threshold %s)",
                    lab.describe(),
                    multiple.get(),
                    Findings.format(threshold))));
      }
    }
    return held(facts);
  }

  static String siteText(Set<BodySite> sites, boolean siteUnknown) {
    if (sites.isEmpty()) {
      return siteUnknown ? "" : " (site recorded)";
    }
    return " at " + codes(sites) + (siteUnknown ? " or with no site recorded" : "");
  }

  static Optional<List<Fact>> settingFacts(ImmutableSet<Setting> settings, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    long want = Evaluation.bits(settings);
    long[] masks = e.settingMasks();
    List<CrampEpisode> episodes = e.episodes();
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) == 0) {
        continue;
      }
      CrampEpisode episode = episodes.get(i);
      for (Setting setting : settings) {
        if (episode.in(setting)) {
          facts.add(
              Fact.of(
                  FactKind.EPISODE,
                  episode.id(),
                  FactTemplate.EPISODE_SETTING,
                  episode.siteText(),
                  Objects.requireNonNull(SETTING_TEXT.get(setting)),
                  Findings.onset(episode)));
          break;
        }
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> regionFacts(Set<BodySite.Region> wanted, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    List<CrampEpisode> episodes = e.episodes();
    for (int i = 0; i < episodes.size(); i++) {
      Optional<BodySite> site = episodes.get(i).site();
      if (site.isPresent() && wanted.contains(site.get().region())) {
        facts.add(e.episodeFact(i));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> frequentFacts(Evaluation e) {
    return e.patterns().frequent()
        ? Optional.of(
            List.of(
                Fact.derived(
                    FactKind.PATTERN,
                    oneDecimal(e.patterns().episodesPerWeek())
                        + " episodes a week over the last "
                        + e.thresholds().patterns().window().toDays()
                        + " days, above "
                        + Findings.format(e.thresholds().patterns().frequentPerWeek()))))
        : Optional.empty();
  }

  static Optional<List<Fact>> disruptiveFacts(Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    for (CrampEpisode episode : e.episodes()) {
      if (!episode.impacts().isEmpty()) {
        facts.add(
            Fact.of(
                FactKind.EPISODE,
                episode.id(),
                FactTemplate.EPISODE_IMPACTS,
                episode.siteText(),
                Findings.onset(episode),
                impactText(episode)));
      }
    }
    return facts.size() >= e.thresholds().disruptiveEpisodes()
        ? Optional.of(ImmutableList.copyOf(facts))
        : Optional.empty();
  }

  /** The impacts of an episode in words, joined by "and". */
  private static String impactText(CrampEpisode episode) {
    StringBuilder b = new StringBuilder();
    for (Impact impact : episode.impacts()) {
      if (b.length() > 0) {
        b.append(" and ");
      }
      b.append(IMPACT_TEXT.get(impact));
    }
    return b.toString();
  }

  static Optional<List<Fact>> medicationFacts(Set<MedicationClass> wanted, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    for (Medication m : e.patient().medications()) {
      if (wanted.contains(m.medicationClass())) {
        facts.add(Findings.medicationFact(m));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> abnormalLabFacts(Set<Analyte> wanted, Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    List<LabInterpretation> labs = e.labs();
    for (int i = 0; i < labs.size(); i++) {
      LabInterpretation lab = labs.get(i);
      if (wanted.contains(lab.result().analyte()) && lab.isCurrentAndAbnormal()) {
        facts.add(e.labFact(i));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> missingElectrolyteFacts(Evaluation e) {
    List<Fact> facts = new ArrayList<>(0);
    List<LabInterpretation> labs = e.labs();
    for (List<Analyte> group : ELECTROLYTE_GROUPS) {
      boolean present = false;
      for (int i = 0; i < labs.size() && !present; i++) {
        LabInterpretation lab = labs.get(i);
        present =
            group.contains(lab.result().analyte())
                && lab.current()
                && lab.interpretation() != Interpretation.UNKNOWN;
      }
      if (!present) {
        facts.add(
            Fact.of(
                FactKind.ABSENCE,
                null,
                FactTemplate.NO_CURRENT_RESULT,
                group.get(0).display(),
                e.thresholds().labMaxAge().toString()));
      }
    }
    return held(facts);
  }

  static Optional<List<Fact>> normalElectrolyteFacts(Evaluation e) {
    List<Fact> facts = new ArrayList<>();
    List<LabInterpretation> labs = e.labs();
    for (List<Analyte> group : ELECTROLYTE_GROUPS) {
      boolean any = false;
      for (int i = 0; i < labs.size(); i++) {
        LabInterpretation lab = labs.get(i);
        if (group.contains(lab.result().analyte()) && lab.current()) {
          if (lab.interpretation() != Interpretation.NORMAL) {
            return Optional.empty();
          }
          any = true;
          facts.add(e.labFact(i));
        }
      }
      if (!any) {
        return Optional.empty();
      }
    }
    return Optional.of(ImmutableList.copyOf(facts));
  }

  static Optional<List<Fact>> allOfFacts(List<Criterion> criteria, Evaluation e) {
    Facts facts = new Facts();
    for (Criterion c : criteria) {
      Optional<List<Fact>> result = c.test(e);
      if (result.isEmpty()) {
        return Optional.empty();
      }
      facts.add(result.get());
    }
    return Optional.of(facts.list());
  }

  static Optional<List<Fact>> anyOfFacts(List<Criterion> criteria, Evaluation e) {
    Facts facts = new Facts();
    boolean any = false;
    for (Criterion c : criteria) {
      Optional<List<Fact>> result = c.test(e);
      if (result.isPresent()) {
        any = true;
        facts.add(result.get());
      }
    }
    return any ? Optional.of(facts.list()) : Optional.empty();
  }

  /**
   * The facts of a combination, in order and without repeats. Every criterion's own facts are
   * already distinct, so when only one part names facts its list is kept as it is, without hashing
   * a fact into a set.
   */
  private static final class Facts {
    private @Nullable List<Fact> first;
    private @Nullable Set<Fact> merged;

    void add(List<Fact> facts) {
      if (facts.isEmpty()) {
        return;
      }
      if (first == null) {
        first = facts;
        return;
      }
      if (merged == null) {
        merged = new LinkedHashSet<>(first);
      }
      merged.addAll(facts);
    }

    List<Fact> list() {
      if (merged != null) {
        return ImmutableList.copyOf(merged);
      }
      return first == null ? ImmutableList.of() : ImmutableList.copyOf(first);
    }
  }

  private static final List<List<Analyte>> ELECTROLYTE_GROUPS =
      List.of(
          List.of(Analyte.POTASSIUM),
          List.of(Analyte.SODIUM),
          List.of(Analyte.CALCIUM_TOTAL, Analyte.CALCIUM_IONIZED),
          List.of(Analyte.MAGNESIUM));

  /**
   * Returns the facts of the matching findings in order, without repeats: one condition can raise
   * two kinds (dialysis is also advanced kidney disease). The facts of one finding are already
   * distinct ({@link Findings} adds each fact once), so a single match is returned as it is,
   * without hashing every fact into a set.
   */
  private static Optional<List<Fact>> distinctFacts(List<List<Fact>> matches) {
    if (matches.isEmpty()) {
      return Optional.empty();
    }
    if (matches.size() == 1) {
      return held(matches.get(0));
    }
    Set<Fact> facts = new LinkedHashSet<>();
    matches.forEach(facts::addAll);
    return held(facts);
  }

  private static Optional<List<Fact>> held(Collection<Fact> facts) {
    return facts.isEmpty() ? Optional.empty() : Optional.of(ImmutableList.copyOf(facts));
  }

  static String codes(Collection<? extends Coded> values) {
    return values.stream().map(Coded::code).collect(Collectors.joining(" or "));
  }

  static String regionNames(Collection<BodySite.Region> regions) {
    return regions.stream()
        .map(r -> r.name().toLowerCase(Locale.ROOT))
        .collect(Collectors.joining(", "));
  }

  static String describe(String joiner, List<Criterion> criteria) {
    return criteria.stream().map(Criterion::description).collect(Collectors.joining(joiner));
  }

  /**
   * Returns {@code String.format(Locale.ROOT, "%.1f", value)}; positive finite values go through
   * BigDecimal (the same shortest decimal digits, rounded half up), which costs a fraction of a
   * Formatter.
   */
  static String oneDecimal(double value) {
    if (value > 0 && Double.isFinite(value)) {
      return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
