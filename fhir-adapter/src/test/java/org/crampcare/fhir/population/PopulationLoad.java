package org.crampcare.fhir.population;

import ca.uhn.fhir.parser.IParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import org.crampcare.fhir.CrampCareFhir;

/**
 * Measures {@link PopulationRun} on a generated export (not a test; run by hand, see
 * docs/benchmarks.md): {@code PopulationLoad PATIENTS LAB_MONTHS THREADS WORK_DIR [parse]
 * [hapi-only] [synthea]}. Prints the export's size, the run's wall time, patients and resources per
 * second, peak heap and peak resident memory; with {@code parse}, first the time HAPI's parser
 * alone takes for every line of the same export on the same threads.
 */
public final class PopulationLoad {
  private PopulationLoad() {}

  public static void main(String[] args) throws Exception {
    int patients = Integer.parseInt(args[0]);
    int labMonths = Integer.parseInt(args[1]);
    int threads = Integer.parseInt(args[2]);
    Path work = Path.of(args[3]);
    List<String> options = List.of(args).subList(Math.min(4, args.length), args.length);
    boolean parse = options.contains("parse");
    // "hapi-only": every line read, and every output written, by HAPI with its defaults
    boolean hapiOnly = options.contains("hapi-only");
    // "synthea": the shared Synthea and Inferno bundles repeated (SyntheaBulkExport) instead of
    // the generator's charts; LAB_MONTHS is then ignored
    boolean synthea = options.contains("synthea");
    Path export =
        work.resolve(synthea ? "synthea-" + patients : "export-" + patients + "-" + labMonths);
    if (!Files.isDirectory(export)) {
      if (synthea) {
        SyntheaBulkExport.write(
            org.crampcare.fhir.InboundTestData.fixtures()
                .orElseThrow(() -> new IllegalStateException("shared/fixtures/fhir not found"))
                .resolve("bundles"),
            export,
            patients);
      } else {
        new BulkExportGenerator(7).write(export, patients, false, labMonths);
      }
    }
    List<Path> files = BulkInput.files(export);
    long lines = 0;
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
      try (BufferedReader in = Files.newBufferedReader(f)) {
        while (in.readLine() != null) {
          lines++;
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "export: %d patients, %d lines, %.1f MB; %d threads; max heap %d MB; load average %.1f%n",
        patients,
        lines,
        bytes / 1e6,
        threads,
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
    CrampCareFhir fhir = CrampCareFhir.create();
    if (parse) {
      long t0 = System.nanoTime();
      long parsed = parseAll(fhir, files, threads);
      double s = (System.nanoTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "HAPI parse only: %d resources in %.1f s, %.0f resources/s%n",
          parsed,
          s,
          parsed / s);
    }
    Path out = work.resolve("out-" + patients);
    PopulationRun.Builder run =
        PopulationRun.builder(fhir, Instant.parse("2026-11-21T23:59:59Z")).threads(threads);
    if (hapiOnly) {
      run.hapiDefaults();
    }
    HeapSampler sampler = new HeapSampler();
    sampler.start();
    long t0 = System.nanoTime();
    PopulationRun.Outcome outcome = run.build().run(files, out);
    double s = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    System.out.printf(
        Locale.ROOT,
        "population: %d patients (%d assessed) in %.1f s: %.0f patients/s, %.0f resources/s;"
            + " heap in use at most %d MB (sampled every 20 ms), live after GC at most %d MB,"
            + " peak RSS %d MB%n",
        outcome.summary().patients(),
        outcome.summary().assessed(),
        s,
        outcome.summary().patients() / s,
        lines / s,
        sampler.peakUsed / (1024 * 1024),
        liveAfterGcMb(),
        peakRssMb());
  }

  /**
   * Parses every line with HAPI on {@code threads} threads: the main thread reads the files and
   * hands out chunks of 1,000 lines, so that every thread is busy whatever the files' sizes (one
   * file, Observation, holds most lines).
   */
  private static long parseAll(CrampCareFhir fhir, List<Path> files, int threads) throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    AtomicLong count = new AtomicLong();
    ThreadLocal<IParser> parsers = ThreadLocal.withInitial(() -> fhir.context().newJsonParser());
    java.util.concurrent.Semaphore inFlight = new java.util.concurrent.Semaphore(threads * 4);
    List<Future<?>> futures = new java.util.ArrayList<>();
    try {
      for (Path f : files) {
        try (BufferedReader in = Files.newBufferedReader(f)) {
          List<String> chunk = new java.util.ArrayList<>(1000);
          String line;
          while (true) {
            line = in.readLine();
            if (line != null && line.startsWith("{")) {
              chunk.add(line);
            }
            if (chunk.size() == 1000 || (line == null && !chunk.isEmpty())) {
              List<String> work = chunk;
              chunk = new java.util.ArrayList<>(1000);
              inFlight.acquire();
              futures.add(
                  pool.submit(
                      () -> {
                        try {
                          IParser parser = parsers.get();
                          for (String l : work) {
                            parser.parseResource(l);
                            count.incrementAndGet();
                          }
                        } finally {
                          inFlight.release();
                        }
                        return null;
                      }));
            }
            if (line == null) {
              break;
            }
          }
        }
      }
      for (Future<?> future : futures) {
        future.get();
      }
    } finally {
      pool.shutdown();
    }
    return count.get();
  }

  /** The old generation's largest occupancy right after a collection: the live data. */
  private static long liveAfterGcMb() {
    long max = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP
          && pool.getName().contains("Old")
          && pool.getCollectionUsage() != null) {
        max = Math.max(max, pool.getCollectionUsage().getUsed());
      }
    }
    return max / (1024 * 1024);
  }

  /** Samples the heap in use, so that the peak is a real moment, not a sum of pool peaks. */
  private static final class HeapSampler extends Thread {
    volatile long peakUsed;

    HeapSampler() {
      super("heap-sampler");
      setDaemon(true);
    }

    @Override
    public void run() {
      while (!isInterrupted()) {
        peakUsed =
            Math.max(peakUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          return;
        }
      }
    }
  }

  private static long peakRssMb() throws IOException {
    for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
      if (line.startsWith("VmHWM:")) {
        return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
      }
    }
    return -1;
  }
}
