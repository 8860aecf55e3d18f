package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.lang.reflect.RecordComponent;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.lab.LabResult;
import org.crampcare.patient.PatientContext;
import org.crampcare.pattern.EpisodePatterns;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlag;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.Thresholds;
import org.jspecify.annotations.Nullable;

/**
 * Assesses a patient's cramp episodes against a {@link RuleBook}.
 *
 * <p>Immutable, thread-safe and deterministic: the same input gives the same assessment, in the
 * same order. It reads no clock, does no I/O and holds no mutable state; "now" is the explicit
 * {@code asOf}.
 *
 * <pre>{@code
 * Assessment assessment = Assessor.create(RuleBook.builtIn()).assess(patient, episodes, asOf);
 * }</pre>
 */
public final class Assessor {
  private static final RedFlagKind[] RED_FLAG_KINDS = RedFlagKind.values();

  private final RuleBook ruleBook;
  // Every enum set the rules name, as bits by ordinal, keyed by the set's identity: a criterion
  // looks its set up here instead of reading the set on every test.
  private final Map<Object, Long> masks;
  // The text of each caution code, looked up once rather than per caution.
  private final ImmutableMap<String, String> cautionTexts;
  // The rules of each kind, in book order, sorted once rather than per assessment.
  private final RedFlagRule[] redFlagRules;
  private final RecommendRule[] recommendRules;
  private final SuppressRule[] suppressRules;
  private final CautionRule[] cautionRules;
  // The recommendation codes in output order (category, priority, rank, code), and for each rule
  // the index of its code in it: an assessment finds a candidate by index, not by code.
  private final RecommendationDefinition[] definitions;
  private final int[] recommendIndex;
  private final int[] suppressIndex;
  private final int[] replacementIndex;
  private final int[] cautionIndex;
  // The patient text of each recommend rule, and of each suppress rule's replacement.
  private final String[] recommendText;
  private final @Nullable String[] replacementText;

