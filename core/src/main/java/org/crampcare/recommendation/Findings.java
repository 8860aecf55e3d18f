package org.crampcare.recommendation;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.Maps;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.Setting;
import org.crampcare.episode.SignFinding;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.LabFlag;
import org.crampcare.lab.LabInterpretation;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.RangeSource;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.Condition;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.Lifestyle;
import org.crampcare.patient.Medication;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.risk.DayOnset;
import org.crampcare.risk.Fact;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.FactTemplate;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactor;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.jspecify.annotations.Nullable;

/**
 * Derives risk factors and red flags. Stateless and thread-safe; the result lists follow the
 * declaration order of {@link RiskFactorKind} and {@link RedFlagKind}.
 */
final class Findings {
  // Lower-case displays, computed once: fact texts use them for every episode.
  private static final ImmutableMap<Setting, String> SETTING_TEXT =
      lowerCaseDisplays(Setting.class, Setting::display);
  private static final ImmutableMap<AssociatedSign, String> SIGN_TEXT =
      lowerCaseDisplays(AssociatedSign.class, AssociatedSign::display);
  private static final ImmutableMap<ConditionKind, String> CONDITION_TEXT =
      lowerCaseDisplays(ConditionKind.class, ConditionKind::display);

  // The risk factor an episode's setting raises, looked up without an Optional per episode.
  private static final ImmutableMap<Setting, RiskFactorKind> SETTING_RISK = settingRisks();
  private static final Setting[] RISK_SETTINGS = SETTING_RISK.keySet().toArray(new Setting[0]);
  private static final long RISK_SETTINGS_MASK =
      Evaluation.bits(SETTING_RISK.keySet(), Setting.values());

  private Findings() {}

  private static ImmutableMap<Setting, RiskFactorKind> settingRisks() {
    Map<Setting, RiskFactorKind> risks = new EnumMap<>(Setting.class);
    for (Setting setting : Setting.values()) {
      settingRisk(setting).ifPresent(kind -> risks.put(setting, kind));
    }
    return Maps.immutableEnumMap(risks);
  }

  private static <E extends Enum<E>> ImmutableMap<E, String> lowerCaseDisplays(
      Class<E> type, Function<E, String> display) {
    Map<E, String> texts = new EnumMap<>(type);
    for (E value : type.getEnumConstants()) {
      texts.put(value, display.apply(value).toLowerCase(Locale.ROOT));
    }
    return Maps.immutableEnumMap(texts);
  }

  /**
   * Derives the risk factors.
   *
   * @param patient the patient
   * @param episodes the episodes in the window, oldest first
   * @param labs every lab interpretation; only current ones count
   * @param thresholds the thresholds
   * @return one risk factor per kind that applies, in declaration order
   */
  public static ImmutableList<RiskFactor> riskFactors(
      PatientContext patient,
      List<CrampEpisode> episodes,
      List<LabInterpretation> labs,
      Thresholds thresholds) {
    return riskFactors(
        patient,
        episodes,
        labs,
        thresholds,
        new InputFacts() {
          @Override
          public Fact lab(int i) {
            return labFact(labs.get(i));
          }

          @Override
          public Fact condition(int i) {
            return conditionFact(patient.conditions().get(i));
          }

          @Override
          public Fact medication(int i) {
            return medicationFact(patient.medications().get(i));
          }

          @Override
          public long settingMask(int i) {
            return Evaluation.bits(episodes.get(i).settings(), Setting.values());
          }
        });
  }

  /** The facts about single inputs, by index, as the caller makes them: for example once. */
  interface InputFacts {
    /** The fact of lab {@code i} of the labs given. */
    Fact lab(int i);

    /** The fact of the patient's condition {@code i}. */
    Fact condition(int i);

    /** The fact of the patient's medication {@code i}. */
    Fact medication(int i);

    /** The settings of episode {@code i} of the episodes given, as bits by ordinal. */
    long settingMask(int i);
  }

