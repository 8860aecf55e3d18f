package org.crampcare.recommendation;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import com.google.common.collect.ImmutableSet;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.crampcare.risk.Thresholds;
import org.jspecify.annotations.Nullable;

/**
 * The rules, the recommendations and cautions they may produce, the thresholds and the texts.
 * Immutable and thread-safe. Integrators start from {@link #builtIn()} and use {@link #toBuilder()}
 * to disable rules, change thresholds, add rules and definitions, or translate texts, without
 * forking.
 *
 * <p>Safety that no configuration can remove: no recommendation code may name quinine or a
 * magnesium supplement (FDA 2010; Cochrane 2020), so no rule can recommend them.
 */
public final class RuleBook {
  private static final ImmutableList<String> FORBIDDEN_WORDS =
      ImmutableList.of("quinine", "magnesium-supplement", "magnesium-tablet");

  private final String version;
  private final ImmutableMap<String, RecommendationDefinition> definitions;
  private final ImmutableMap<String, CautionDefinition> cautions;
  private final ImmutableList<Rule> allRules;
  private final ImmutableList<Rule> rules;
  private final ImmutableSet<String> disabled;
  private final Thresholds thresholds;
  private final TextCatalog texts;

  private RuleBook(Builder b, TextCatalog texts) {
    this.version = b.version;
    this.definitions = ImmutableMap.copyOf(b.definitions);
    this.cautions = ImmutableMap.copyOf(b.cautions);
    this.disabled = ImmutableSet.copyOf(b.disabled);
    this.allRules = ImmutableList.copyOf(b.rules.values());
    this.rules =
        allRules.stream()
            .filter(r -> !disabled.contains(r.id()))
            .collect(ImmutableList.toImmutableList());
    this.thresholds = b.thresholds;
    this.texts = texts;
  }

  /** Returns the built-in rule book. */
  public static RuleBook builtIn() {
    return BuiltIn.BOOK;
  }

  /** The built-in rule book, read from its document once, on first use. */
  private static final class BuiltIn {
    static final RuleBook BOOK = RuleBookDocument.builtIn();
  }

  /** Returns an empty builder, for a rule book of one's own. */
  public static Builder builder() {
    return new Builder();
  }

  /** Returns a builder that starts with this rule book's contents. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.version = version;
    b.definitions.putAll(definitions);
    b.cautions.putAll(cautions);
    allRules.forEach(r -> b.rules.put(r.id(), r));
    b.disabled.addAll(disabled);
    b.thresholds = thresholds;
    b.texts = texts;
    return b;
  }

  /** Returns the version, for example {@code crampcare-builtin/1}. */
  public String version() {
    return version;
  }

  /** Returns the enabled rules, in evaluation order. */
  public ImmutableList<Rule> rules() {
    return rules;
  }

  /** Returns every rule, the disabled ones too, in the order added. */
  public ImmutableList<Rule> allRules() {
    return allRules;
  }

  /** Returns the ids of the disabled rules. */
  public ImmutableSet<String> disabled() {
    return disabled;
  }

  /** Returns the recommendation definitions by code, in definition order. */
  public ImmutableMap<String, RecommendationDefinition> definitions() {
    return definitions;
  }

  /** Returns the caution definitions by code. */
  public ImmutableMap<String, CautionDefinition> cautions() {
    return cautions;
  }

  /** Returns the thresholds. */
  public Thresholds thresholds() {
    return thresholds;
  }

  /** Returns the texts. */
  public TextCatalog texts() {
    return texts;
  }

  /** Returns the enabled rule with the given id, if there is one. */
  public Optional<Rule> rule(String id) {
    return rules.stream().filter(r -> r.id().equals(id)).findFirst();
  }

  /** A mutable builder of {@link RuleBook}; not thread-safe. */
  public static final class Builder {
    private String version = "custom/1";
    private final Map<String, RecommendationDefinition> definitions = new LinkedHashMap<>();
    private final Map<String, CautionDefinition> cautions = new LinkedHashMap<>();
    private final Map<String, Rule> rules = new LinkedHashMap<>();
    private final Set<String> disabled = new LinkedHashSet<>();
    private Thresholds thresholds = Thresholds.defaults();
    private @Nullable TextCatalog texts;

    private Builder() {}

    /** Sets the version, for example {@code acme-clinic/3}. */
    public Builder version(String version) {
      checkArgument(!version.isBlank(), "ruleBook.version must not be blank");
      this.version = version;
      return this;
    }

