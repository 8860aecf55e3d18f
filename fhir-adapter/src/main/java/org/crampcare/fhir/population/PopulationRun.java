package org.crampcare.fhir.population;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.crampcare.fhir.CrampCareFhir;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assesses every patient of a Bulk Data export on one machine, in memory that does not grow with
 * the number of patients.
 *
 * <ol>
 *   <li><b>Partition.</b> Every NDJSON line is read once and appended to one of {@link
 *       Builder#shards} shard files on disk, chosen by its patient (a Patient's id, or the patient
 *       its {@code subject} or {@code patient} names). Medications, which name no patient, go to a
 *       side file and are joined to the requests that reference them; other resources that name no
 *       patient are counted and not used.
 *   <li><b>Assess.</b> Shards are assessed in parallel ({@link Builder#threads}), one at a time per
 *       thread: a shard's lines are grouped by patient, each patient's record is imported, assessed
 *       and exported as {@link CrampCareFhir#assess} does. Memory holds one shard per thread (about
 *       the export's size divided by the shard count) and the Medications.
 *   <li><b>Write.</b> Outputs go to a work folder inside the output folder and are moved into place
 *       only when the whole run succeeded: NDJSON per resource type of what CrampCare writes
 *       (references between them as {@code Type/id}), {@code OperationOutcome.ndjson} with one
 *       mapping report per patient, and {@code summary.json}, {@code summary.csv}, {@code
 *       summary.html}.
 * </ol>
 *
 * <p>The output is the same whatever the thread count: patients are assessed in the order of their
 * shard and id, and shard outputs are joined in shard order. A patient that cannot be assessed gets
 * a mapping report with the reason and is counted; the run goes on.
 */
public final class PopulationRun {
  private static final Logger LOG = LoggerFactory.getLogger(PopulationRun.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String WORK_PREFIX = ".crampcare-work-";
  private static final String MEDICATIONS = "medications.ndjson";

  /** The NDJSON a shard holds when the shard count is chosen from the input's size. */
  static final long SHARD_BYTES = 16L * 1024 * 1024;

  static final int MIN_SHARDS = 64;
  static final int MAX_SHARDS = 512;

  /** Resource types every patient's transaction repeats; written once. */
  private static final Set<String> SHARED_TYPES = Set.of("Device", "CodeSystem");

  private final CrampCareFhir fhir;
  private final Instant asOf;
  private final int threads;
  private final int requestedShards;
  private final Consumer<Progress> progress;
  private final boolean fastObservations;

  private PopulationRun(Builder b) {
    this.fhir = b.fhir;
    this.asOf = b.asOf;
    this.threads = b.threads;
    this.requestedShards = b.shards;
    this.progress = b.progress;
    this.fastObservations = b.fastObservations;
  }

  /** Returns a builder over a CrampCare pipeline (its context, rule book and validator). */
  public static Builder builder(CrampCareFhir fhir, Instant asOf) {
    return new Builder(fhir, asOf);
  }

  /**
   * How far a run is.
   *
   * @param patientsDone patients assessed (or found unusable) so far
   * @param patientsTotal the patients expected: the Patient resources read (or the patients done,
   *     if more: records of a patient without a Patient resource count too)
   * @param elapsed time since the assessment began
   */
  public record Progress(long patientsDone, long patientsTotal, Duration elapsed) {
    /** Returns patients per second so far; 0 at the start. */
    public double patientsPerSecond() {
      double seconds = elapsed.toMillis() / 1000.0;
      return seconds <= 0 ? 0 : patientsDone / seconds;
    }

    /** Returns the estimated time left at the rate so far; empty until there is a rate. */
    public java.util.Optional<Duration> timeLeft() {
      double rate = patientsPerSecond();
      return rate <= 0
          ? java.util.Optional.empty()
          : java.util.Optional.of(
              Duration.ofMillis((long) ((patientsTotal - patientsDone) / rate * 1000)));
    }
  }

  /** What a run did. */
  public record Outcome(
      PopulationSummary summary, ImmutableList<String> filesWritten, boolean replacedEarlier) {}

  /**
   * Runs: partitions, assesses and writes; on failure nothing in {@code outDir} is changed. One run
   * at a time per object (each run uses every thread it was given).
   *
   * @param files the export's NDJSON files, see {@link BulkInput#files}
   * @param outDir the output folder; created if missing; earlier outputs of the same names are
   *     replaced when the run succeeds
   * @throws UncheckedIOException if a file cannot be read or written
   * @throws IllegalStateException if another run (in this or another process) is writing to the
   *     same folder
   */
  public synchronized Outcome run(List<Path> files, Path outDir) {
    try {
      Files.createDirectories(outDir);
      // One run per output folder at a time, across processes: a second run would remove the
      // first one's work folder as "unfinished", and both would replace the same files.
      try (java.nio.channels.FileChannel lockFile =
              java.nio.channels.FileChannel.open(
                  outDir.resolve(LOCK),
                  java.nio.file.StandardOpenOption.CREATE,
                  java.nio.file.StandardOpenOption.WRITE);
          java.nio.channels.FileLock lock = tryLock(lockFile)) {
        if (lock == null) {
          throw new IllegalStateException(
              outDir
                  + ": another population run is writing to this folder; wait for it to end or"
                  + " choose another folder");
        }
        removeUnfinished(outDir);
        Path work = Files.createTempDirectory(outDir, WORK_PREFIX);
        try {
          return run(files, outDir, work);
        } finally {
          deleteTree(work);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e.getMessage(), e);
    }
  }

  private static java.nio.channels.@Nullable FileLock tryLock(java.nio.channels.FileChannel file)
      throws IOException {
    try {
      return file.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException heldInThisJvm) {
      return null;
    }
  }

  /** The lock file a run holds in its output folder. */
  static final String LOCK = ".crampcare-population.lock";

  private static int shardsFor(List<Path> files) throws IOException {
    long bytes = 0;
    for (Path f : files) {
      long size = Files.size(f);
      bytes += f.getFileName().toString().endsWith(".gz") ? size * 6 : size;
    }
    long wanted = (bytes + SHARD_BYTES - 1) / SHARD_BYTES;
    return (int) Math.max(MIN_SHARDS, Math.min(MAX_SHARDS, wanted));
  }

  private Outcome run(List<Path> files, Path outDir, Path work) throws IOException {
    // Chosen per input: a run object may be reused for another export.
    int shards = requestedShards > 0 ? requestedShards : shardsFor(files);
    long partitionStart = System.nanoTime();
    Partition partition = partition(files, work, shards, threads);
    LOG.info(
        "Partitioned {} resources ({} Patients) into {} shards in {} ms",
        partition.resourcesByType.values().stream().mapToLong(Long::longValue).sum(),
        partition.patientResources,
        shards,
        (System.nanoTime() - partitionStart) / 1_000_000);
    Map<String, String> medications = readMedications(work.resolve(MEDICATIONS));
    PopulationSummary.Tally tally = new PopulationSummary.Tally();
    long expected = partition.patientResources;
    AtomicLong done = new AtomicLong();
    long start = System.nanoTime();
    ScheduledExecutorService ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "crampcare-population-progress");
              t.setDaemon(true);
              return t;
            });
    // The total is the Patient resources read; records of patients without one are found only
    // when their shard is read, so the total grows to the count done if needed.
    Runnable report =
        () -> {
          long d = done.get();
          progress.accept(
              new Progress(d, Math.max(d, expected), Duration.ofNanos(System.nanoTime() - start)));
        };
    ticker.scheduleAtFixedRate(report, 1, 1, TimeUnit.SECONDS);
    ExecutorService pool = daemons(threads, "crampcare-population");
    try {
      List<Future<PopulationSummary.Tally>> results = new ArrayList<>();
      for (int s = 0; s < shards; s++) {
        int shard = s;
        results.add(pool.submit(() -> assessShard(work, shard, medications, done)));
      }
      for (Future<PopulationSummary.Tally> f : results) {
        tally.add(result(f, "a shard"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
      ticker.shutdownNow();
    }
    report.run();
    long patients = tally.patients;
    LOG.info(
        "Assessed {} patients on {} threads in {} ms",
        patients,
        threads,
        (System.nanoTime() - start) / 1_000_000);

    PopulationSummary summary =
        new PopulationSummary(
            asOf.toString(),
            fhir.assessor().ruleBook().version(),
            files.size(),
            partition.resourcesByType,
            partition.notLinked,
            partition.unreadable,
            patients,
            tally.assessed,
            tally.notAssessedByReason,
            tally.recommendations,
            tally.redFlags,
            tally.medicationLabCombinations);
    Path finals = Files.createDirectory(work.resolve("final"));
    List<String> written = merge(work, finals, shards);
    Files.writeString(finals.resolve("summary.json"), summary.toJson(), StandardCharsets.UTF_8);
    Files.writeString(finals.resolve("summary.csv"), summary.toCsv(), StandardCharsets.UTF_8);
    Files.writeString(finals.resolve("summary.html"), summary.toHtml(), StandardCharsets.UTF_8);
    written.addAll(List.of("summary.json", "summary.csv", "summary.html"));
    boolean replaced = Files.exists(outDir.resolve("summary.json"));
    // Outputs of an earlier run that this one does not write would mislead: they go too.
    try (Stream<Path> earlier = Files.list(outDir)) {
      for (Path p : earlier.toList()) {
        String name = p.getFileName().toString();
        if (!name.startsWith(WORK_PREFIX) && isOutputName(name) && !written.contains(name)) {
          Files.delete(p);
        }
      }
    }
    for (String name : written) {
      Files.move(
          finals.resolve(name),
          outDir.resolve(name),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
    return new Outcome(summary, ImmutableList.copyOf(written), replaced);
  }

  private static boolean isOutputName(String name) {
    return name.endsWith(".ndjson") || name.startsWith("summary.");
  }

  // ---- partition ----

  private static final class Partition {
    final SortedMap<String, Long> resourcesByType = new TreeMap<>();
    final SortedMap<String, Long> notLinked = new TreeMap<>();
    final SortedMap<String, Long> unreadable = new TreeMap<>();
    // Patient resources seen: the progress total. Distinct patients are counted per shard later,
    // so that nothing here grows with the population but these counters.
    long patientResources;

    void add(Partition other) {
      PopulationSummary.Tally.merge(resourcesByType, other.resourcesByType);
      PopulationSummary.Tally.merge(notLinked, other.notLinked);
      PopulationSummary.Tally.merge(unreadable, other.unreadable);
      patientResources += other.patientResources;
    }
  }

  /** Lines handed to a partitioning thread at a time, at most. */
  private static final int BATCH_LINES = 2_000;

  /**
   * Characters handed to a partitioning thread at a time, at most: an export of large resources
   * (documents with their attachments) makes smaller batches, so the batches in flight stay at a
   * few MB a thread whatever the lines' sizes.
   */
  static final int BATCH_CHARS = 2 * 1024 * 1024;

  /**
   * Partitions the export into shards by patient. This thread reads the files; the {@code threads}
   * threads read each line's type and patient (the costly part) and append it to its shard, whose
   * writer they share. The order of lines within a shard therefore varies from run to run, which
   * nothing depends on: a shard's patients are assessed in id order and a patient's lines sorted.
   * Medication lines carry their place in the export, so that of two with one id the first one read
   * is used, as with one thread.
   */
  private static Partition partition(List<Path> files, Path work, int shards, int threads)
      throws IOException {
    Writer[] out = new Writer[shards];
    ExecutorService pool = daemons(threads, "crampcare-population-partition");
    // At most two batches a thread waiting or in work, each at most BATCH_LINES lines or about
    // BATCH_CHARS characters (one line more): memory does not grow with the export.
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(2 * threads);
    List<Future<Partition>> batches = new ArrayList<>();
    Partition p = new Partition();
    try (Writer medications = Files.newBufferedWriter(work.resolve(MEDICATIONS))) {
      for (int s = 0; s < shards; s++) {
        out[s] = Files.newBufferedWriter(shardFile(work, s));
      }
      for (int f = 0; f < files.size(); f++) {
        String name = files.get(f).getFileName().toString();
        int fileIndex = f;
        try (BufferedReader in = open(files.get(f))) {
          long lineNo = 0;
          List<String> batch = new ArrayList<>();
          long batchStart = 0;
          long batchChars = 0;
          String line;
          while (true) {
            line = in.readLine();
            if (line != null) {
              batch.add(line);
              batchChars += line.length();
              lineNo++;
            }
            if (batch.size() == BATCH_LINES
                || batchChars >= BATCH_CHARS
                || line == null && !batch.isEmpty()) {
              List<String> lines = batch;
              long first = batchStart;
              inFlight.acquire();
              batches.add(
                  pool.submit(
                      () -> {
                        try {
                          return partitionBatch(lines, name, fileIndex, first, out, medications);
                        } finally {
                          inFlight.release();
                        }
                      }));
              batch = new ArrayList<>();
              batchStart = lineNo;
              batchChars = 0;
              // Collect what is done, so that the list of results stays short.
              collectDone(batches, p);
            }
            if (line == null) {
              break;
            }
          }
        }
      }
      for (Future<Partition> batch : batches) {
        p.add(result(batch, "partitioning"));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    } finally {
      pool.shutdownNow();
      for (Writer w : out) {
        if (w != null) {
          w.close();
        }
      }
    }
    return p;
  }

  private static void collectDone(List<Future<Partition>> batches, Partition into)
      throws IOException, InterruptedException {
    java.util.Iterator<Future<Partition>> it = batches.iterator();
    while (it.hasNext()) {
      Future<Partition> f = it.next();
      if (!f.isDone()) {
        return; // the rest are collected later
      }
      into.add(result(f, "partitioning"));
      it.remove();
    }
  }

  /** A fixed pool of daemon threads with the given name: a run never keeps the JVM alive. */
  private static ExecutorService daemons(int threads, String name) {
    return Executors.newFixedThreadPool(
        threads,
        r -> {
          Thread t = new Thread(r, name);
          t.setDaemon(true);
          return t;
        });
  }

  /**
   * Waits for a task's result; its I/O failure is thrown as such, anything else as an {@link
   * IllegalStateException} naming {@code what} failed.
   */
  private static <T> T result(Future<T> f, String what) throws IOException, InterruptedException {
    try {
      return f.get();
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof UncheckedIOException) {
        throw ((UncheckedIOException) cause).getCause();
      }
      if (cause instanceof IOException) {
        throw (IOException) cause;
      }
      throw new IllegalStateException(what + " failed: " + cause, cause);
    }
  }

  private static Partition partitionBatch(
      List<String> lines,
      String fileName,
      int fileIndex,
      long firstLine,
      Writer[] out,
      Writer medications)
      throws IOException {
    Partition p = new Partition();
    long lineNo = firstLine;
    for (String line : lines) {
      lineNo++;
      if (line.isBlank()) {
        continue;
      }
      Key key = key(line);
      if (key == null) {
        PopulationSummary.Tally.count(p.unreadable, fileName);
        continue;
      }
      String type = key.type;
      PopulationSummary.Tally.count(p.resourcesByType, type);
      if (type.equals("Medication")) {
        synchronized (medications) {
          // Its place in the export: file, then line, both in a fixed-width, sortable form.
          medications.write(String.format(java.util.Locale.ROOT, "%08d%016d\t", fileIndex, lineNo));
          medications.write(line);
          medications.write('\n');
        }
        continue;
      }
      String patient = key.patient;
      if (patient == null) {
        PopulationSummary.Tally.count(p.notLinked, type);
        continue;
      }
      if (type.equals("Patient")) {
        p.patientResources++;
      }
      Writer w = out[Math.floorMod(patient.hashCode(), out.length)];
      synchronized (w) {
        w.write(patient);
        w.write('\t');
        w.write(line);
        w.write('\n');
      }
    }
    return p;
  }

  private static BufferedReader open(Path file) throws IOException {
    InputStream in = Files.newInputStream(file);
    if (file.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 64 * 1024);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 64 * 1024);
  }

  /**
   * A line's resource type, its id (null if it has none) and the patient it belongs to (null if it
   * names none).
   */
  record Key(String type, @Nullable String id, @Nullable String patient) {}

  private static final com.fasterxml.jackson.core.JsonFactory FACTORY = JSON.getFactory();

  /**
   * Reads what partitioning needs from one NDJSON line without building it: the top-level {@code
   * resourceType}, {@code id}, and {@code subject.reference} or {@code patient.reference}; every
   * other member is skipped unread. Returns null for a line that is not a JSON object with a
   * resource type.
   */
  static @Nullable Key key(String line) {
    String type = null;
    String id = null;
    String subject = null;
    String patient = null;
    try (com.fasterxml.jackson.core.JsonParser p = FACTORY.createParser(line)) {
      if (p.nextToken() != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
        return null;
      }
      while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
        String name = p.currentName();
        com.fasterxml.jackson.core.JsonToken value = p.nextToken();
        switch (name) {
          case "resourceType":
            type = value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
            break;
          case "id":
            id = value == com.fasterxml.jackson.core.JsonToken.VALUE_STRING ? p.getText() : null;
            break;
          case "subject":
            subject = reference(p, value);
            break;
          case "patient":
            patient = reference(p, value);
            break;
          default:
            p.skipChildren();
        }
      }
    } catch (IOException e) {
      return null;
    }
    if (type == null || type.isEmpty()) {
      return null;
    }
    if (type.equals("Patient")) {
      String own = id == null || id.isEmpty() ? null : id;
      return new Key(type, own, own);
    }
    String owner = subject == null ? null : patientId(subject);
    if (owner == null && patient != null) {
      owner = patientId(patient);
    }
    return new Key(type, id == null || id.isEmpty() ? null : id, owner);
  }

  private static @Nullable String reference(
      com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken value)
      throws IOException {
    if (value != com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
      p.skipChildren();
      return null;
    }
    String reference = null;
    while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
      String name = p.currentName();
      com.fasterxml.jackson.core.JsonToken v = p.nextToken();
      if (name.equals("reference") && v == com.fasterxml.jackson.core.JsonToken.VALUE_STRING) {
        reference = p.getText();
      } else {
        p.skipChildren();
      }
    }
    return reference;
  }

  private static @Nullable String patientId(String reference) {
    if (reference.startsWith("urn:uuid:")) {
      return reference.substring("urn:uuid:".length());
    }
    int at = reference.lastIndexOf("Patient/");
    if (at < 0 || (at > 0 && reference.charAt(at - 1) != '/')) {
      return null;
    }
    String id = reference.substring(at + "Patient/".length());
    int history = id.indexOf('/');
    return id.isEmpty() ? null : history < 0 ? id : id.substring(0, history);
  }

  private static Path shardFile(Path work, int shard) {
    return work.resolve(String.format(java.util.Locale.ROOT, "shard-%04d.tsv", shard));
  }

  /**
   * Reads the export's Medications by id; of two with one id, the first in the export (by file,
   * then line) is used.
   */
  private static Map<String, String> readMedications(Path file) throws IOException {
    Map<String, String> byId = new HashMap<>();
    Map<String, String> placeOf = new HashMap<>();
    try (BufferedReader in = Files.newBufferedReader(file)) {
      String line;
      while ((line = in.readLine()) != null) {
        int tab = line.indexOf('\t');
        String place = line.substring(0, tab);
        String json = line.substring(tab + 1);
        String id = JSON.readTree(json).path("id").asText("");
        if (!id.isEmpty()) {
          String earlier = placeOf.get(id);
          if (earlier == null || place.compareTo(earlier) < 0) {
            placeOf.put(id, place);
            byId.put(id, json);
          }
        }
      }
    }
    return byId;
  }

  // ---- assess ----

  private PopulationSummary.Tally assessShard(
      Path work, int shard, Map<String, String> medications, AtomicLong done) throws IOException {
    SortedMap<String, List<String>> byPatient = new TreeMap<>();
    try (BufferedReader in = Files.newBufferedReader(shardFile(work, shard))) {
      String line;
      while ((line = in.readLine()) != null) {
        int tab = line.indexOf('\t');
        byPatient
            .computeIfAbsent(line.substring(0, tab), k -> new ArrayList<>())
            .add(line.substring(tab + 1));
      }
    }
    Files.delete(shardFile(work, shard));
    PopulationSummary.Tally tally = new PopulationSummary.Tally();
    Path parts = Files.createDirectories(work.resolve("parts").resolve(String.valueOf(shard)));
    Map<String, Writer> writers = new TreeMap<>();
    Set<String> shared = new HashSet<>();
    BulkAssessor assessor = new BulkAssessor(fhir, asOf, fastObservations);
    try {
      for (Map.Entry<String, List<String>> patient : byPatient.entrySet()) {
        BulkAssessor.Outcome o = assessor.assess(patient.getKey(), patient.getValue(), medications);
        count(o, tally);
        for (BulkAssessor.Line line : o.lines()) {
          if (SHARED_TYPES.contains(line.type())
              && !shared.add(line.type() + "\u001f" + idOf(line.json()))) {
            continue;
          }
          write(writers, parts, line.type(), line.json());
        }
        done.incrementAndGet();
      }
    } finally {
      for (Writer w : writers.values()) {
        w.close();
      }
    }
    return tally;
  }

  private static void count(BulkAssessor.Outcome o, PopulationSummary.Tally tally) {
    tally.patients++;
    if (o.notAssessedReason().isPresent()) {
      PopulationSummary.Tally.count(tally.notAssessedByReason, o.notAssessedReason().get());
      return;
    }
    tally.assessed++;
    for (BulkAssessor.RecommendationRow r : o.recommendations()) {
      PopulationSummary.Tally.count(tally.recommendations, r.code());
    }
    o.redFlags().forEach(f -> PopulationSummary.Tally.count(tally.redFlags, f));
    o.medicationLabCombinations()
        .forEach(c -> PopulationSummary.Tally.count(tally.medicationLabCombinations, c));
  }

  private static String idOf(String json) {
    try {
      return JSON.readTree(json).path("id").asText("");
    } catch (IOException e) {
      return json;
    }
  }

  private static void write(Map<String, Writer> writers, Path parts, String type, String json)
      throws IOException {
    Writer w = writers.get(type);
    if (w == null) {
      w = Files.newBufferedWriter(parts.resolve(type + ".ndjson"));
      writers.put(type, w);
    }
    w.write(json);
    w.write('\n');
  }

  // ---- merge ----

  private static List<String> merge(Path work, Path finals, int shards) throws IOException {
    Set<String> types = new TreeSet<>();
    Path parts = work.resolve("parts");
    for (int s = 0; s < shards; s++) {
      Path dir = parts.resolve(String.valueOf(s));
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.list(dir)) {
          files.forEach(f -> types.add(f.getFileName().toString()));
        }
      }
    }
    List<String> written = new ArrayList<>();
    for (String name : types) {
      Set<String> seenShared = new HashSet<>();
      boolean sharedType = SHARED_TYPES.contains(name.replace(".ndjson", ""));
      try (BufferedWriter out =
          Files.newBufferedWriter(finals.resolve(name), StandardOpenOption.CREATE_NEW)) {
        for (int s = 0; s < shards; s++) {
          Path part = parts.resolve(String.valueOf(s)).resolve(name);
          if (!Files.exists(part)) {
            continue;
          }
          try (BufferedReader in = Files.newBufferedReader(part)) {
            String line;
            while ((line = in.readLine()) != null) {
              if (sharedType && !seenShared.add(JSON.readTree(line).path("id").asText())) {
                continue;
              }
              out.write(line);
              out.write('\n');
            }
          }
        }
      }
      written.add(name);
    }
    return written;
  }

  // ---- housekeeping ----

  private static void removeUnfinished(Path outDir) throws IOException {
    try (Stream<Path> listing = Files.list(outDir)) {
      for (Path p : listing.toList()) {
        if (p.getFileName().toString().startsWith(WORK_PREFIX)) {
          LOG.info("Removing the unfinished work of an interrupted run: {}", p.getFileName());
          deleteTree(p);
        }
      }
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }

  /** Configures a run. */
  public static final class Builder {
    private final CrampCareFhir fhir;
    private final Instant asOf;
    private int threads = Runtime.getRuntime().availableProcessors();
    private int shards; // 0: chosen from the input's size
    private Consumer<Progress> progress = p -> {};
    private boolean fastObservations = true;

    private Builder(CrampCareFhir fhir, Instant asOf) {
      this.fhir = fhir;
      this.asOf = asOf;
    }

    /** Sets the threads that assess (default: one per core). */
    public Builder threads(int threads) {
      if (threads < 1 || threads > 256) {
        throw new IllegalArgumentException("threads must be 1..256, got " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * Sets the number of shards. By default it is chosen from the input's size, so that a shard
     * holds about {@value PopulationRun#SHARD_BYTES} bytes of NDJSON (gzip files counted at six
     * times their size), at least {@value PopulationRun#MIN_SHARDS} and at most {@value
     * PopulationRun#MAX_SHARDS} (each is an open file while partitioning): memory holds one shard
     * per thread, so it does not grow with the export up to about 8 GB of NDJSON.
     */
    public Builder shards(int shards) {
      if (shards < 1 || shards > 4096) {
        throw new IllegalArgumentException("shards must be 1..4096, got " + shards);
      }
      this.shards = shards;
      return this;
    }

    /** Receives progress about once a second and once at the end. */
    public Builder progress(Consumer<Progress> progress) {
      this.progress = progress;
      return this;
    }

    /**
     * Reads every line with HAPI's parser and writes with its default options, for tests that
     * compare this with the fast path.
     */
    Builder hapiDefaults() {
      this.fastObservations = false;
      return this;
    }

    /** Returns the run. */
    public PopulationRun build() {
      return new PopulationRun(this);
    }
  }
}