  /** As above, with the facts of single inputs made by the caller, for example once. */
  static ImmutableList<RiskFactor> riskFactors(
      PatientContext patient,
      List<CrampEpisode> episodes,
      List<LabInterpretation> labs,
      Thresholds thresholds,
      InputFacts inputFacts) {
    Found found = new Found();

    for (int i = 0; i < labs.size(); i++) {
      LabInterpretation lab = labs.get(i);
      if (!lab.current()) {
        continue;
      }
      Optional<RiskFactorKind> kind = labRiskFactor(lab, thresholds);
      if (kind.isPresent()) {
        found.add(kind.get(), inputFacts.lab(i));
      }
    }
    List<Condition> conditions = patient.conditions();
    for (int i = 0; i < conditions.size(); i++) {
      Condition condition = conditions.get(i);
      Fact fact = inputFacts.condition(i);
      conditionRisk(condition.kind()).ifPresent(kind -> found.add(kind, fact));
      if (condition.kind() == ConditionKind.DIALYSIS
          || condition.ckdStage().map(stage -> stage >= 4).orElse(false)) {
        found.add(RiskFactorKind.ADVANCED_KIDNEY_DISEASE, fact);
      }
    }
    if (patient.pregnant()) {
      found.add(
          RiskFactorKind.PREGNANCY,
          Fact.of(FactKind.PATIENT, patient.id().orElse(null), FactTemplate.PREGNANT));
    }
    List<Medication> medications = patient.medications();
    for (int i = 0; i < medications.size(); i++) {
      Medication medication = medications.get(i);
      Fact fact = inputFacts.medication(i);
      MedicationClass medicationClass = medication.medicationClass();
      if (medicationClass == MedicationClass.QUININE) {
        found.add(RiskFactorKind.QUININE_USE, fact);
      } else if (medicationClass == MedicationClass.MAGNESIUM_SUPPLEMENT) {
        found.add(RiskFactorKind.MAGNESIUM_SUPPLEMENT_USE, fact);
      } else if (medicationClass.crampAssociated()) {
        found.add(RiskFactorKind.CRAMP_ASSOCIATED_MEDICATION, fact);
      }
    }
    lifestyle(patient.lifestyle(), thresholds, found);
    for (int i = 0; i < episodes.size(); i++) {
      // The settings that are risk factors, in declaration order, tested as bits.
      long risky = inputFacts.settingMask(i) & RISK_SETTINGS_MASK;
      if (risky == 0) {
        continue;
      }
      CrampEpisode episode = episodes.get(i);
      for (int s = 0; s < RISK_SETTINGS.length; s++) {
        Setting setting = RISK_SETTINGS[s];
        if ((risky & (1L << setting.ordinal())) != 0) {
          RiskFactorKind kind = Objects.requireNonNull(SETTING_RISK.get(setting));
          // Distinct by construction (one per episode and setting; episode ids are unique and no
          // other input gives an episode fact), so added without a search for repeats.
          found.addDistinct(
              kind,
              (instantOnset(episode)
                  ? Fact.of(
                      FactKind.EPISODE,
                      episode.id(),
                      FactTemplate.SETTING_RISK,
                      Objects.requireNonNull(SETTING_TEXT.get(setting)),
                      episode.onset())
                  : Fact.of(
                      FactKind.EPISODE,
                      episode.id(),
                      FactTemplate.SETTING_RISK,
                      Objects.requireNonNull(SETTING_TEXT.get(setting)),
                      onset(episode))));
        }
      }
    }
    return found.riskFactors();
  }

  /**
   * The facts found per kind of risk factor: one fact as it is, more in a collector that drops
   * repeats. Most kinds have one fact, which then costs no collector.
   */
  private static final class Found {
    private static final RiskFactorKind[] KINDS = RiskFactorKind.values();
    private final @Nullable Object[] slots = new Object[KINDS.length];

