package org.crampcare.spark;

import java.io.Serializable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.spark.api.java.JavaPairRDD;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.population.BulkAssessor;
import org.jspecify.annotations.Nullable;
import scala.Tuple2;

/**
 * Assesses every patient of a Bulk Data export on Apache Spark: the NDJSON is read as text, each
 * line keyed by its patient (as {@code crampcare population} does), grouped, and each patient
 * assessed by {@link BulkAssessor} in {@code mapPartitions}, with one FHIR context per executor
 * JVM. Medications, which name no patient, are collected and broadcast (a formulary is small).
 *
 * <p>Writes, under the output folder: {@code ndjson/type=TYPE/part-*.txt}, the same NDJSON lines
 * {@code crampcare population} writes per type (shared resources such as the Device once); and
 * {@code recommendations.parquet}, one row per recommendation given (patient, code, category,
 * priority, rule ids, rule book, evidence, as-of).
 *
 * <pre>
 * spark-submit --class org.crampcare.spark.SparkPopulation crampcare-spark-all.jar \
 *   --in hdfs:///exports/2026-11/ --out hdfs:///crampcare/2026-11/ --as-of 2026-11-21
 * </pre>
 */
public final class SparkPopulation {
  private SparkPopulation() {}

  /**
   * What a run counted.
   *
   * @param patients the patients found
   * @param assessed the patients assessed
   * @param notAssessedByReason the patients not assessed, by reason
   * @param notLinkedToAPatient resources that name no patient (and are not Medications), by type:
   *     not used
   * @param unreadableLines lines that are not a FHIR resource in JSON
   */
  public record Counts(
      long patients,
      long assessed,
      Map<String, Long> notAssessedByReason,
      Map<String, Long> notLinkedToAPatient,
      long unreadableLines)
      implements Serializable {}

  /**
   * Runs from the command line: {@code --in PATH --out PATH [--as-of YYYY-MM-DD]}.
   *
   * @param args the arguments
   */
  public static void main(String[] args) {
    String in = null;
    String out = null;
    Instant asOf = Instant.now();
    for (int i = 0; i + 1 < args.length; i += 2) {
      switch (args[i]) {
        case "--in":
          in = args[i + 1];
          break;
        case "--out":
          out = args[i + 1];
          break;
        case "--as-of":
          asOf = Instant.parse(args[i + 1] + "T23:59:59Z");
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option " + args[i] + "; expected --in PATH --out PATH [--as-of DATE]");
      }
    }
    if (in == null || out == null) {
      throw new IllegalArgumentException("expected --in PATH --out PATH [--as-of DATE]");
    }
    SparkSession spark = SparkSession.builder().appName("crampcare-population").getOrCreate();
    try {
      Counts counts = run(spark, in, out, asOf);
      // The driver program's own report: spark-submit shows it to the person who ran the job.
      System.out.println(
          "Assessed " + counts.assessed() + " of " + counts.patients() + " patients; " + counts);
    } finally {
      spark.stop();
    }
  }

