package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Maps;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
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

/** Factories for the built-in {@link Criterion} kinds, to compose rules from. */
public final class Criteria {
  // Lower-case displays, computed once: fact texts use them for every episode.
  private static final ImmutableMap<Setting, String> SETTING_TEXT =
      lowerCaseDisplays(Setting.class, Setting::display);
  private static final ImmutableMap<Impact, String> IMPACT_TEXT =
      lowerCaseDisplays(Impact.class, Impact::display);
  private static final Impact[] IMPACTS = Impact.values();

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

  // The tests of the criteria, two per record of Criterion: whether it holds, building nothing,
  // and the facts that make it hold, built only for rules that hold.

  static boolean riskFactorHolds(ImmutableSet<RiskFactorKind> wanted, Evaluation e) {
    return (e.riskFactorKinds() & e.bits(wanted)) != 0;
  }

  static void riskFactorCollect(
      ImmutableSet<RiskFactorKind> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<RiskFactor> riskFactors = e.riskFactors();
    for (int k = 0; k < riskFactors.size(); k++) {
      RiskFactor r = riskFactors.get(k);
      if (has(want, r.kind())) {
        r.facts().forEach(facts);
      }
    }
  }

  static boolean redFlagHolds(ImmutableSet<RedFlagKind> wanted, Evaluation e) {
    return (e.redFlagKinds() & e.bits(wanted)) != 0;
  }

  static void redFlagCollect(ImmutableSet<RedFlagKind> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<RedFlag> redFlags = e.redFlags();
    for (int k = 0; k < redFlags.size(); k++) {
      RedFlag r = redFlags.get(k);
      if (has(want, r.kind())) {
        r.facts().forEach(facts);
      }
    }
  }

  static boolean anyEpisodeHolds(Evaluation e) {
    return !e.episodes().isEmpty();
  }

  static void anyEpisodeCollect(Evaluation e, Consumer<Fact> facts) {
    facts.accept(e.episodeCountFact());
  }

  static boolean signHolds(ImmutableSet<AssociatedSign> wanted, Evaluation e) {
    long want = e.bits(wanted);
    for (long mask : e.signMasks()) {
      if ((mask & want) != 0) {
        return true;
      }
    }
    List<SignFinding> findings = e.findings();
    for (int k = 0; k < findings.size(); k++) {
      SignFinding finding = findings.get(k);
      if (has(want, finding.sign())) {
        return true;
      }
    }
    return false;
  }