    void add(RiskFactorKind kind, Fact fact) {
      int k = kind.ordinal();
      Object slot = slots[k];
      if (slot == null) {
        slots[k] = fact;
      } else if (slot instanceof Fact) {
        if (!slot.equals(fact)) {
          FactCollector facts = new FactCollector();
          facts.accept((Fact) slot);
          facts.accept(fact);
          slots[k] = facts;
        }
      } else {
        ((FactCollector) slot).accept(fact);
      }
    }

    /** Adds a fact known to differ from every fact added before it. */
    void addDistinct(RiskFactorKind kind, Fact fact) {
      int k = kind.ordinal();
      Object slot = slots[k];
      if (slot == null) {
        slots[k] = fact;
      } else if (slot instanceof Fact) {
        FactCollector facts = new FactCollector();
        Consumer<Fact> append = facts.appender();
        append.accept((Fact) slot);
        append.accept(fact);
        slots[k] = facts;
      } else {
        ((FactCollector) slot).appender().accept(fact);
      }
    }

    /** One risk factor per kind found, in declaration order. */
    ImmutableList<RiskFactor> riskFactors() {
      int found = 0;
      for (Object slot : slots) {
        if (slot != null) {
          found++;
        }
      }
      ImmutableList.Builder<RiskFactor> result = ImmutableList.builderWithExpectedSize(found);
      for (RiskFactorKind kind : KINDS) {
        Object slot = slots[kind.ordinal()];
        if (slot instanceof Fact) {
          result.add(new RiskFactor(kind, ImmutableList.of((Fact) slot)));
        } else if (slot != null) {
          result.add(new RiskFactor(kind, ((FactCollector) slot).toList()));
        }
      }
      return result.build();
    }
  }

  /** Returns a fact describing a finding recorded on its own. */
  public static Fact findingFact(SignFinding f) {
    StringBuilder text = new StringBuilder(SIGN_TEXT.get(f.sign()));
    f.site().ifPresent(site -> text.append(" (").append(site.code()).append(')'));
    if (f.recorded().isPresent()) {
      text.append(f.ongoing() ? " since " : " recorded ").append(formatInstant(f.recorded().get()));
    }
    if (f.ongoing()) {
      text.append(", an active problem");
    }
    return Fact.about(FactKind.FINDING, f.id(), text.toString());
  }

  private static Optional<RiskFactorKind> labRiskFactor(LabInterpretation lab, Thresholds t) {
    Interpretation i = lab.interpretation();
    switch (lab.result().analyte()) {
      case POTASSIUM:
        return when(i == Interpretation.LOW, RiskFactorKind.LOW_POTASSIUM);
      case SODIUM:
        return when(i == Interpretation.LOW, RiskFactorKind.LOW_SODIUM);
      case CALCIUM_TOTAL:
      case CALCIUM_IONIZED:
        return when(i == Interpretation.LOW, RiskFactorKind.LOW_CALCIUM);
      case MAGNESIUM:
        return when(i == Interpretation.LOW, RiskFactorKind.LOW_MAGNESIUM);
      case CREATINE_KINASE:
        return when(i == Interpretation.HIGH, RiskFactorKind.ELEVATED_CREATINE_KINASE);
      case TSH:
        return when(i == Interpretation.HIGH, RiskFactorKind.HIGH_TSH);
      case HBA1C:
        return when(i == Interpretation.HIGH, RiskFactorKind.HIGH_HBA1C);
      case VITAMIN_D_25OH:
        return when(i == Interpretation.LOW, RiskFactorKind.LOW_VITAMIN_D);
      case EGFR:
        return when(
            lab.result().canonicalValue() < t.advancedKidneyEgfr(),
            RiskFactorKind.ADVANCED_KIDNEY_DISEASE);
    }
    throw new AssertionError(lab.result().analyte());
  }

  private static Optional<RiskFactorKind> when(boolean condition, RiskFactorKind kind) {
    return condition ? Optional.of(kind) : Optional.empty();
  }