  /**
   * Assesses an export.
   *
   * @param spark the session
   * @param in the export's NDJSON files (a folder or a glob; {@code .gz} is read as gzip)
   * @param out the output folder; replaced
   * @param asOf the assessment time
   * @return the counts
   */
  public static Counts run(SparkSession spark, String in, String out, Instant asOf) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    JavaRDD<String> lines = spark.read().textFile(in).javaRDD().filter(l -> !l.isBlank());
    JavaPairRDD<String, String[]> keyed =
        lines
            .mapToPair(
                l -> {
                  Optional<String[]> key = BulkAssessor.key(l);
                  String[] k = key.orElse(new String[] {"", null});
                  return new Tuple2<>(l, k);
                })
            .mapToPair(t -> new Tuple2<>(t._2()[0], new String[] {t._2()[1], t._1()}))
            // Read by four actions (Medications, counts, assessment): read the input once.
            .persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK_SER());
    Map<String, String> medications = new TreeMap<>();
    for (String line :
        keyed.filter(t -> t._1().equals("Medication")).map(t -> t._2()[1]).collect()) {
      String id = idOf(line);
      if (id != null) {
        medications.putIfAbsent(id, line);
      }
    }
    Broadcast<Map<String, String>> meds = jsc.broadcast(medications);
    Map<String, Long> notLinked = new TreeMap<>();
    keyed
        .filter(t -> !t._1().isEmpty() && !t._1().equals("Medication") && t._2()[0] == null)
        .map(Tuple2::_1)
        .countByValue()
        .forEach(notLinked::put);
    long unreadable = keyed.filter(t -> t._1().isEmpty()).count();
    String when = asOf.toString();
    JavaRDD<BulkAssessor.Outcome> outcomes =
        keyed
            .filter(t -> !t._1().equals("Medication") && t._2()[0] != null)
            .mapToPair(t -> new Tuple2<>(t._2()[0], t._2()[1]))
            .groupByKey()
            .mapPartitions(
                patients -> {
                  BulkAssessor assessor = new BulkAssessor(Executor.fhir(), Instant.parse(when));
                  List<BulkAssessor.Outcome> done = new ArrayList<>();
                  while (patients.hasNext()) {
                    Tuple2<String, Iterable<String>> p = patients.next();
                    List<String> record = new ArrayList<>();
                    p._2().forEach(record::add);
                    done.add(assessor.assess(p._1(), record, meds.value()));
                  }
                  return done.iterator();
                })
            .cache();

    StructType lineSchema =
        new StructType()
            .add("type", DataTypes.StringType, false)
            .add("json", DataTypes.StringType, false);
    JavaRDD<Row> ndjson =
        outcomes
            .flatMap(o -> o.lines().iterator())
            .map(l -> RowFactory.create(l.type(), l.json()))
            .distinct();
    Dataset<Row> frame = spark.createDataFrame(ndjson, lineSchema);
    frame
        .orderBy("type", "json")
        .select("type", "json")
        .write()
        .mode(SaveMode.Overwrite)
        .partitionBy("type")
        .text(out + "/ndjson");

    StructType recommendationSchema =
        new StructType()
            .add("patient", DataTypes.StringType, false)
            .add("code", DataTypes.StringType, false)
            .add("category", DataTypes.StringType, false)
            .add("priority", DataTypes.StringType, false)
            .add("rule_ids", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("rule_book", DataTypes.StringType, false)
            .add("evidence", DataTypes.createArrayType(DataTypes.StringType), false)
            .add("as_of", DataTypes.StringType, false);
    JavaRDD<Row> rows =
        outcomes
            .flatMap(o -> o.recommendations().iterator())
            .map(
                r ->
                    RowFactory.create(
                        r.patient(),
                        r.code(),
                        r.category(),
                        r.priority(),
                        r.ruleIds().toArray(new String[0]),
                        r.ruleBook(),
                        r.evidence().toArray(new String[0]),
                        r.asOf()));
    spark
        .createDataFrame(rows, recommendationSchema)
        .write()
        .mode(SaveMode.Overwrite)
        .parquet(out + "/recommendations.parquet");

    long patients = outcomes.count();
    Map<String, Long> reasons = new TreeMap<>();
    outcomes
        .filter(o -> o.notAssessedReason().isPresent())
        .map(o -> o.notAssessedReason().get())
        .countByValue()
        .forEach(reasons::put);
    long notAssessed = reasons.values().stream().mapToLong(Long::longValue).sum();
    outcomes.unpersist();
    keyed.unpersist();
    return new Counts(patients, patients - notAssessed, reasons, notLinked, unreadable);
  }

  private static @Nullable String idOf(String json) {
    try {
      String id = JSON.readTree(json).path("id").asText("");
      return id.isEmpty() ? null : id;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper JSON =
      new com.fasterxml.jackson.databind.ObjectMapper();

  /** One CrampCare pipeline per executor JVM: the FHIR context takes seconds to build. */
  static final class Executor {
    private static volatile @Nullable CrampCareFhir fhir;

    private Executor() {}

    static CrampCareFhir fhir() {
      CrampCareFhir f = fhir;
      if (f == null) {
        synchronized (Executor.class) {
          f = fhir;
          if (f == null) {
            f = CrampCareFhir.create();
            fhir = f;
          }
        }
      }
      return f;
    }
  }
}