    /**
     * Defines a recommendation code.
     *
     * @throws IllegalArgumentException if the code is defined already or names quinine or a
     *     magnesium supplement
     */
    public Builder define(RecommendationDefinition definition) {
      for (String word : FORBIDDEN_WORDS) {
        checkArgument(
            !definition.code().toLowerCase(Locale.ROOT).contains(word),
            "recommendation code '%s' is forbidden: CrampCare never recommends quinine (FDA 2010)"
                + " or magnesium supplements (Cochrane 2020) for cramps",
            definition.code());
      }
      checkArgument(
          definitions.putIfAbsent(definition.code(), definition) == null,
          "recommendation code '%s' is defined twice",
          definition.code());
      return this;
    }

    /** Defines a caution code. */
    public Builder defineCaution(CautionDefinition caution) {
      checkArgument(
          cautions.putIfAbsent(caution.code(), caution) == null,
          "caution code '%s' is defined twice",
          caution.code());
      return this;
    }

    /**
     * Adds a rule.
     *
     * @throws IllegalArgumentException if a rule with that id exists already
     */
    public Builder add(Rule rule) {
      checkArgument(
          rules.putIfAbsent(rule.id(), rule) == null,
          "rule id '%s' is used twice; rule ids must be unique",
          rule.id());
      return this;
    }

    /**
     * Replaces the rule with the same id, for example with other wording or a higher version.
     *
     * @throws IllegalArgumentException if no rule has that id
     */
    public Builder replace(Rule rule) {
      checkArgument(rules.containsKey(rule.id()), "no rule with id '%s' to replace", rule.id());
      rules.put(rule.id(), rule);
      return this;
    }

    /**
     * Disables a rule by id.
     *
     * @throws IllegalArgumentException if no rule has that id
     */
    public Builder disable(String ruleId) {
      checkArgument(
          rules.containsKey(ruleId),
          "no rule with id '%s' to disable; known ids: %s",
          ruleId,
          String.join(", ", rules.keySet()));
      disabled.add(ruleId);
      return this;
    }

    /** Re-enables a disabled rule. */
    public Builder enable(String ruleId) {
      disabled.remove(ruleId);
      return this;
    }

    /** Sets the thresholds. */
    public Builder thresholds(Thresholds thresholds) {
      this.thresholds = thresholds;
      return this;
    }

    /** Sets the texts, for example a translation made with {@link TextCatalog#with}. */
    public Builder texts(TextCatalog texts) {
      this.texts = texts;
      return this;
    }

    /**
     * Builds the rule book after checking that every code a rule names is defined and every text it
     * needs exists.
     *
     * @throws IllegalArgumentException naming the rule and what is missing
     */
    public RuleBook build() {
      TextCatalog catalog = texts != null ? texts : TextCatalog.english();
      texts = catalog;
      List<String> problems = new ArrayList<>();
      for (Rule rule : rules.values()) {
        if (rule instanceof RedFlagRule) {
          continue; // it raises a red flag, a closed set: nothing to define
        }
        if (!definitions.containsKey(rule.code())) {
          problems.add(
              "rule " + rule.id() + ": recommendation code '" + rule.code() + "' is not defined");
        }
        if (rule instanceof RecommendRule) {
          needText(catalog, problems, rule, ((RecommendRule) rule).textKey());
        } else if (rule instanceof SuppressRule) {
          SuppressRule s = (SuppressRule) rule;
          s.replacement()
              .filter(code -> !definitions.containsKey(code))
              .ifPresent(
                  code ->
                      problems.add(
                          "rule " + rule.id() + ": replacement '" + code + "' is not defined"));
          s.replacementTextKey().ifPresent(key -> needText(catalog, problems, rule, key));
        } else if (rule instanceof CautionRule) {
          CautionRule c = (CautionRule) rule;
          if (!cautions.containsKey(c.caution())) {
            problems.add("rule " + rule.id() + ": caution '" + c.caution() + "' is not defined");
          }
          needText(catalog, problems, rule, "caution." + c.caution());
        } else {
          throw new AssertionError(rule);
        }
      }
      for (Notice.Kind kind : Notice.Kind.values()) {
        if (catalog.find("notice." + kind.code()).isEmpty()) {
          problems.add("text 'notice." + kind.code() + "' is missing");
        }
      }
      checkArgument(
          problems.isEmpty(), "rule book %s is invalid: %s", version, String.join("; ", problems));
      return new RuleBook(this, catalog);
    }

    private static void needText(TextCatalog texts, List<String> problems, Rule rule, String key) {
      if (texts.find(key).isEmpty()) {
        problems.add("rule " + rule.id() + ": text '" + key + "' is missing");
      }
    }
  }
}