  private static Optional<RiskFactorKind> conditionRisk(ConditionKind kind) {
    return kind == ConditionKind.DEEP_VEIN_THROMBOSIS
        ? Optional.empty()
        : Optional.of(conditionRiskKind(kind));
  }

  private static RiskFactorKind conditionRiskKind(ConditionKind kind) {
    switch (kind) {
      case DIABETES:
        return RiskFactorKind.DIABETES;
      case NEUROPATHY:
        return RiskFactorKind.NEUROPATHY;
      case HYPOTHYROIDISM:
        return RiskFactorKind.HYPOTHYROIDISM;
      case CHRONIC_KIDNEY_DISEASE:
        return RiskFactorKind.CHRONIC_KIDNEY_DISEASE;
      case DIALYSIS:
        return RiskFactorKind.DIALYSIS;
      case HEART_FAILURE:
        return RiskFactorKind.HEART_FAILURE;
      case PERIPHERAL_ARTERY_DISEASE:
        return RiskFactorKind.PERIPHERAL_ARTERY_DISEASE;
      case RHEUMATOID_ARTHRITIS:
        return RiskFactorKind.RHEUMATOID_ARTHRITIS;
      case CARPAL_TUNNEL_SYNDROME:
        return RiskFactorKind.CARPAL_TUNNEL_SYNDROME;
      case CIRRHOSIS:
        return RiskFactorKind.CIRRHOSIS;
      case ALCOHOL_MISUSE:
        return RiskFactorKind.ALCOHOL_MISUSE;
      case DEEP_VEIN_THROMBOSIS:
        break;
    }
    throw new AssertionError(kind);
  }

  private static Optional<RiskFactorKind> settingRisk(Setting setting) {
    switch (setting) {
      case DURING_EXERCISE:
      case AFTER_EXERCISE:
        return Optional.of(RiskFactorKind.OVERUSE);
      case REPETITIVE_TASK:
        return Optional.of(RiskFactorKind.REPETITIVE_HAND_WORK);
      case AFTER_PROLONGED_SITTING:
        return Optional.of(RiskFactorKind.PROLONGED_SITTING);
      case COLD_EXPOSURE:
        return Optional.of(RiskFactorKind.COLD_EXPOSURE);
      default:
        return Optional.empty();
    }
  }

  private static void lifestyle(Lifestyle life, Thresholds t, Found found) {
    Optional<Double> fluid = life.fluidLitresPerDay();
    if (fluid.isPresent() && fluid.get() < t.lowFluidLitresPerDay()) {
      found.add(
          RiskFactorKind.LOW_FLUID_INTAKE,
          lifestyleFact(
              FactTemplate.LOW_FLUID_INTAKE,
              decimal(fluid.get()),
              decimal(t.lowFluidLitresPerDay())));
    }
    Optional<Double> alcohol = life.alcoholUnitsPerWeek();
    if (alcohol.isPresent() && alcohol.get() > t.alcoholUnitsPerWeek()) {
      found.add(
          RiskFactorKind.ALCOHOL_INTAKE,
          lifestyleFact(
              FactTemplate.ALCOHOL_INTAKE,
              decimal(alcohol.get()),
              decimal(t.alcoholUnitsPerWeek())));
    }
    if (life.exercise() == ExerciseHabit.STRENUOUS_OR_RECENT_INCREASE) {
      found.add(
          RiskFactorKind.OVERUSE,
          Fact.of(FactKind.LIFESTYLE, null, FactTemplate.STRENUOUS_EXERCISE));
    }
    if (life.exercise() == ExerciseHabit.SEDENTARY) {
      found.add(
          RiskFactorKind.INACTIVITY,
          Fact.of(FactKind.LIFESTYLE, null, FactTemplate.LITTLE_EXERCISE));
    }
    Optional<Double> sitting = life.sittingHoursPerDay();
    if (sitting.isPresent() && sitting.get() >= t.sittingHoursPerDay()) {
      found.add(
          RiskFactorKind.PROLONGED_SITTING,
          lifestyleFact(
              FactTemplate.SITTING, decimal(sitting.get()), decimal(t.sittingHoursPerDay())));
    }
    Optional<Double> handWork = life.repetitiveHandWorkHoursPerDay();
    if (handWork.isPresent() && handWork.get() >= t.repetitiveHandWorkHoursPerDay()) {
      found.add(
          RiskFactorKind.REPETITIVE_HAND_WORK,
          lifestyleFact(
              FactTemplate.REPETITIVE_HAND_WORK,
              decimal(handWork.get()),
              decimal(t.repetitiveHandWorkHoursPerDay())));
    }
    if (life.coldExposure()) {
      found.add(
          RiskFactorKind.COLD_EXPOSURE,
          Fact.of(FactKind.LIFESTYLE, null, FactTemplate.COLD_EXPOSURE));
    }
  }

