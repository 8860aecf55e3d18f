package org.crampcare.spark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.crampcare.fhir.CrampCareFhir;
import org.crampcare.fhir.population.BulkExportGenerator;
import org.crampcare.fhir.population.BulkInput;
import org.crampcare.fhir.population.PopulationRun;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark job on local[2] gives, patient by patient, what {@code crampcare population} gives. */
class SparkPopulationTest {
  private static final Instant AS_OF = Instant.parse("2026-11-21T23:59:59Z");

  @TempDir Path dir;

  private static Set<String> lines(Path folder) throws IOException {
    Set<String> all = new HashSet<>();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        String name = f.getFileName().toString();
        if (name.endsWith(".ndjson") || (name.startsWith("part-") && name.endsWith(".txt"))) {
          all.addAll(Files.readAllLines(f));
        }
      }
    }
    return all;
  }

  @Test
  void sparkLocal_givesTheSamePerPatientResults_asThePopulationCommand() throws IOException {
    Path export = dir.resolve("export");
    new BulkExportGenerator(11).write(export, 60, true);
    Path single = dir.resolve("single");
    PopulationRun.Outcome expected =
        PopulationRun.builder(CrampCareFhir.create(), AS_OF)
            .threads(2)
            .shards(5)
            .build()
            .run(BulkInput.files(export), single);

    SparkPopulation.Counts counts;
    List<Row> rows;
    try (SparkSession spark =
        SparkSession.builder()
            .master("local[2]")
            .appName("crampcare-test")
            .config("spark.ui.enabled", "false")
            .config("spark.sql.shuffle.partitions", "4")
            .getOrCreate()) {
      Path out = dir.resolve("spark");
      counts = SparkPopulation.run(spark, export.toString(), out.toString(), AS_OF);
      rows =
          spark.read().parquet(out.resolve("recommendations.parquet").toString()).collectAsList();
      Set<String> fromSpark = lines(out.resolve("ndjson"));
      Set<String> fromSingle = lines(single);
      Set<String> onlySpark = new HashSet<>(fromSpark);
      onlySpark.removeAll(fromSingle);
      Set<String> onlySingle = new HashSet<>(fromSingle);
      onlySingle.removeAll(fromSpark);
      assertThat(onlySpark.stream().map(l -> l.substring(0, Math.min(200, l.length()))).toList())
          .as("lines only Spark wrote (%d of %d)", onlySpark.size(), fromSpark.size())
          .isEmpty();
      assertThat(onlySingle.stream().map(l -> l.substring(0, Math.min(200, l.length()))).toList())
          .as(
              "lines only the population command wrote (%d of %d)",
              onlySingle.size(), fromSingle.size())
          .isEmpty();
    }

    assertThat(counts.patients()).isEqualTo(expected.summary().patients());
    assertThat(counts.assessed()).isEqualTo(expected.summary().assessed());
    assertThat(counts.notAssessedByReason()).isEqualTo(expected.summary().notAssessedByReason());
    assertThat(counts.notLinkedToAPatient()).isEqualTo(expected.summary().notLinkedToAPatient());
    assertThat(counts.unreadableLines())
        .isEqualTo(
            expected.summary().unreadableLines().values().stream()
                .mapToLong(Long::longValue)
                .sum());
    long recommendations =
        expected.summary().recommendations().values().stream().mapToLong(Long::longValue).sum();
    assertThat(rows).hasSize((int) recommendations);
    assertThat(rows.get(0).getString(rows.get(0).fieldIndex("as_of")))
        .isEqualTo("2026-11-21T23:59:59Z");
  }
}
