package org.crampcare.recommendation;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Period;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.pattern.PatternSettings;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.crampcare.risk.Thresholds;
import org.crampcare.terminology.Coded;
import org.jspecify.annotations.Nullable;

/**
 * Reads and writes a rule book as a document, schema {@value #SCHEMA}: its version, thresholds,
 * evidence, recommendation and caution definitions, rules (each with a typed condition), disabled
 * rules and patient texts. The format is documented in {@code docs/rule-book.md}; the built-in rule
 * book is such a document ({@code builtin-rule-book.json}), read by {@link #read} like anyone's.
 *
 * <p>A clinic's own rule book need not repeat the built-in one: with {@code "extends":
 * "crampcare-builtin/1"} it starts from it, and its thresholds override the built-in ones field by
 * field, its evidence, definitions and rules are added (a rule with a built-in id replaces it),
 * {@code disabled} switches rules off, and its texts overlay the built-in ones (a translation).
 *
 * <p>A document with problems does not load: every problem is listed in one {@link
 * RuleBookException}, each naming the JSON path, the value and what is allowed. Stateless and
 * thread-safe.
 */
public final class RuleBookDocument {
  /** The schema of a rule book document. */
  public static final String SCHEMA = "crampcare/rule-book/1";

  // Duplicate keys are an error: a rule defined twice under one key would silently lose one.
  private static final ObjectMapper MAPPER =
      JsonMapper.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Two-space indents and {@code "key": value}, as CrampCareJson writes its documents. */
  private static final ObjectWriter WRITER = MAPPER.writer(printer());

  private static DefaultPrettyPrinter printer() {
    DefaultIndenter indenter = new DefaultIndenter("  ", "\n");
    return new DefaultPrettyPrinter(
            Separators.createDefaultInstance()
                .withObjectFieldValueSpacing(Separators.Spacing.AFTER)
                .withObjectEmptySeparator("")
                .withArrayEmptySeparator(""))
        .withObjectIndenter(indenter)
        .withArrayIndenter(indenter);
  }

  private static final String CONDITIONS =
      "riskFactor, redFlag, condition, anyEpisode, sign, episodeSign, findingSign, setting,"
          + " region, frequent, disruptive, takes, abnormalLab, labCriticalHighWithoutRange,"
          + " creatineKinaseFarAboveRange, missingCurrentElectrolytes, electrolytesNormal, allOf,"
          + " anyOf, not";

  private RuleBookDocument() {}

  /**
   * Reads a rule book document.
   *
   * @param source what the text is, for messages (a file name, for example)
   * @param json the document
   * @return the rule book
   * @throws RuleBookException listing every problem, when the document is not a valid rule book
   */
  public static RuleBook read(String source, String json) {
    JsonNode root;
    try {
      root = MAPPER.readTree(json);
    } catch (JsonProcessingException e) {
      throw new RuleBookException(
          source,
          List.of(
              "$: not JSON (line "
                  + e.getLocation().getLineNr()
                  + ", column "
                  + e.getLocation().getColumnNr()
                  + "); expected a rule book document"));
    }
    Reader r = new Reader();
    RuleBook book = r.ruleBook(root);
    if (!r.problems.isEmpty() || book == null) {
      throw new RuleBookException(source, r.problems);
    }
    return book;
  }