  private static Fact lifestyleFact(FactTemplate template, BigDecimal value, BigDecimal limit) {
    return Fact.of(FactKind.LIFESTYLE, null, template, value, limit);
  }

  /**
   * Returns a number as a fact value: written as {@link #format} writes it when it is a whole
   * number (14, not 14.0), else with the shortest digits that give the double back (1.5).
   */
  static BigDecimal decimal(double value) {
    if (value == Math.rint(value) && Math.abs(value) < 1e15) {
      return BigDecimal.valueOf((long) value);
    }
    return BigDecimal.valueOf(value);
  }

  /** Formats a number for fact texts, without a trailing ".0" (14, 1.5). */
  public static String format(double value) {
    return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
  }

  /** Returns a fact describing a lab interpretation. */
  public static Fact labFact(LabInterpretation lab) {
    // Structured, so that the text ({@link LabInterpretation#describe()}, word for word) is built
    // only when asked for, and can be translated.
    LabResult r = lab.result();
    Object value = r.censoring().isPresent() ? r.valueText() : r.value();
    String analyte = r.analyte().display();
    Optional<ReferenceRange> range = lab.range();
    if (range.isEmpty()) {
      return lab.rangeSource() == RangeSource.LAB_FLAG
          ? Fact.of(
              FactKind.LAB,
              r.id(),
              FactTemplate.LAB_FLAGGED,
              analyte,
              value,
              r.unit(),
              r.date(),
              r.flag().map(LabFlag::code).orElse("?"))
          : Fact.of(
              FactKind.LAB, r.id(), FactTemplate.LAB_NO_RANGE, analyte, value, r.unit(), r.date());
    }
    boolean labRange = lab.rangeSource() == RangeSource.LAB;
    String rangeText = range.get().describe();
    switch (lab.interpretation()) {
      case LOW:
        return Fact.of(
            FactKind.LAB,
            r.id(),
            labRange ? FactTemplate.LAB_BELOW_LAB_RANGE : FactTemplate.LAB_BELOW_DEFAULT_RANGE,
            analyte,
            value,
            r.unit(),
            r.date(),
            bound(range.get().low()),
            rangeText);
      case HIGH:
        return Fact.of(
            FactKind.LAB,
            r.id(),
            labRange ? FactTemplate.LAB_ABOVE_LAB_RANGE : FactTemplate.LAB_ABOVE_DEFAULT_RANGE,
            analyte,
            value,
            r.unit(),
            r.date(),
            bound(range.get().high()),
            rangeText);
      default:
        return Fact.of(
            FactKind.LAB,
            r.id(),
            labRange ? FactTemplate.LAB_WITHIN_LAB_RANGE : FactTemplate.LAB_WITHIN_DEFAULT_RANGE,
            analyte,
            value,
            r.unit(),
            r.date(),
            rangeText);
    }
  }

  /** A range's bound as a fact value: the decimal, or "?" when the range has none. */
  private static Object bound(Optional<BigDecimal> bound) {
    return bound.isPresent() ? bound.get() : "?";
  }