  private Assessor(RuleBook ruleBook) {
    this.ruleBook = ruleBook;
    Map<String, String> texts = new HashMap<>();
    for (Rule rule : ruleBook.rules()) {
      if (rule instanceof CautionRule) {
        String code = ((CautionRule) rule).caution();
        texts.computeIfAbsent(code, c -> ruleBook.texts().get("caution." + c));
      }
    }
    this.cautionTexts = ImmutableMap.copyOf(texts);
    IdentityHashMap<Object, Long> sets = new IdentityHashMap<>();
    for (Rule rule : ruleBook.rules()) {
      collectMasks(rule.when(), sets);
    }
    this.masks = Collections.unmodifiableMap(sets);
    this.redFlagRules = rulesOf(ruleBook, RedFlagRule.class, new RedFlagRule[0]);
    this.recommendRules = rulesOf(ruleBook, RecommendRule.class, new RecommendRule[0]);
    this.suppressRules = rulesOf(ruleBook, SuppressRule.class, new SuppressRule[0]);
    this.cautionRules = rulesOf(ruleBook, CautionRule.class, new CautionRule[0]);
    this.definitions =
        ruleBook.definitions().values().stream()
            .sorted(ORDER)
            .toArray(RecommendationDefinition[]::new);
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < definitions.length; i++) {
      index.put(definitions[i].code(), i);
    }
    this.recommendIndex = new int[recommendRules.length];
    for (int i = 0; i < recommendRules.length; i++) {
      recommendIndex[i] = indexOf(index, recommendRules[i].code());
    }
    this.suppressIndex = new int[suppressRules.length];
    this.replacementIndex = new int[suppressRules.length];
    for (int i = 0; i < suppressRules.length; i++) {
      suppressIndex[i] = indexOf(index, suppressRules[i].code());
      Optional<String> replacement = suppressRules[i].replacement();
      replacementIndex[i] = replacement.isPresent() ? indexOf(index, replacement.get()) : -1;
    }
    this.recommendText = new String[recommendRules.length];
    for (int i = 0; i < recommendRules.length; i++) {
      recommendText[i] = ruleBook.texts().get(recommendRules[i].textKey());
    }
    this.replacementText = new String[suppressRules.length];
    for (int i = 0; i < suppressRules.length; i++) {
      SuppressRule s = suppressRules[i];
      replacementText[i] =
          s.replacement().isPresent()
              ? ruleBook.texts().get(s.replacementTextKey().orElse(s.replacement().get()))
              : null;
    }
    this.cautionIndex = new int[cautionRules.length];
    for (int i = 0; i < cautionRules.length; i++) {
      cautionIndex[i] = indexOf(index, cautionRules[i].code());
    }
  }

  /** Adds the bits of every set of enum constants in the criterion, at any depth. */
  private static void collectMasks(Criterion criterion, Map<Object, Long> masks) {
    for (RecordComponent component : criterion.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(criterion);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + component + " of " + criterion, e);
      }
      if (value instanceof Criterion) {
        collectMasks((Criterion) value, masks);
      } else if (value instanceof ImmutableList) {
        for (Object part : (ImmutableList<?>) value) {
          if (part instanceof Criterion) {
            collectMasks((Criterion) part, masks);
          }
        }
      } else if (value instanceof ImmutableSet) {
        long bits = 0;
        boolean enums = true;
        for (Object element : (ImmutableSet<?>) value) {
          enums &= element instanceof Enum;
          if (element instanceof Enum) {
            bits |= 1L << ((Enum<?>) element).ordinal();
          }
        }
        if (enums) {
          masks.put(value, bits);
        }
      }
    }
  }

  private static int indexOf(Map<String, Integer> index, String code) {
    Integer i = index.get(code);
    if (i == null) {
      throw new AssertionError("undefined code passed the rule book check: " + code);
    }
    return i;
  }

  private static <R extends Rule> R[] rulesOf(RuleBook ruleBook, Class<R> kind, R[] none) {
    return ruleBook.rules().stream()
        .filter(kind::isInstance)
        .map(kind::cast)
        .toList()
        .toArray(none);
  }

  /** Category, then priority, then the rule book's rank, then the code: a total order. */
  private static final Comparator<RecommendationDefinition> ORDER =
      Comparator.comparingInt((RecommendationDefinition d) -> d.category().ordinal())
          .thenComparingInt(d -> d.priority().ordinal())
          .thenComparingInt(RecommendationDefinition::rank)
          .thenComparing(RecommendationDefinition::code);

  /** Returns an assessor over the given rule book. */
  public static Assessor create(RuleBook ruleBook) {
    return new Assessor(ruleBook);
  }

  /** Returns an assessor over the built-in rule book. */
  public static Assessor withBuiltInRules() {
    return new Assessor(RuleBook.builtIn());
  }

  /** Returns the rule book. */
  public RuleBook ruleBook() {
    return ruleBook;
  }

  /**
   * Assesses a patient.
   *
   * @param patient the patient
   * @param episodes the episode history, in any order; those before the window are reported as
   *     unused
   * @param asOf the assessment time ("now"); dates are taken in UTC
   * @return the assessment
   * @throws IllegalArgumentException if an episode id repeats, an episode starts after {@code
   *     asOf}, or the birth date is after {@code asOf}
   */
  public Assessment assess(PatientContext patient, List<CrampEpisode> episodes, Instant asOf) {
    List<UnusedInput> unused = new ArrayList<>();
    Evaluation evaluation = evaluate(patient, episodes, asOf, unused);
    List<CrampEpisode> window = evaluation.episodes();
    boolean adult = evaluation.ageYears() >= ruleBook.thresholds().adultAge();

    List<Notice> notices = new ArrayList<>();
    if (patient.pregnant()) {
      notices.add(notice(Notice.Kind.PREGNANCY));
    }
    if (!adult) {
      notices.add(0, notice(Notice.Kind.ADULTS_ONLY));
    } else if (window.isEmpty()) {
      notices.add(notice(Notice.Kind.NO_RECENT_EPISODES));
    }
    List<Recommendation> recommendations = new ArrayList<>();
    List<Suppression> suppressed = new ArrayList<>();
    if (adult) {
      apply(evaluation, recommendations, suppressed);
      if (window.isEmpty()) {
        // No cramp, no self-care plan: only advice that red flags alone call for stands.
        keepRedFlagAdvice(evaluation.redFlags(), recommendations, suppressed);
      }
    }
    return new Assessment(
        asOf,
        patient.id(),
        evaluation.ageYears(),
        ruleBook.version(),
        notices,
        evaluation.patterns(),
        evaluation.labs(),
        evaluation.riskFactors(),
        evaluation.redFlags(),
        recommendations,
        suppressed,
        unused);
  }

  /**
   * Returns what the rules see for this input (the evaluation {@link #assess} applies them to).
   *
   * @throws IllegalArgumentException for the reasons {@link #assess} gives
   */
  Evaluation evaluation(PatientContext patient, List<CrampEpisode> episodes, Instant asOf) {
    return evaluate(patient, episodes, asOf, new ArrayList<>());
  }

  /** Derives everything the rules see, and adds to {@code unused} what does not count. */
  private Evaluation evaluate(
      PatientContext patient, List<CrampEpisode> episodes, Instant asOf, List<UnusedInput> unused) {
    Thresholds thresholds = ruleBook.thresholds();
    LocalDate asOfDate = Findings.dateOf(asOf);
    checkEpisodes(episodes, asOf);
    int age = patient.ageOn(asOfDate);

    List<LabInterpretation> labs = new ArrayList<>();
    Map<Analyte, LabResult> newest = newestPerAnalyte(patient.labs(), asOfDate);
    for (LabResult lab : patient.labs()) {
      LabInterpretation interpretation =
          LabInterpretation.of(lab, asOfDate, thresholds.labMaxAge());
      LabResult latest = newest.get(lab.analyte());
      if (interpretation.current() && latest != null && lab.date().isBefore(latest.date())) {
        // The newest result per analyte decides; older ones are history, not current evidence.
        interpretation = interpretation.superseded();
        unused.add(
            new UnusedInput(
                FactKind.LAB,
                lab.id(),
                "dated "
                    + lab.date()
                    + ", superseded by the newer "
                    + lab.analyte().display()
                    + " result "
                    + latest.id()
                    + " of "
                    + latest.date()
                    + ": history, not current evidence"));
      } else {
        unusedReason(interpretation, asOfDate, thresholds)
            .ifPresent(reason -> unused.add(new UnusedInput(FactKind.LAB, lab.id(), reason)));
      }
      labs.add(interpretation);
    }

    List<CrampEpisode> window = EpisodePatterns.inWindow(episodes, asOf, thresholds.patterns());
    if (window.size() < episodes.size()) { // otherwise every episode is in the window
      Set<String> inWindow = window.stream().map(CrampEpisode::id).collect(Collectors.toSet());
      episodes.stream()
          .filter(e -> !inWindow.contains(e.id()))
          .sorted(Comparator.comparing(CrampEpisode::onset).thenComparing(CrampEpisode::id))
          .forEach(
              e ->
                  unused.add(
                      new UnusedInput(
                          FactKind.EPISODE,
                          e.id(),
                          "started before the "
                              + thresholds.patterns().window().toDays()
                              + "-day window: counted in no pattern or rule")));
    }
    Instant windowStart = asOf.minus(thresholds.patterns().window());
    List<SignFinding> findings = new ArrayList<>();
    for (SignFinding finding : patient.findings()) {
      if (finding.inWindow(windowStart, asOf)) {
        findings.add(finding);
      } else {
        unused.add(
            new UnusedInput(
                FactKind.FINDING,
                finding.id(),
                finding.recorded().map(r -> r.isAfter(asOf)).orElse(false)
                    ? "recorded after the assessment time: not used"
                    : "recorded before the "
                        + thresholds.patterns().window().toDays()
                        + "-day window and not an active problem: not current"));
      }
    }
    EpisodePatterns patterns = EpisodePatterns.of(window, asOf, thresholds.patterns());
    Evaluation evaluation =
        new Evaluation(patient, asOf, age, window, patterns, labs, thresholds, findings);
    evaluation.setMasks(masks);
    evaluation.setRiskFactors(Findings.riskFactors(patient, window, labs, thresholds, evaluation));
    evaluation.setRedFlags(raiseRedFlags(evaluation));
    return evaluation;
  }

  /**
   * Runs the red-flag rules: one red flag per kind raised, in the declaration order of {@link
   * RedFlagKind}, with the facts of every rule that raised it in rule order, without repeats. A
   * rule whose criterion holds without naming a fact (a negation) is its own fact.
   */
  private ImmutableList<RedFlag> raiseRedFlags(Evaluation evaluation) {
    FactCollector[] raised = new FactCollector[RED_FLAG_KINDS.length];
    boolean any = false;
    for (RedFlagRule r : redFlagRules) {
      if (r.when().holds(evaluation)) {
        FactCollector into = raised[r.raises().ordinal()];
        if (into == null) {
          into = new FactCollector();
          raised[r.raises().ordinal()] = into;
          any = true;
        }
        int before = into.offered();
        r.when().collect(evaluation, into);
        if (into.offered() == before) {
          into.accept(Fact.derived(FactKind.PATTERN, r.when().description()));
        }
      }
    }
    if (!any) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<RedFlag> result = ImmutableList.builder();
    for (RedFlagKind kind : RED_FLAG_KINDS) {
      FactCollector facts = raised[kind.ordinal()];
      if (facts != null) {
        result.add(new RedFlag(kind, facts.toList()));
      }
    }
    return result.build();
  }

  /** The newest result of each analyte dated on or before the assessment date. */
  private static Map<Analyte, LabResult> newestPerAnalyte(List<LabResult> labs, LocalDate asOf) {
    Map<Analyte, LabResult> newest = new EnumMap<>(Analyte.class);
    for (LabResult lab : labs) {
      if (lab.date().isAfter(asOf)) {
        continue;
      }
      LabResult seen = newest.get(lab.analyte());
      if (seen == null || lab.date().isAfter(seen.date())) {
        newest.put(lab.analyte(), lab);
      }
    }
    return newest;
  }

  /**
   * Keeps only the recommendations with a trigger that rests entirely on red-flag facts; a
   * suppression whose replacement is dropped goes with it.
   */
  private static void keepRedFlagAdvice(
      List<RedFlag> redFlags, List<Recommendation> recommendations, List<Suppression> suppressed) {
    Set<Fact> redFlagFacts = new HashSet<>();
    redFlags.forEach(r -> redFlagFacts.addAll(r.facts()));
    recommendations.removeIf(
        r ->
            r.triggers().stream()
                .noneMatch(t -> !t.facts().isEmpty() && redFlagFacts.containsAll(t.facts())));
    suppressed.removeIf(
        s ->
            s.replacedBy()
                .map(code -> recommendations.stream().noneMatch(r -> r.code().equals(code)))
                .orElse(false));
  }

  private static void checkEpisodes(List<CrampEpisode> episodes, Instant asOf) {
    // Ids in an open-addressed table of at least twice the episodes: one array, no entry objects.
    String[] ids = new String[Integer.highestOneBit(Math.max(1, episodes.size()) * 2) * 2];
    int mask = ids.length - 1;
    for (CrampEpisode e : episodes) {
      String id = e.id();
      int slot = id.hashCode() & mask;
      while (ids[slot] != null && !ids[slot].equals(id)) {
        slot = (slot + 1) & mask;
      }
      checkArgument(ids[slot] == null, "episodes: id '%s' appears more than once", id);
      ids[slot] = id;
      checkArgument(
          !e.onset().isAfter(asOf),
          "episode %s: onset %s is after the assessment time %s; expected an onset that is not in"
              + " the future",
          e.id(),
          e.onset(),
          asOf);
    }
  }

  private static Optional<String> unusedReason(
      LabInterpretation lab, LocalDate asOf, Thresholds thresholds) {
    LabResult r = lab.result();
    if (r.date().isAfter(asOf)) {
      return Optional.of("dated " + r.date() + ", after the assessment date " + asOf);
    }
    if (!lab.current()) {
      return Optional.of(
          "dated "
              + r.date()
              + ", older than "
              + thresholds.labMaxAge()
              + " before "
              + asOf
              + ": not current evidence");
    }
    if (lab.interpretation() == Interpretation.UNKNOWN && r.analyte() != Analyte.EGFR) {
      return Optional.of(
          "no reference range: the lab gave none and there is no documented adult default for "
              + r.analyte().display());
    }
    return Optional.empty();
  }

  private Notice notice(Notice.Kind kind) {
    return new Notice(kind, ruleBook.texts().get("notice." + kind.code()));
  }

  /** Candidate recommendation while rules are applied. */
  private static final class Candidate {
    final RecommendationDefinition definition;
    // Usually one trigger; a list only when several rules recommend the same code.
    @Nullable Trigger trigger;
    List<Trigger> moreTriggers = List.of();
    // Usually one text; a list only when rules with different texts recommend the same code.
    @Nullable String text;
    List<String> moreTexts = List.of();
    List<Caution> cautions = List.of();

    Candidate(RecommendationDefinition definition) {
      this.definition = definition;
    }

    void addTrigger(Trigger t) {
      if (trigger == null) {
        trigger = t;
      } else {
        if (moreTriggers.isEmpty()) {
          moreTriggers = new ArrayList<>(2);
        }
        moreTriggers.add(t);
      }
    }

    /** Every trigger, in the order added. */
    ImmutableList<Trigger> triggers() {
      Trigger first = Objects.requireNonNull(trigger);
      if (moreTriggers.isEmpty()) {
        return ImmutableList.of(first);
      }
      return ImmutableList.<Trigger>builderWithExpectedSize(1 + moreTriggers.size())
          .add(first)
          .addAll(moreTriggers)
          .build();
    }

    void addText(String t) {
      if (text == null) {
        text = t;
      } else if (!text.equals(t) && !moreTexts.contains(t)) {
        if (moreTexts.isEmpty()) {
          moreTexts = new ArrayList<>(2);
        }
        moreTexts.add(t);
      }
    }

    /** The texts joined in order, each once. */
    String patientText() {
      String first = Objects.requireNonNull(text);
      if (moreTexts.isEmpty()) {
        return first;
      }
      return first + " " + String.join(" ", moreTexts);
    }

    void addCaution(Caution caution) {
      if (cautions.isEmpty()) {
        cautions = new ArrayList<>(2);
      }
      cautions.add(caution);
    }
  }

  private void apply(
      Evaluation evaluation, List<Recommendation> out, List<Suppression> suppressedOut) {
    Candidate[] candidates = new Candidate[definitions.length];
    // One collector for every rule: rules that name every episode do not grow it again.
    FactCollector scratch = new FactCollector(evaluation.episodes().size() + 8);
    for (int i = 0; i < recommendRules.length; i++) {
      RecommendRule r = recommendRules[i];
      if (r.when().holds(evaluation)) {
        Candidate c = candidate(candidates, recommendIndex[i]);
        c.addTrigger(
            new Trigger(
                r.id(),
                r.version(),
                r.rationale(),
                r.evidence(),
                facts(r.when(), evaluation, scratch)));
        c.addText(recommendText[i]);
      }
    }
    for (int i = 0; i < suppressRules.length; i++) {
      SuppressRule s = suppressRules[i];
      Candidate target = candidates[suppressIndex[i]];
      if (target == null || !s.when().holds(evaluation)) {
        continue;
      }
      ImmutableList<Fact> facts = facts(s.when(), evaluation, scratch);
      candidates[suppressIndex[i]] = null;
      suppressedOut.add(
          new Suppression(
              s.code(), s.id(), s.version(), s.rationale(), s.evidence(), facts, s.replacement()));
      if (replacementIndex[i] >= 0) {
        scratch.clear();
        scratch.addAll(facts);
        target.triggers().forEach(t -> scratch.addAll(t.facts()));
        Candidate c = candidate(candidates, replacementIndex[i]);
        c.addTrigger(
            new Trigger(s.id(), s.version(), s.rationale(), s.evidence(), scratch.toList()));
        c.addText(Objects.requireNonNull(replacementText[i]));
      }
    }
    for (int i = 0; i < cautionRules.length; i++) {
      CautionRule cr = cautionRules[i];
      Candidate target = candidates[cautionIndex[i]];
      if (target != null && cr.when().holds(evaluation)) {
        target.addCaution(
            new Caution(
                cr.caution(),
                Objects.requireNonNull(cautionTexts.get(cr.caution())),
                cr.id(),
                facts(cr.when(), evaluation, scratch)));
      }
    }
    // The definitions are in output order, so the candidates are too.
    for (Candidate c : candidates) {
      if (c != null) {
        out.add(
            new Recommendation(
                c.definition.code(),
                c.definition.category(),
                c.definition.priority(),
                c.patientText(),
                c.triggers(),
                c.cautions));
      }
    }
  }

  /** The candidate at the index, made if there is none. */
  private Candidate candidate(@Nullable Candidate[] candidates, int index) {
    Candidate c = candidates[index];
    if (c == null) {
      c = new Candidate(definitions[index]);
      candidates[index] = c;
    }
    return c;
  }

  /** Returns the facts of a criterion that holds, in order, each once. */
  private static ImmutableList<Fact> facts(
      Criterion criterion, Evaluation evaluation, FactCollector scratch) {
    scratch.clear();
    criterion.collect(
        evaluation, Criteria.namesDistinctFacts(criterion) ? scratch.appender() : scratch);
    return scratch.toList();
  }
}