  static void signCollect(ImmutableSet<AssociatedSign> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    long[] masks = e.signMasks();
    List<CrampEpisode> episodes = e.episodes();
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) != 0) {
        facts.accept(Findings.signFact(episodes.get(i), wanted.asList()));
      }
    }
    List<SignFinding> findings = e.findings();
    for (int k = 0; k < findings.size(); k++) {
      SignFinding finding = findings.get(k);
      if (has(want, finding.sign())) {
        facts.accept(Findings.findingFact(finding));
      }
    }
  }

  static boolean conditionHolds(ImmutableSet<ConditionKind> wanted, Evaluation e) {
    long want = e.bits(wanted);
    List<Condition> conditions = e.patient().conditions();
    for (int k = 0; k < conditions.size(); k++) {
      Condition condition = conditions.get(k);
      if (has(want, condition.kind())) {
        return true;
      }
    }
    return false;
  }

  static void conditionCollect(
      ImmutableSet<ConditionKind> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<Condition> conditions = e.patient().conditions();
    for (int k = 0; k < conditions.size(); k++) {
      Condition condition = conditions.get(k);
      if (has(want, condition.kind())) {
        facts.accept(e.condition(k));
      }
    }
  }

  private static boolean atSite(Optional<BodySite> site, Set<BodySite> sites, boolean siteUnknown) {
    if (site.isEmpty()) {
      return siteUnknown;
    }
    return sites.isEmpty() || sites.contains(site.get());
  }

  static boolean episodeSignHolds(Criterion.EpisodeSign c, Evaluation e) {
    long want = e.bits(c.signs());
    long[] masks = e.signMasks();
    List<CrampEpisode> episodes = e.episodes();
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) != 0 && atSite(episodes.get(i).site(), c.sites(), c.siteUnknown())) {
        return true;
      }
    }
    return false;
  }

  static void episodeSignCollect(Criterion.EpisodeSign c, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(c.signs());
    long[] masks = e.signMasks();
    List<CrampEpisode> episodes = e.episodes();
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) != 0) {
        CrampEpisode episode = episodes.get(i);
        if (atSite(episode.site(), c.sites(), c.siteUnknown())) {
          facts.accept(Findings.signFact(episode, c.signs().asList()));
        }
      }
    }
  }

  private static boolean findingSignMatches(Criterion.FindingSign c, SignFinding finding) {
    return c.signs().contains(finding.sign()) && atSite(finding.site(), c.sites(), c.siteUnknown());
  }

  static boolean findingSignHolds(Criterion.FindingSign c, Evaluation e) {
    List<SignFinding> findings = e.findings();
    for (int k = 0; k < findings.size(); k++) {
      SignFinding finding = findings.get(k);
      if (findingSignMatches(c, finding)) {
        return true;
      }
    }
    return false;
  }

  static void findingSignCollect(Criterion.FindingSign c, Evaluation e, Consumer<Fact> facts) {
    List<SignFinding> findings = e.findings();
    for (int k = 0; k < findings.size(); k++) {
      SignFinding finding = findings.get(k);
      if (findingSignMatches(c, finding)) {
        facts.accept(Findings.findingFact(finding));
      }
    }
  }

  private static boolean criticalWithoutRange(long want, LabInterpretation lab) {
    return lab.current()
        && has(want, lab.result().analyte())
        && lab.range().isEmpty()
        && lab.criticalHighFlag();
  }

  static boolean criticalWithoutRangeHolds(ImmutableSet<Analyte> wanted, Evaluation e) {
    long want = e.bits(wanted);
    List<LabInterpretation> labs = e.labs();
    for (int k = 0; k < labs.size(); k++) {
      LabInterpretation lab = labs.get(k);
      if (criticalWithoutRange(want, lab)) {
        return true;
      }
    }
    return false;
  }

  static void criticalWithoutRangeCollect(
      ImmutableSet<Analyte> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<LabInterpretation> labs = e.labs();
    for (int k = 0; k < labs.size(); k++) {
      LabInterpretation lab = labs.get(k);
      if (criticalWithoutRange(want, lab)) {
        facts.accept(
            Fact.about(
                FactKind.LAB,
                lab.result().id(),
                lab.describe() + ": a critical flag with no usable range, taken as far above"));
      }
    }
  }

  /** The multiple of the upper limit of a current, high creatine kinase at the threshold, or 0. */
  private static double creatineKinaseMultiple(LabInterpretation lab, double threshold) {
    if (!lab.current()
        || lab.result().analyte() != Analyte.CREATINE_KINASE
        || lab.interpretation() != Interpretation.HIGH) {
      return 0;
    }
    Optional<Double> multiple = lab.multipleOfUpperLimit();
    return multiple.isPresent() && multiple.get() >= threshold ? multiple.get() : 0;
  }

  static boolean creatineKinaseFarAboveHolds(Evaluation e) {
    double threshold = e.thresholds().creatineKinaseUrgentMultiple();
    List<LabInterpretation> labs = e.labs();
    for (int k = 0; k < labs.size(); k++) {
      LabInterpretation lab = labs.get(k);
      if (creatineKinaseMultiple(lab, threshold) > 0) {
        return true;
      }
    }
    return false;
  }

  static void creatineKinaseFarAboveCollect(Evaluation e, Consumer<Fact> facts) {
    double threshold = e.thresholds().creatineKinaseUrgentMultiple();
    List<LabInterpretation> labs = e.labs();
    for (int k = 0; k < labs.size(); k++) {
      LabInterpretation lab = labs.get(k);
      double multiple = creatineKinaseMultiple(lab, threshold);
      if (multiple > 0) {
        facts.accept(
            Fact.about(
                FactKind.LAB,
                lab.result().id(),
                String.format(
                    Locale.ROOT,
                    "%s, %.1f times the upper limit (threshold %s)",
                    lab.describe(),
                    multiple,
                    Findings.format(threshold))));
      }
    }
  }

  static String siteText(Set<BodySite> sites, boolean siteUnknown) {
    if (sites.isEmpty()) {
      return siteUnknown ? "" : " (site recorded)";
    }
    return " at " + codes(sites) + (siteUnknown ? " or with no site recorded" : "");
  }

  static boolean settingHolds(ImmutableSet<Setting> settings, Evaluation e) {
    long want = e.bits(settings);
    for (long mask : e.settingMasks()) {
      if ((mask & want) != 0) {
        return true;
      }
    }
    return false;
  }

  static void settingCollect(ImmutableSet<Setting> settings, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(settings);
    long[] masks = e.settingMasks();
    List<CrampEpisode> episodes = e.episodes();
    Enum<?>[] inOrder = e.elements(settings);
    int count = settings.size();
    for (int i = 0; i < masks.length; i++) {
      if ((masks[i] & want) == 0) {
        continue;
      }
      CrampEpisode episode = episodes.get(i);
      for (int s = 0; s < count; s++) {
        Setting setting = (Setting) inOrder[s];
        if ((masks[i] & (1L << setting.ordinal())) != 0) {
          facts.accept(
              (Findings.instantOnset(episode)
                  ? Fact.of(
                      FactKind.EPISODE,
                      episode.id(),
                      FactTemplate.EPISODE_SETTING,
                      episode.siteText(),
                      Objects.requireNonNull(SETTING_TEXT.get(setting)),
                      episode.onset())
                  : Fact.of(
                      FactKind.EPISODE,
                      episode.id(),
                      FactTemplate.EPISODE_SETTING,
                      episode.siteText(),
                      Objects.requireNonNull(SETTING_TEXT.get(setting)),
                      Findings.onset(episode))));
          break;
        }
      }
    }
  }

  private static boolean inRegion(long want, CrampEpisode episode) {
    Optional<BodySite> site = episode.site();
    return site.isPresent() && has(want, site.get().region());
  }

  static boolean regionHolds(ImmutableSet<BodySite.Region> wanted, Evaluation e) {
    long want = e.bits(wanted);
    List<CrampEpisode> episodes = e.episodes();
    for (int k = 0; k < episodes.size(); k++) {
      CrampEpisode episode = episodes.get(k);
      if (inRegion(want, episode)) {
        return true;
      }
    }
    return false;
  }

  static void regionCollect(
      ImmutableSet<BodySite.Region> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<CrampEpisode> episodes = e.episodes();
    for (int i = 0; i < episodes.size(); i++) {
      if (inRegion(want, episodes.get(i))) {
        facts.accept(e.episodeFact(i));
      }
    }
  }

  static boolean frequentHolds(Evaluation e) {
    return e.patterns().frequent();
  }

  static void frequentCollect(Evaluation e, Consumer<Fact> facts) {
    facts.accept(
        Fact.of(
            FactKind.PATTERN,
            null,
            FactTemplate.FREQUENT,
            oneDecimalValue(e.patterns().episodesPerWeek()),
            e.thresholds().patterns().window().toDays(),
            Findings.decimal(e.thresholds().patterns().frequentPerWeek())));
  }

  static boolean disruptiveHolds(Evaluation e) {
    int disruptive = 0;
    List<CrampEpisode> episodes = e.episodes();
    for (int k = 0; k < episodes.size(); k++) {
      CrampEpisode episode = episodes.get(k);
      if (!episode.impacts().isEmpty()) {
        disruptive++;
      }
    }
    return disruptive >= e.thresholds().disruptiveEpisodes();
  }

  static void disruptiveCollect(Evaluation e, Consumer<Fact> facts) {
    List<CrampEpisode> episodes = e.episodes();
    for (int k = 0; k < episodes.size(); k++) {
      CrampEpisode episode = episodes.get(k);
      if (!episode.impacts().isEmpty()) {
        facts.accept(
            (Findings.instantOnset(episode)
                ? Fact.of(
                    FactKind.EPISODE,
                    episode.id(),
                    FactTemplate.EPISODE_IMPACTS,
                    episode.siteText(),
                    episode.onset(),
                    impactText(episode))
                : Fact.of(
                    FactKind.EPISODE,
                    episode.id(),
                    FactTemplate.EPISODE_IMPACTS,
                    episode.siteText(),
                    Findings.onset(episode),
                    impactText(episode))));
      }
    }
  }

  /** The words for each set of impacts, by bits of their ordinals: a handful, made once. */
  private static final String[] IMPACT_TEXTS = impactTexts();

  private static String[] impactTexts() {
    Impact[] impacts = Impact.values();
    String[] texts = new String[1 << impacts.length];
    for (int bits = 0; bits < texts.length; bits++) {
      StringBuilder b = new StringBuilder();
      for (Impact impact : impacts) {
        if ((bits & (1 << impact.ordinal())) != 0) {
          if (b.length() > 0) {
            b.append(" and ");
          }
          b.append(IMPACT_TEXT.get(impact));
        }
      }
      texts[bits] = b.toString();
    }
    return texts;
  }

  /** The impacts of an episode in words, joined by "and", in declaration order. */
  private static String impactText(CrampEpisode episode) {
    int bits = 0;
    for (Impact impact : IMPACTS) {
      if (episode.impacts().contains(impact)) {
        bits |= 1 << impact.ordinal();
      }
    }
    return IMPACT_TEXTS[bits];
  }

  static boolean medicationHolds(ImmutableSet<MedicationClass> wanted, Evaluation e) {
    long want = e.bits(wanted);
    List<Medication> medications = e.patient().medications();
    for (int k = 0; k < medications.size(); k++) {
      Medication m = medications.get(k);
      if (has(want, m.medicationClass())) {
        return true;
      }
    }
    return false;
  }

  static void medicationCollect(
      ImmutableSet<MedicationClass> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<Medication> medications = e.patient().medications();
    for (int k = 0; k < medications.size(); k++) {
      Medication m = medications.get(k);
      if (has(want, m.medicationClass())) {
        facts.accept(e.medication(k));
      }
    }
  }

  static boolean abnormalLabHolds(ImmutableSet<Analyte> wanted, Evaluation e) {
    long want = e.bits(wanted);
    List<LabInterpretation> labs = e.labs();
    for (int k = 0; k < labs.size(); k++) {
      LabInterpretation lab = labs.get(k);
      if (has(want, lab.result().analyte()) && lab.isCurrentAndAbnormal()) {
        return true;
      }
    }
    return false;
  }

  static void abnormalLabCollect(ImmutableSet<Analyte> wanted, Evaluation e, Consumer<Fact> facts) {
    long want = e.bits(wanted);
    List<LabInterpretation> labs = e.labs();
    for (int i = 0; i < labs.size(); i++) {
      LabInterpretation lab = labs.get(i);
      if (has(want, lab.result().analyte()) && lab.isCurrentAndAbnormal()) {
        facts.accept(e.labFact(i));
      }
    }
  }

  /** Whether a group of electrolytes has a current result with a known range. */
  private static boolean hasCurrent(List<Analyte> group, List<LabInterpretation> labs) {
    for (LabInterpretation lab : labs) {
      if (group.contains(lab.result().analyte())
          && lab.current()
          && lab.interpretation() != Interpretation.UNKNOWN) {
        return true;
      }
    }
    return false;
  }

  static boolean missingElectrolyteHolds(Evaluation e) {
    for (List<Analyte> group : ELECTROLYTE_GROUPS) {
      if (!hasCurrent(group, e.labs())) {
        return true;
      }
    }
    return false;
  }

  static void missingElectrolyteCollect(Evaluation e, Consumer<Fact> facts) {
    for (List<Analyte> group : ELECTROLYTE_GROUPS) {
      if (!hasCurrent(group, e.labs())) {
        facts.accept(
            Fact.of(
                FactKind.ABSENCE,
                null,
                FactTemplate.NO_CURRENT_RESULT,
                group.get(0).display(),
                e.thresholds().labMaxAge().toString()));
      }
    }
  }

  static boolean normalElectrolyteHolds(Evaluation e) {
    for (List<Analyte> group : ELECTROLYTE_GROUPS) {
      boolean any = false;
      List<LabInterpretation> labs = e.labs();
      for (int k = 0; k < labs.size(); k++) {
        LabInterpretation lab = labs.get(k);
        if (group.contains(lab.result().analyte()) && lab.current()) {
          if (lab.interpretation() != Interpretation.NORMAL) {
            return false;
          }
          any = true;
        }
      }
      if (!any) {
        return false;
      }
    }
    return true;
  }

  static void normalElectrolyteCollect(Evaluation e, Consumer<Fact> facts) {
    List<LabInterpretation> labs = e.labs();
    for (List<Analyte> group : ELECTROLYTE_GROUPS) {
      for (int i = 0; i < labs.size(); i++) {
        LabInterpretation lab = labs.get(i);
        if (group.contains(lab.result().analyte()) && lab.current()) {
          facts.accept(e.labFact(i));
        }
      }
    }
  }

  static boolean allOfHolds(List<Criterion> criteria, Evaluation e) {
    for (int i = 0; i < criteria.size(); i++) {
      Criterion c = criteria.get(i);
      if (!c.holds(e)) {
        return false;
      }
    }
    return true;
  }

  static void allOfCollect(List<Criterion> criteria, Evaluation e, Consumer<Fact> facts) {
    for (int i = 0; i < criteria.size(); i++) {
      Criterion c = criteria.get(i);
      c.collect(e, facts);
    }
  }

  static boolean anyOfHolds(List<Criterion> criteria, Evaluation e) {
    for (int i = 0; i < criteria.size(); i++) {
      Criterion c = criteria.get(i);
      if (c.holds(e)) {
        return true;
      }
    }
    return false;
  }

  static void anyOfCollect(List<Criterion> criteria, Evaluation e, Consumer<Fact> facts) {
    for (int i = 0; i < criteria.size(); i++) {
      Criterion c = criteria.get(i);
      if (c.holds(e)) {
        c.collect(e, facts);
      }
    }
  }

  private static final List<List<Analyte>> ELECTROLYTE_GROUPS =
      List.of(
          List.of(Analyte.POTASSIUM),
          List.of(Analyte.SODIUM),
          List.of(Analyte.CALCIUM_TOTAL, Analyte.CALCIUM_IONIZED),
          List.of(Analyte.MAGNESIUM));

  /**
   * Returns whether the criterion names each fact once by construction, so that its facts need no
   * search for repeats: every kind but a combination, and a risk factor or red flag of more than
   * one kind (one condition can give two kinds of risk factor).
   */
  static boolean namesDistinctFacts(Criterion c) {
    if (c instanceof Criterion.AllOf || c instanceof Criterion.AnyOf) {
      return false;
    }
    if (c instanceof Criterion.RiskFactorPresent) {
      return ((Criterion.RiskFactorPresent) c).kinds().size() == 1;
    }
    if (c instanceof Criterion.RedFlagRaised) {
      return ((Criterion.RedFlagRaised) c).kinds().size() == 1;
    }
    return true;
  }

  /** Returns whether the bits have the constant's ordinal. */
  private static boolean has(long bits, Enum<?> value) {
    return (bits & (1L << value.ordinal())) != 0;
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
  /** Returns {@link #oneDecimal} as a fact value: a decimal, or text if not a positive number. */
  static Object oneDecimalValue(double value) {
    if (value > 0 && Double.isFinite(value)) {
      return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP);
    }
    return oneDecimal(value);
  }

  static String oneDecimal(double value) {
    if (value > 0 && Double.isFinite(value)) {
      return BigDecimal.valueOf(value).setScale(1, RoundingMode.HALF_UP).toPlainString();
    }
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