  /** Reads the built-in rule book from the class path. */
  static RuleBook builtIn() {
    String name = "builtin-rule-book.json";
    try (InputStream in = RuleBookDocument.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("the built-in rule book " + name + " is missing");
      }
      return read(name, new String(in.readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Writes a rule book as a document, in a fixed order (the same book gives the same bytes).
   *
   * @param book the rule book
   * @return the document, pretty-printed
   */
  public static String write(RuleBook book) {
    ObjectNode root = NODES.objectNode();
    root.put("schema", SCHEMA);
    root.put("version", book.version());
    root.set("thresholds", thresholds(book.thresholds()));
    Map<String, Evidence> evidence = new LinkedHashMap<>();
    for (Rule rule : book.allRules()) {
      evidence.putIfAbsent(rule.evidence().id(), rule.evidence());
    }
    ArrayNode evidenceNodes = root.putArray("evidence");
    for (Evidence e : evidence.values()) {
      ObjectNode n = evidenceNodes.addObject();
      n.put("id", e.id());
      n.put("citation", e.citation());
      n.put("strength", e.strength());
      e.url().ifPresent(url -> n.put("url", url));
    }
    ArrayNode definitions = root.putArray("recommendations");
    for (RecommendationDefinition d : book.definitions().values()) {
      ObjectNode n = definitions.addObject();
      n.put("code", d.code());
      n.put("category", d.category().code());
      n.put("priority", d.priority().code());
      n.put("rank", d.rank());
      n.put("display", d.display());
    }
    ArrayNode cautions = root.putArray("cautions");
    for (CautionDefinition c : book.cautions().values()) {
      cautions.addObject().put("code", c.code()).put("display", c.display());
    }
    ArrayNode rules = root.putArray("rules");
    for (Rule rule : book.allRules()) {
      rules.add(rule(rule));
    }
    ArrayNode disabled = root.putArray("disabled");
    book.disabled().forEach(disabled::add);
    ObjectNode texts = root.putObject("texts");
    texts.put("language", book.texts().locale().toLanguageTag());
    ObjectNode entries = texts.putObject("entries");
    book.texts().all().forEach(entries::put);
    try {
      return WRITER.writeValueAsString(root) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of plain values could not be written", e);
    }
  }

  private static ObjectNode thresholds(Thresholds t) {
    ObjectNode n = NODES.objectNode();
    n.put("window", days(t.patterns().window()));
    n.put("frequentPerWeek", t.patterns().frequentPerWeek());
    n.put("trendSlopePerWeek", t.patterns().trendSlopePerWeek());
    n.put("labMaxAge", t.labMaxAge().toString());
    n.put("advancedKidneyEgfr", t.advancedKidneyEgfr());
    n.put("creatineKinaseUrgentMultiple", t.creatineKinaseUrgentMultiple());
    n.put("lowFluidLitresPerDay", t.lowFluidLitresPerDay());
    n.put("alcoholUnitsPerWeek", t.alcoholUnitsPerWeek());
    n.put("repetitiveHandWorkHoursPerDay", t.repetitiveHandWorkHoursPerDay());
    n.put("sittingHoursPerDay", t.sittingHoursPerDay());
    n.put("disruptiveEpisodes", t.disruptiveEpisodes());
    n.put("adultAge", t.adultAge());
    return n;
  }

  private static String days(Duration d) {
    return d.toSeconds() % 86_400 == 0 ? "P" + d.toDays() + "D" : d.toString();
  }

  private static ObjectNode rule(Rule rule) {
    ObjectNode n = NODES.objectNode();
    n.put("id", rule.id());
    n.put("version", rule.version());
    if (rule instanceof RedFlagRule) {
      n.put("raise", rule.code());
    } else if (rule instanceof RecommendRule) {
      RecommendRule r = (RecommendRule) rule;
      n.put("recommend", r.code());
      if (!r.textKey().equals(r.code())) {
        n.put("textKey", r.textKey());
      }
    } else if (rule instanceof SuppressRule) {
      SuppressRule s = (SuppressRule) rule;
      n.put("suppress", s.code());
      s.replacement().ifPresent(code -> n.put("replacedBy", code));
      s.replacementTextKey().ifPresent(key -> n.put("replacementTextKey", key));
    } else if (rule instanceof CautionRule) {
      CautionRule c = (CautionRule) rule;
      n.put("caution", c.caution());
      n.put("on", c.code());
    } else {
      throw new AssertionError(rule);
    }
    n.set("when", criterion(rule.when()));
    n.put("rationale", rule.rationale());
    n.put("evidence", rule.evidence().id());
    return n;
  }

  private static JsonNode criterion(Criterion c) {
    ObjectNode n = NODES.objectNode();
    if (c instanceof Criterion.RiskFactorPresent) {
      codes(n.putArray("riskFactor"), ((Criterion.RiskFactorPresent) c).kinds());
    } else if (c instanceof Criterion.RedFlagRaised) {
      codes(n.putArray("redFlag"), ((Criterion.RedFlagRaised) c).kinds());
    } else if (c instanceof Criterion.HasCondition) {
      codes(n.putArray("condition"), ((Criterion.HasCondition) c).kinds());
    } else if (c instanceof Criterion.EpisodeSign) {
      Criterion.EpisodeSign e = (Criterion.EpisodeSign) c;
      signAt(n.putObject("episodeSign"), e.signs(), e.sites(), e.siteUnknown());
    } else if (c instanceof Criterion.FindingSign) {
      Criterion.FindingSign f = (Criterion.FindingSign) c;
      signAt(n.putObject("findingSign"), f.signs(), f.sites(), f.siteUnknown());
    } else if (c instanceof Criterion.LabCriticalHighWithoutRange) {
      codes(
          n.putArray("labCriticalHighWithoutRange"),
          ((Criterion.LabCriticalHighWithoutRange) c).analytes());
    } else if (c instanceof Criterion.CreatineKinaseFarAboveRange) {
      n.put("creatineKinaseFarAboveRange", true);
    } else if (c instanceof Criterion.AnyEpisode) {
      n.put("anyEpisode", true);
    } else if (c instanceof Criterion.SignRecorded) {
      codes(n.putArray("sign"), ((Criterion.SignRecorded) c).signs());
    } else if (c instanceof Criterion.EpisodeInSetting) {
      codes(n.putArray("setting"), ((Criterion.EpisodeInSetting) c).settings());
    } else if (c instanceof Criterion.EpisodeInRegion) {
      ArrayNode regions = n.putArray("region");
      ((Criterion.EpisodeInRegion) c).regions().forEach(r -> regions.add(regionCode(r)));
    } else if (c instanceof Criterion.Frequent) {
      n.put("frequent", true);
    } else if (c instanceof Criterion.Disruptive) {
      n.put("disruptive", true);
    } else if (c instanceof Criterion.Takes) {
      codes(n.putArray("takes"), ((Criterion.Takes) c).classes());
    } else if (c instanceof Criterion.AbnormalLab) {
      codes(n.putArray("abnormalLab"), ((Criterion.AbnormalLab) c).analytes());
    } else if (c instanceof Criterion.MissingCurrentElectrolytes) {
      n.put("missingCurrentElectrolytes", true);
    } else if (c instanceof Criterion.ElectrolytesNormal) {
      n.put("electrolytesNormal", true);
    } else if (c instanceof Criterion.AllOf) {
      ArrayNode all = n.putArray("allOf");
      ((Criterion.AllOf) c).criteria().forEach(x -> all.add(criterion(x)));
    } else if (c instanceof Criterion.AnyOf) {
      ArrayNode any = n.putArray("anyOf");
      ((Criterion.AnyOf) c).criteria().forEach(x -> any.add(criterion(x)));
    } else if (c instanceof Criterion.Not) {
      n.set("not", criterion(((Criterion.Not) c).criterion()));
    } else {
      throw new AssertionError(c);
    }
    return n;
  }

  private static void signAt(
      ObjectNode n, Set<AssociatedSign> signs, Set<BodySite> sites, boolean siteUnknown) {
    codes(n.putArray("signs"), signs);
    if (!sites.isEmpty()) {
      codes(n.putArray("sites"), sites);
    }
    n.put("siteUnknown", siteUnknown);
  }

  private static void codes(ArrayNode array, Collection<? extends Coded> values) {
    values.forEach(v -> array.add(v.code()));
  }

  private static String regionCode(BodySite.Region region) {
    return region.name().toLowerCase(Locale.ROOT);
  }

  /** Reads one document, collecting every problem; confined to one call. */
  private static final class Reader {
    final List<String> problems = new ArrayList<>();
    final Map<String, Evidence> evidence = new LinkedHashMap<>();

    void problem(String path, String what) {
      problems.add(path + ": " + what);
    }

    @Nullable RuleBook ruleBook(JsonNode root) {
      if (!root.isObject()) {
        problem("$", "a " + kind(root) + "; expected a rule book object");
        return null;
      }
      fields(
          root,
          "$",
          "schema",
          "extends",
          "version",
          "thresholds",
          "evidence",
          "recommendations",
          "cautions",
          "rules",
          "disabled",
          "texts");
      String schema = string(root, "schema", "$");
      if (schema != null && !schema.equals(SCHEMA)) {
        problem("schema", quote(schema) + " is not supported; expected '" + SCHEMA + "'");
        return null;
      }
      RuleBook base = null;
      if (root.has("extends")) {
        String extended = string(root, "extends", "$");
        if (extended != null && !extended.equals(RuleBook.builtIn().version())) {
          problem(
              "extends",
              quote(extended)
                  + " is not a rule book CrampCare knows; expected '"
                  + RuleBook.builtIn().version()
                  + "' (the built-in rule book)");
          return null;
        }
        base = RuleBook.builtIn();
        for (Rule rule : base.allRules()) {
          evidence.putIfAbsent(rule.evidence().id(), rule.evidence());
        }
      }
      RuleBook.Builder b = base == null ? RuleBook.builder() : base.toBuilder();
      Set<String> baseRules = new HashSet<>();
      if (base != null) {
        base.allRules().forEach(rule -> baseRules.add(rule.id()));
      }
      String version = string(root, "version", "$");
      if (version != null) {
        attempt("version", () -> b.version(version));
      }
      Thresholds thresholds =
          thresholds(
              root.path("thresholds"),
              "thresholds",
              base == null ? Thresholds.defaults() : base.thresholds());
      if (thresholds != null) {
        b.thresholds(thresholds);
      }
      each(root, "evidence", this::evidence);
      each(
          root,
          "recommendations",
          (n, path) -> {
            fields(n, path, "code", "category", "priority", "rank", "display");
            String code = string(n, "code", path);
            Category category = code(n, "category", path, Category.class);
            Priority priority = code(n, "priority", path, Priority.class);
            Integer rank = integer(n, "rank", path, 1, 1000);
            String display = string(n, "display", path);
            if (code != null && category != null && priority != null && rank != null) {
              if (display != null) {
                attempt(
                    path,
                    () ->
                        b.define(
                            new RecommendationDefinition(code, category, priority, rank, display)));
              }
            }
          });
      each(
          root,
          "cautions",
          (n, path) -> {
            fields(n, path, "code", "display");
            String code = string(n, "code", path);
            String display = string(n, "display", path);
            if (code != null && display != null) {
              attempt(path, () -> b.defineCaution(new CautionDefinition(code, display)));
            }
          });
      each(
          root,
          "rules",
          (n, path) -> {
            Rule rule = rule(n, path);
            if (rule != null) {
              // A rule with the id of one of the extended book's replaces it.
              attempt(
                  path,
                  () -> {
                    if (baseRules.contains(rule.id())) {
                      b.replace(rule);
                    } else {
                      b.add(rule);
                    }
                  });
            }
          });
      JsonNode texts = root.path("texts");
      TextCatalog catalog = texts(texts, "texts", base == null ? null : base.texts());
      if (catalog != null) {
        b.texts(catalog);
      }
      // Disabled last: it names rules defined above.
      each(
          root,
          "disabled",
          (n, path) -> {
            if (!n.isTextual()) {
              problem(path, "a " + kind(n) + "; expected a rule id");
            } else {
              attempt(path, () -> b.disable(n.asText()));
            }
          });
      if (!problems.isEmpty()) {
        return null;
      }
      try {
        return b.build();
      } catch (IllegalArgumentException e) {
        problem("$", String.valueOf(e.getMessage()));
        return null;
      }
    }

    void evidence(JsonNode n, String path) {
      fields(n, path, "id", "citation", "strength", "url");
      String id = string(n, "id", path);
      String citation = string(n, "citation", path);
      String strength = string(n, "strength", path);
      Optional<String> url =
          n.has("url") ? Optional.ofNullable(string(n, "url", path)) : Optional.empty();
      if (id == null || citation == null || strength == null) {
        return;
      }
      if (evidence.containsKey(id)) {
        problem(path + ".id", quote(id) + " is defined twice; expected unique evidence ids");
        return;
      }
      try {
        evidence.put(id, new Evidence(id, citation, strength, url));
      } catch (IllegalArgumentException e) {
        problem(path, String.valueOf(e.getMessage()));
      }
    }

    @Nullable Rule rule(JsonNode n, String path) {
      if (!n.isObject()) {
        problem(path, "a " + kind(n) + "; expected a rule object");
        return null;
      }
      fields(
          n,
          path,
          "id",
          "version",
          "raise",
          "recommend",
          "suppress",
          "caution",
          "on",
          "replacedBy",
          "replacementTextKey",
          "textKey",
          "when",
          "rationale",
          "evidence");
      String id = string(n, "id", path);
      Integer version = integer(n, "version", path, 1, Integer.MAX_VALUE);
      Criterion when = criterion(n.path("when"), path + ".when");
      String rationale = string(n, "rationale", path);
      String evidenceId = string(n, "evidence", path);
      Evidence e = null;
      if (evidenceId != null) {
        e = evidence.get(evidenceId);
        if (e == null) {
          problem(
              path + ".evidence",
              quote(evidenceId)
                  + " is not defined; expected one of the evidence ids: "
                  + String.join(", ", evidence.keySet()));
        }
      }
      int kinds =
          (n.has("raise") ? 1 : 0)
              + (n.has("recommend") ? 1 : 0)
              + (n.has("suppress") ? 1 : 0)
              + (n.has("caution") ? 1 : 0);
      if (kinds != 1) {
        problem(
            path, "expected exactly one of raise, recommend, suppress or caution; found " + kinds);
        return null;
      }
      RedFlagKind raises =
          n.has("raise") ? code(n.get("raise"), path + ".raise", RedFlagKind.class) : null;
      if (n.has("raise") && raises == null) {
        return null;
      }
      if (id == null || version == null || when == null || rationale == null || e == null) {
        return null;
      }
      Evidence ev = e;
      try {
        if (raises != null) {
          return new RedFlagRule(id, version, raises, when, rationale, ev);
        }
        if (n.has("recommend")) {
          String code = string(n, "recommend", path);
          String textKey = n.has("textKey") ? string(n, "textKey", path) : code;
          return code == null || textKey == null
              ? null
              : new RecommendRule(id, version, code, when, rationale, ev, textKey);
        }
        if (n.has("suppress")) {
          String code = string(n, "suppress", path);
          Optional<String> replacement =
              n.has("replacedBy")
                  ? Optional.ofNullable(string(n, "replacedBy", path))
                  : Optional.empty();
          Optional<String> textKey =
              n.has("replacementTextKey")
                  ? Optional.ofNullable(string(n, "replacementTextKey", path))
                  : Optional.empty();
          return code == null
              ? null
              : new SuppressRule(id, version, code, when, rationale, ev, replacement, textKey);
        }
        String caution = string(n, "caution", path);
        String on = string(n, "on", path);
        return caution == null || on == null
            ? null
            : new CautionRule(id, version, on, caution, when, rationale, ev);
      } catch (IllegalArgumentException x) {
        problem(path, String.valueOf(x.getMessage()));
        return null;
      }
    }

    @Nullable Criterion criterion(JsonNode n, String path) {
      if (!n.isObject() || n.size() != 1) {
        problem(
            path,
            (n.isMissingNode() ? "is missing" : "a " + kind(n))
                + "; expected an object with exactly one condition ("
                + CONDITIONS
                + ")");
        return null;
      }
      String kind = n.fieldNames().next();
      JsonNode v = n.get(kind);
      String at = path + "." + kind;
      switch (kind) {
        case "riskFactor":
          return set(v, at, RiskFactorKind.class, Criterion.RiskFactorPresent::new);
        case "redFlag":
          return set(v, at, RedFlagKind.class, Criterion.RedFlagRaised::new);
        case "sign":
          return set(v, at, AssociatedSign.class, Criterion.SignRecorded::new);
        case "setting":
          return set(v, at, Setting.class, Criterion.EpisodeInSetting::new);
        case "takes":
          return set(v, at, MedicationClass.class, Criterion.Takes::new);
        case "abnormalLab":
          return set(v, at, Analyte.class, Criterion.AbnormalLab::new);
        case "region":
          return regions(v, at);
        case "condition":
          return set(v, at, ConditionKind.class, Criterion.HasCondition::new);
        case "episodeSign":
          return signAt(v, at, Criterion.EpisodeSign::new);
        case "findingSign":
          return signAt(v, at, Criterion.FindingSign::new);
        case "labCriticalHighWithoutRange":
          return set(v, at, Analyte.class, Criterion.LabCriticalHighWithoutRange::new);
        case "creatineKinaseFarAboveRange":
          return flag(v, at, new Criterion.CreatineKinaseFarAboveRange());
        case "anyEpisode":
          return flag(v, at, new Criterion.AnyEpisode());
        case "frequent":
          return flag(v, at, new Criterion.Frequent());
        case "disruptive":
          return flag(v, at, new Criterion.Disruptive());
        case "missingCurrentElectrolytes":
          return flag(v, at, new Criterion.MissingCurrentElectrolytes());
        case "electrolytesNormal":
          return flag(v, at, new Criterion.ElectrolytesNormal());
        case "allOf":
          return combination(v, at, Criterion.AllOf::new);
        case "anyOf":
          return combination(v, at, Criterion.AnyOf::new);
        case "not":
          {
            Criterion inner = criterion(v, at);
            return inner == null ? null : new Criterion.Not(inner);
          }
        default:
          problem(path, quote(kind) + " is not a condition; expected one of " + CONDITIONS);
          return null;
      }
    }

    <E extends Enum<E> & Coded> @Nullable Criterion set(
        JsonNode v, String path, Class<E> type, Function<ImmutableSet<E>, Criterion> make) {
      ImmutableSet<E> values = codeSet(v, path, type);
      return values == null ? null : make.apply(values);
    }

    <E extends Enum<E> & Coded> @Nullable ImmutableSet<E> codeSet(
        JsonNode v, String path, Class<E> type) {
      if (!v.isArray() || v.isEmpty()) {
        problem(
            path,
            (v.isMissingNode() ? "is missing" : "a " + kind(v))
                + "; expected a non-empty array of codes");
        return null;
      }
      List<E> values = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < v.size(); i++) {
        E value = code(v.get(i), path + "[" + i + "]", type);
        ok &= value != null;
        if (value != null) {
          values.add(value);
        }
      }
      return ok ? ImmutableSet.copyOf(values) : null;
    }

    /** Makes a sign criterion from signs, sites and whether an unknown site counts. */
    interface SignAt {
      Criterion make(
          ImmutableSet<AssociatedSign> signs, ImmutableSet<BodySite> sites, boolean siteUnknown);
    }

    @Nullable Criterion signAt(JsonNode v, String path, SignAt make) {
      if (!v.isObject()) {
        problem(path, "a " + kind(v) + "; expected an object with signs, sites and siteUnknown");
        return null;
      }
      fields(v, path, "signs", "sites", "siteUnknown");
      ImmutableSet<AssociatedSign> signs =
          codeSet(v.path("signs"), path + ".signs", AssociatedSign.class);
      ImmutableSet<BodySite> sites =
          v.has("sites")
              ? codeSet(v.get("sites"), path + ".sites", BodySite.class)
              : ImmutableSet.of();
      JsonNode unknown = v.path("siteUnknown");
      if (!unknown.isBoolean()) {
        problem(
            path + ".siteUnknown",
            (unknown.isMissingNode() ? "is missing" : "a " + kind(unknown))
                + "; expected true or false (does a sign with no site recorded count?)");
        return null;
      }
      return signs == null || sites == null ? null : make.make(signs, sites, unknown.asBoolean());
    }

    @Nullable Criterion regions(JsonNode v, String path) {
      if (!v.isArray() || v.isEmpty()) {
        problem(path, "a " + kind(v) + "; expected a non-empty array of regions");
        return null;
      }
      List<BodySite.Region> regions = new ArrayList<>();
      for (int i = 0; i < v.size(); i++) {
        String text = v.get(i).asText();
        Optional<BodySite.Region> region =
            java.util.Arrays.stream(BodySite.Region.values())
                .filter(r -> regionCode(r).equals(text))
                .findFirst();
        if (region.isEmpty()) {
          problem(
              path + "[" + i + "]",
              quote(text) + " is not known; expected one of hand, arm, leg, trunk");
          return null;
        }
        regions.add(region.get());
      }
      return new Criterion.EpisodeInRegion(ImmutableSet.copyOf(regions));
    }

    @Nullable Criterion flag(JsonNode v, String path, Criterion criterion) {
      if (!v.isBoolean() || !v.asBoolean()) {
        problem(path, "a " + kind(v) + "; expected true");
        return null;
      }
      return criterion;
    }

    @Nullable Criterion combination(
        JsonNode v, String path, Function<ImmutableList<Criterion>, Criterion> make) {
      if (!v.isArray() || v.isEmpty()) {
        problem(path, "a " + kind(v) + "; expected a non-empty array of conditions");
        return null;
      }
      List<Criterion> parts = new ArrayList<>();
      boolean ok = true;
      for (int i = 0; i < v.size(); i++) {
        Criterion c = criterion(v.get(i), path + "[" + i + "]");
        ok &= c != null;
        if (c != null) {
          parts.add(c);
        }
      }
      return ok ? make.apply(ImmutableList.copyOf(parts)) : null;
    }

    @Nullable Thresholds thresholds(JsonNode n, String path, Thresholds d) {
      if (n.isMissingNode()) {
        return d;
      }
      if (!n.isObject()) {
        problem(path, "a " + kind(n) + "; expected an object of thresholds");
        return null;
      }
      fields(
          n,
          path,
          "window",
          "frequentPerWeek",
          "trendSlopePerWeek",
          "labMaxAge",
          "advancedKidneyEgfr",
          "creatineKinaseUrgentMultiple",
          "lowFluidLitresPerDay",
          "alcoholUnitsPerWeek",
          "repetitiveHandWorkHoursPerDay",
          "sittingHoursPerDay",
          "disruptiveEpisodes",
          "adultAge");
      Duration window = d.patterns().window();
      if (n.has("window")) {
        try {
          window = Duration.parse(n.get("window").asText());
        } catch (DateTimeException e) {
          problem(
              path + ".window",
              quote(n.get("window").asText()) + " is not an ISO-8601 duration; expected 'P28D'");
        }
      }
      Period labMaxAge = d.labMaxAge();
      if (n.has("labMaxAge")) {
        try {
          labMaxAge = Period.parse(n.get("labMaxAge").asText());
        } catch (DateTimeException e) {
          problem(
              path + ".labMaxAge",
              quote(n.get("labMaxAge").asText()) + " is not an ISO-8601 period; expected 'P12M'");
        }
      }
      double frequent = number(n, "frequentPerWeek", path, d.patterns().frequentPerWeek());
      double slope = number(n, "trendSlopePerWeek", path, d.patterns().trendSlopePerWeek());
      double egfr = number(n, "advancedKidneyEgfr", path, d.advancedKidneyEgfr());
      double ck = number(n, "creatineKinaseUrgentMultiple", path, d.creatineKinaseUrgentMultiple());
      double fluid = number(n, "lowFluidLitresPerDay", path, d.lowFluidLitresPerDay());
      double alcohol = number(n, "alcoholUnitsPerWeek", path, d.alcoholUnitsPerWeek());
      double hand =
          number(n, "repetitiveHandWorkHoursPerDay", path, d.repetitiveHandWorkHoursPerDay());
      double sitting = number(n, "sittingHoursPerDay", path, d.sittingHoursPerDay());
      Integer disruptive =
          n.has("disruptiveEpisodes")
              ? integer(n, "disruptiveEpisodes", path, 1, 1000)
              : Integer.valueOf(d.disruptiveEpisodes());
      Integer adult =
          n.has("adultAge") ? integer(n, "adultAge", path, 0, 150) : Integer.valueOf(d.adultAge());
      if (disruptive == null || adult == null) {
        return null;
      }
      try {
        return new Thresholds(
            new PatternSettings(window, frequent, slope),
            labMaxAge,
            egfr,
            ck,
            fluid,
            alcohol,
            hand,
            sitting,
            disruptive,
            adult);
      } catch (IllegalArgumentException e) {
        problem(path, String.valueOf(e.getMessage()));
        return null;
      }
    }

    /** Reads the texts; over an extended book's texts, they overlay them (a translation). */
    @Nullable TextCatalog texts(JsonNode n, String path, @Nullable TextCatalog base) {
      if (n.isMissingNode()) {
        return null;
      }
      fields(n, path, "language", "entries");
      String language = string(n, "language", path);
      JsonNode entries = n.path("entries");
      if (!entries.isObject()) {
        problem(path + ".entries", "a " + kind(entries) + "; expected an object of texts by key");
        return null;
      }
      Map<String, String> texts = new LinkedHashMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = entries.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        if (!e.getValue().isTextual() || e.getValue().asText().isBlank()) {
          problem(path + ".entries." + e.getKey(), "expected a non-blank text");
        } else {
          texts.put(e.getKey(), e.getValue().asText());
        }
      }
      if (language == null) {
        return null;
      }
      Locale locale = Locale.forLanguageTag(language);
      try {
        return base == null ? TextCatalog.of(locale, texts) : base.with(locale, texts);
      } catch (IllegalArgumentException e) {
        problem(path, String.valueOf(e.getMessage()));
        return null;
      }
    }

    void each(JsonNode root, String field, Entry entry) {
      JsonNode n = root.path(field);
      if (n.isMissingNode()) {
        return;
      }
      if (!n.isArray()) {
        problem(field, "a " + kind(n) + "; expected an array");
        return;
      }
      for (int i = 0; i < n.size(); i++) {
        entry.read(n.get(i), field + "[" + i + "]");
      }
    }

    void fields(JsonNode n, String path, String... allowed) {
      if (!n.isObject()) {
        return;
      }
      List<String> known = List.of(allowed);
      n.fieldNames()
          .forEachRemaining(
              name -> {
                if (!known.contains(name)) {
                  problem(
                      path.equals("$") ? name : path + "." + name,
                      "is not a field here; expected one of " + String.join(", ", known));
                }
              });
    }

    @Nullable String string(JsonNode n, String field, String path) {
      String at = path.equals("$") ? field : path + "." + field;
      JsonNode v = n.path(field);
      if (!v.isTextual() || v.asText().isBlank()) {
        problem(at, (v.isMissingNode() ? "is missing" : "a " + kind(v)) + "; expected a text");
        return null;
      }
      return v.asText();
    }

    @Nullable Integer integer(JsonNode n, String field, String path, int min, int max) {
      JsonNode v = n.path(field);
      if (!v.isInt() || v.asInt() < min || v.asInt() > max) {
        problem(
            path + "." + field,
            (v.isMissingNode() ? "is missing" : render(v) + " is not allowed")
                + "; expected an integer from "
                + min
                + " to "
                + max);
        return null;
      }
      return v.asInt();
    }

    double number(JsonNode n, String field, String path, double fallback) {
      if (!n.has(field)) {
        return fallback;
      }
      JsonNode v = n.get(field);
      if (!v.isNumber()) {
        problem(path + "." + field, render(v) + " is not allowed; expected a number");
        return fallback;
      }
      return v.asDouble();
    }

    <E extends Enum<E> & Coded> @Nullable E code(
        JsonNode n, String field, String path, Class<E> type) {
      return code(n.path(field), path + "." + field, type);
    }

    <E extends Enum<E> & Coded> @Nullable E code(JsonNode v, String path, Class<E> type) {
      for (E value : type.getEnumConstants()) {
        if (v.isTextual() && value.code().equals(v.asText())) {
          return value;
        }
      }
      List<String> codes = new ArrayList<>();
      for (E value : type.getEnumConstants()) {
        codes.add(value.code());
      }
      problem(
          path,
          (v.isMissingNode() ? "is missing" : render(v) + " is not known")
              + "; expected one of "
              + String.join(", ", codes));
      return null;
    }

    void attempt(String path, Runnable step) {
      try {
        step.run();
      } catch (IllegalArgumentException e) {
        problem(path, String.valueOf(e.getMessage()));
      }
    }
  }

  /** Reads one entry of an array at its path. */
  private interface Entry {
    void read(JsonNode node, String path);
  }

  private static String kind(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return "nothing";
    }
    if (n.isObject()) {
      return "object";
    }
    if (n.isArray()) {
      return "array";
    }
    return n.isTextual() ? "text " + quote(n.asText()) : "value " + n;
  }

  private static String render(JsonNode v) {
    return v.isTextual() ? quote(v.asText()) : v.toString();
  }

  private static String quote(String text) {
    return "'" + (text.length() > 60 ? text.substring(0, 60) + "..." : text) + "'";
  }
}
