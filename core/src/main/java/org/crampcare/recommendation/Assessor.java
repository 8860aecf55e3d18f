package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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
  private final RuleBook ruleBook;

  private Assessor(RuleBook ruleBook) {
    this.ruleBook = ruleBook;
  }

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
    Evaluation base =
        new Evaluation(
            patient, asOf, age, window, patterns, labs, List.of(), List.of(), thresholds, findings);
    Evaluation beforeRedFlags =
        base.withRiskFactors(
            Findings.riskFactors(patient, window, labs, thresholds, base::labFact));
    return beforeRedFlags.withRedFlags(raiseRedFlags(beforeRedFlags));
  }

  /**
   * Runs the red-flag rules: one red flag per kind raised, in the declaration order of {@link
   * RedFlagKind}, with the facts of every rule that raised it in rule order, without repeats. A
   * rule whose criterion holds without naming a fact (a negation) is its own fact.
   */
  private ImmutableList<RedFlag> raiseRedFlags(Evaluation evaluation) {
    Map<RedFlagKind, Set<Fact>> raised = new EnumMap<>(RedFlagKind.class);
    for (Rule rule : ruleBook.rules()) {
      if (rule instanceof RedFlagRule) {
        RedFlagRule r = (RedFlagRule) rule;
        Optional<List<Fact>> facts = r.when().test(evaluation);
        if (facts.isPresent()) {
          Set<Fact> into = raised.computeIfAbsent(r.raises(), k -> new LinkedHashSet<>());
          if (facts.get().isEmpty()) {
            into.add(Fact.derived(FactKind.PATTERN, r.when().description()));
          } else {
            into.addAll(facts.get());
          }
        }
      }
    }
    ImmutableList.Builder<RedFlag> result = ImmutableList.builder();
    raised.forEach((kind, facts) -> result.add(new RedFlag(kind, ImmutableList.copyOf(facts))));
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
    Set<String> ids = Sets.newHashSetWithExpectedSize(episodes.size());
    for (CrampEpisode e : episodes) {
      checkArgument(ids.add(e.id()), "episodes: id '%s' appears more than once", e.id());
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
    final List<Trigger> triggers = new ArrayList<>();
    final Set<String> textKeys = new LinkedHashSet<>();
    final List<Caution> cautions = new ArrayList<>();
  }

  private void apply(
      Evaluation evaluation, List<Recommendation> out, List<Suppression> suppressedOut) {
    Map<String, Candidate> candidates = new LinkedHashMap<>();
    for (Rule rule : ruleBook.rules()) {
      if (rule instanceof RecommendRule) {
        RecommendRule r = (RecommendRule) rule;
        r.when()
            .test(evaluation)
            .ifPresent(
                facts -> {
                  Candidate c = candidates.computeIfAbsent(r.code(), k -> new Candidate());
                  c.triggers.add(
                      new Trigger(r.id(), r.version(), r.rationale(), r.evidence(), facts));
                  c.textKeys.add(r.textKey());
                });
      }
    }
    for (Rule rule : ruleBook.rules()) {
      if (rule instanceof SuppressRule) {
        SuppressRule s = (SuppressRule) rule;
        Candidate target = candidates.get(s.code());
        if (target == null) {
          continue;
        }
        Optional<List<Fact>> facts = s.when().test(evaluation);
        if (facts.isEmpty()) {
          continue;
        }
        candidates.remove(s.code());
        suppressedOut.add(
            new Suppression(
                s.code(),
                s.id(),
                s.version(),
                s.rationale(),
                s.evidence(),
                facts.get(),
                s.replacement()));
        if (s.replacement().isPresent()) {
          Set<Fact> replacementFacts = new LinkedHashSet<>(facts.get());
          target.triggers.forEach(t -> replacementFacts.addAll(t.facts()));
          Candidate c = candidates.computeIfAbsent(s.replacement().get(), k -> new Candidate());
          c.triggers.add(
              new Trigger(
                  s.id(),
                  s.version(),
                  s.rationale(),
                  s.evidence(),
                  ImmutableList.copyOf(replacementFacts)));
          c.textKeys.add(s.replacementTextKey().orElse(s.replacement().get()));
        }
      }
    }
    for (Rule rule : ruleBook.rules()) {
      if (rule instanceof CautionRule) {
        CautionRule cr = (CautionRule) rule;
        Candidate target = candidates.get(cr.code());
        if (target != null) {
          cr.when()
              .test(evaluation)
              .ifPresent(
                  facts ->
                      target.cautions.add(
                          new Caution(
                              cr.caution(),
                              ruleBook.texts().get("caution." + cr.caution()),
                              cr.id(),
                              facts)));
        }
      }
    }
    List<Recommendation> result = new ArrayList<>();
    candidates.forEach(
        (code, c) -> {
          RecommendationDefinition d = ruleBook.definitions().get(code);
          if (d == null) {
            throw new AssertionError("undefined code passed the rule book check: " + code);
          }
          String text = patientText(c.textKeys);
          result.add(
              new Recommendation(code, d.category(), d.priority(), text, c.triggers, c.cautions));
        });
    result.sort(
        Comparator.comparing((Recommendation r) -> r.category().ordinal())
            .thenComparing(r -> r.priority().ordinal())
            .thenComparing(r -> rank(r.code()))
            .thenComparing(Recommendation::code));
    out.addAll(result);
  }

  /** Joins the texts of the keys, in order, each text once. */
  private String patientText(Set<String> textKeys) {
    if (textKeys.size() == 1) {
      return ruleBook.texts().get(textKeys.iterator().next());
    }
    Set<String> texts = new LinkedHashSet<>();
    for (String key : textKeys) {
      texts.add(ruleBook.texts().get(key));
    }
    return String.join(" ", texts);
  }

  private int rank(String code) {
    RecommendationDefinition d = ruleBook.definitions().get(code);
    return d == null ? Integer.MAX_VALUE : d.rank();
  }
}