  /** Returns a fact describing a condition. */
  public static Fact conditionFact(Condition condition) {
    String kind = Objects.requireNonNull(CONDITION_TEXT.get(condition.kind()));
    Optional<Integer> stage = condition.ckdStage();
    return stage.isPresent()
        ? Fact.of(
            FactKind.CONDITION, condition.id(), FactTemplate.CONDITION_STAGE, kind, stage.get())
        : Fact.of(FactKind.CONDITION, condition.id(), FactTemplate.CONDITION, kind);
  }

  /** Returns a fact describing a medication. */
  public static Fact medicationFact(Medication medication) {
    return Fact.of(
        FactKind.MEDICATION,
        medication.id(),
        FactTemplate.MEDICATION,
        medication.name(),
        medication.medicationClass().display());
  }

  /**
   * Returns whether the episode's onset is known to the instant, so that its fact takes the typed
   * factory (no check of the values at run time).
   */
  static boolean instantOnset(CrampEpisode episode) {
    return episode.onsetPrecision() == OnsetPrecision.INSTANT;
  }

  /**
   * Returns an episode's onset as a fact value: the instant, or the day when only the day is known.
   */
  static Object onset(CrampEpisode episode) {
    return episode.onsetPrecision() == OnsetPrecision.INSTANT
        ? episode.onset()
        : new DayOnset(episode.localDate());
  }

  /** Returns a fact naming which of the given signs an episode had. */
  public static Fact signFact(CrampEpisode episode, AssociatedSign... signs) {
    return signFact(episode, Arrays.asList(signs));
  }

  /** Returns a fact naming which of the given signs, in their order, an episode had. */
  static Fact signFact(CrampEpisode episode, List<AssociatedSign> signs) {
    String present = null;
    for (int i = 0; i < signs.size(); i++) {
      AssociatedSign sign = signs.get(i);
      if (episode.has(sign)) {
        String text = SIGN_TEXT.get(sign);
        present = present == null ? text : present + " and " + text;
      }
    }
    return (instantOnset(episode)
        ? Fact.of(
            FactKind.EPISODE,
            episode.id(),
            FactTemplate.EPISODE_SIGNS,
            episode.siteText(),
            episode.onset(),
            present == null ? "" : present)
        : Fact.of(
            FactKind.EPISODE,
            episode.id(),
            FactTemplate.EPISODE_SIGNS,
            episode.siteText(),
            onset(episode),
            present == null ? "" : present));
  }

  /** Returns a fact describing an episode. */
  public static Fact episodeFact(CrampEpisode episode) {
    // Structured, so no text is built unless asked for: rules name every episode in the window.
    Optional<Integer> severity = episode.severity();
    return severity.isPresent()
        ? (instantOnset(episode)
            ? Fact.of(
                FactKind.EPISODE,
                episode.id(),
                FactTemplate.EPISODE_SEVERITY,
                episode.siteText(),
                episode.onset(),
                severity.get())
            : Fact.of(
                FactKind.EPISODE,
                episode.id(),
                FactTemplate.EPISODE_SEVERITY,
                episode.siteText(),
                onset(episode),
                severity.get()))
        : (instantOnset(episode)
            ? Fact.of(
                FactKind.EPISODE,
                episode.id(),
                FactTemplate.EPISODE_NO_SEVERITY,
                episode.siteText(),
                episode.onset())
            : Fact.of(
                FactKind.EPISODE,
                episode.id(),
                FactTemplate.EPISODE_NO_SEVERITY,
                episode.siteText(),
                onset(episode)));
  }

  /**
   * Returns {@code instant.toString()} (for example {@code 2026-11-20T22:15:00Z}); fact texts that
   * name a time use it.
   */
  public static String formatInstant(Instant instant) {
    return instant.toString();
  }

  /** Returns the date part used for lab currency: the assessment instant in UTC. */
  public static LocalDate dateOf(Instant instant) {
    return LocalDate.ofInstant(instant, ZoneOffset.UTC);
  }
}
