package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;
import java.lang.management.ThreadMXBean;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.crampcare.fhir.FhirExporter;
import org.crampcare.fhir.FhirImporter;
import org.crampcare.fhir.ImportResult;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;

/**
 * A bounded, closed-loop load generator for the CDS Hooks service on loopback; run from the command
 * line (see {@code docs/benchmarks.md}), never as a unit test.
 *
 * <p>It starts a {@link CdsHooksServer} in this JVM (loopback only), builds one realistic {@code
 * patient-view} call with full prefetch (the thiazide patient of the test fixtures, its prefetch
 * produced by running the service's templates against an {@link InProcessFhirServer}), warms up,
 * then for each caller count runs that many threads, each sending the call and waiting for the
 * answer before sending the next, for a fixed time or request budget. It prints throughput, latency
 * percentiles and the process CPU time per request (server and generator together) as a markdown
 * table.
 *
 * <p>Options: {@code --callers 1,8,32} {@code --seconds 20} {@code --warmup-seconds 15} {@code
 * --max-requests 100000} (per caller count) {@code --max-concurrent 2} (the service's limit of
 * concurrent assessments; 0 for none). Requests go only to 127.0.0.1. {@code --stages N} instead
 * runs the pipeline N times in one thread without HTTP and prints the CPU time of each stage.
 */
public final class CdsHooksLoad {
  private static volatile @org.jspecify.annotations.Nullable TestEhr EHR;

  private CdsHooksLoad() {}

  /** Runs the load; see the class comment for the options. */
  public static void main(String[] args) throws Exception {
    int[] callers = {1, 8, 32};
    int seconds = 20;
    int warmupSeconds = 15;
    int maxRequests = 100_000;
    int stages = 0;
    int permits = Runtime.getRuntime().availableProcessors();
    boolean rs384 = true;
    for (int i = 0; i < args.length; i += 2) {
      String value = i + 1 < args.length ? args[i + 1] : "";
      switch (args[i]) {
        case "--callers":
          callers = Arrays.stream(value.split(",")).mapToInt(Integer::parseInt).toArray();
          break;
        case "--seconds":
          seconds = Integer.parseInt(value);
          break;
        case "--warmup-seconds":
          warmupSeconds = Integer.parseInt(value);
          break;
        case "--max-requests":
          maxRequests = Integer.parseInt(value);
          break;
        case "--stages":
          stages = Integer.parseInt(value);
          break;
        case "--max-concurrent":
          permits = Integer.parseInt(value);
          break;
        case "--alg":
          if (!value.equals("RS384") && !value.equals("ES384")) {
            throw new IllegalArgumentException("--alg must be RS384 or ES384");
          }
          rs384 = value.equals("RS384");
          break;
        default:
          throw new IllegalArgumentException(
              "unknown option "
                  + args[i]
                  + "; expected --callers, --seconds, --warmup-seconds, --max-requests,"
                  + " --max-concurrent, --alg or --stages");
      }
    }
    if (seconds < 1 || seconds > 120 || warmupSeconds < 0 || warmupSeconds > 120) {
      throw new IllegalArgumentException("--seconds must be 1..120 and --warmup-seconds 0..120");
    }
    if (maxRequests < 1 || maxRequests > 1_000_000) {
      throw new IllegalArgumentException("--max-requests must be 1..1000000");
    }

    FhirContext ctx = FhirContext.forR4Cached();
    byte[] body = requestBody(ctx);
    OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
    System.out.printf(
        Locale.ROOT,
        "machine: %d cores (%s), %s %s, max heap %d MB, load average at start %.1f%n",
        Runtime.getRuntime().availableProcessors(),
        System.getProperty("os.arch"),
        System.getProperty("java.vm.name"),
        System.getProperty("java.version"),
        Runtime.getRuntime().maxMemory() / (1024 * 1024),
        os.getSystemLoadAverage());
    System.out.printf(
        Locale.ROOT,
        "request: %d bytes (patient-view with full prefetch); max concurrent assessments %s%n",
        body.length,
        permits == 0 ? "unlimited" : Integer.toString(permits));
    if (stages > 0) {
      stages(ctx, body, Math.min(stages, 100_000));
      return;
    }

    System.out.printf(
        Locale.ROOT,
        "client tokens: %s, one per call, signed before each step (not in the measured CPU)%n",
        rs384 ? "RS384 (RSA 2048)" : "ES384 (P-384)");
    try (TestEhr ehr = TestEhr.start(rs384);
        CdsHooksServer server =
            CdsHooksServer.builder(ctx)
                .host("127.0.0.1")
                .maxConcurrentAssessments(permits)
                .trust(ehr.trust())
                .start()) {
      EHR = ehr;
      URI uri = URI.create(server.servicesUrl() + "/crampcare-patient-view");
      HttpClient client =
          HttpClient.newBuilder()
              .version(HttpClient.Version.HTTP_1_1)
              .connectTimeout(Duration.ofSeconds(5))
              .build();
      if (warmupSeconds > 0) {
        Result warm = run(client, uri, body, 8, warmupSeconds, maxRequests);
        System.out.printf(
            Locale.ROOT, "warm-up: %d requests in %d s at 8 callers%n", warm.count, warmupSeconds);
      }
      System.out.println();
      System.out.println(
          "| callers | requests | errors | throughput (req/s) | p50 (ms) | p90 (ms) | p99 (ms) |"
              + " max (ms) | CPU per request (ms) | load avg |");
      System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (int n : callers) {
        presign(ehr, uri.toString(), Math.min(maxRequests, seconds * 2_000));
        long cpu0 = processCpuNanos(os);
        Result r = run(client, uri, body, n, seconds, maxRequests);
        long cpu = processCpuNanos(os) - cpu0;
        System.out.printf(
            Locale.ROOT,
            "| %d | %d | %d | %.0f | %.1f | %.1f | %.1f | %.1f | %.2f | %.1f |%n",
            n,
            r.count,
            r.errors,
            r.count / r.elapsedSeconds,
            r.percentile(50),
            r.percentile(90),
            r.percentile(99),
            r.percentile(100),
            r.count == 0 ? Double.NaN : cpu / 1e6 / (r.count + r.errors),
            os.getSystemLoadAverage());
      }
    }
  }

  /**
   * Runs the service's pipeline in this thread, without HTTP, and prints the thread CPU time of
   * each stage averaged over the second half of the iterations (the first half warms up).
   */
  private static void stages(FhirContext ctx, byte[] body, int iterations) {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    PatientRecord record = new PatientRecord(ctx, uri -> true);
    Assessor assessor = Assessor.withBuiltInRules();
    FhirImporter importer = new FhirImporter(ctx);
    FhirExporter exporter = new FhirExporter(ctx, assessor.ruleBook());
    Cards cards = new Cards(assessor.ruleBook());
    String[] names = {
      "parse the request (Jackson)",
      "parse the prefetch (HAPI)",
      "import (FhirImporter)",
      "assess (Assessor)",
      "export (FhirExporter)",
      "self-contained CarePlan",
      "encode CarePlan (HAPI)",
      "cards + response JSON (Jackson)"
    };
    long[] total = new long[names.length];
    long[] allocated = new long[names.length];
    int measured = 0;
    String lastProposal = "";
    com.sun.management.ThreadMXBean allocation =
        threads instanceof com.sun.management.ThreadMXBean
            ? (com.sun.management.ThreadMXBean) threads
            : null;
    long self = Thread.currentThread().getId();
    for (int i = 0; i < iterations; i++) {
      long[] t = new long[names.length + 1];
      long[] a = new long[names.length + 1];
      t[0] = threads.getCurrentThreadCpuTime();
      a[0] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      CdsRequest request = CdsRequest.parse(body, PatientViewService.HOOK);
      t[1] = threads.getCurrentThreadCpuTime();
      a[1] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      List<org.hl7.fhir.r4.model.Resource> resources = record.gather(request);
      t[2] = threads.getCurrentThreadCpuTime();
      a[2] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      java.time.Instant asOf = java.time.Instant.now();
      ImportResult imported = importer.importResources(resources, asOf);
      t[3] = threads.getCurrentThreadCpuTime();
      a[3] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      Assessment assessment = assessor.assess(imported.patient(), imported.episodes(), asOf);
      t[4] = threads.getCurrentThreadCpuTime();
      a[4] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      org.hl7.fhir.r4.model.Bundle tx =
          exporter.toTransaction(assessment, imported.patient(), imported.episodes());
      t[5] = threads.getCurrentThreadCpuTime();
      a[5] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      org.hl7.fhir.r4.model.CarePlan plan = CarePlanProposal.from(tx);
      t[6] = threads.getCurrentThreadCpuTime();
      a[6] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      String json = PatientViewService.encode(plan);
      lastProposal = json;
      t[7] = threads.getCurrentThreadCpuTime();
      a[7] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      try {
        CdsJson.MAPPER.writeValueAsBytes(
            new CdsJson.Response(
                cards.cards(
                    assessment,
                    request.patientId(),
                    Optional.of(json),
                    plan.getActivity().size())));
      } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
        throw new IllegalStateException(e);
      }
      t[8] = threads.getCurrentThreadCpuTime();
      a[8] = allocation == null ? 0 : allocation.getThreadAllocatedBytes(self);
      if (i >= iterations / 2) {
        measured++;
        for (int k = 0; k < names.length; k++) {
          total[k] += t[k + 1] - t[k];
          allocated[k] += a[k + 1] - a[k];
        }
      }
    }
    long sum = Arrays.stream(total).sum();
    System.out.printf(
        Locale.ROOT,
        "%nproposed CarePlan: %d characters of JSON, %d contained resources%n",
        lastProposal.length(),
        lastProposal.split("\"resourceType\"", -1).length - 2);
    if (System.getProperty("crampcare.dumpProposal") != null) {
      System.out.println(lastProposal);
    }
    System.out.printf(Locale.ROOT, "%nstages, thread CPU per call over %d calls:%n%n", measured);
    System.out.println("| stage | CPU (ms) | share | allocated (KB) |");
    System.out.println("|---|---:|---:|---:|");
    for (int k = 0; k < names.length; k++) {
      System.out.printf(
          Locale.ROOT,
          "| %s | %.3f | %.0f%% | %.0f |%n",
          names[k],
          total[k] / 1e6 / measured,
          100.0 * total[k] / sum,
          allocated[k] / 1024.0 / measured);
    }
    System.out.printf(
        Locale.ROOT,
        "| total | %.3f | 100%% | %.0f |%n",
        sum / 1e6 / measured,
        Arrays.stream(allocated).sum() / 1024.0 / measured);
  }

  /**
   * Returns the CPU time this process used (server and load generator together), which unlike
   * latency does not grow when other processes compete for the cores.
   */
  private static long processCpuNanos(OperatingSystemMXBean os) {
    if (os instanceof com.sun.management.OperatingSystemMXBean) {
      return ((com.sun.management.OperatingSystemMXBean) os).getProcessCpuTime();
    }
    return 0;
  }

  /** The measured latencies of one run. */
  private static final class Result {
    final long[] nanos;
    final int count;
    final int errors;
    final double elapsedSeconds;

    Result(long[] nanos, int count, int errors, double elapsedSeconds) {
      this.nanos = Arrays.copyOf(nanos, count);
      Arrays.sort(this.nanos);
      this.count = count;
      this.errors = errors;
      this.elapsedSeconds = elapsedSeconds;
    }

    double percentile(double p) {
      if (count == 0) {
        return Double.NaN;
      }
      int index = (int) Math.ceil(p / 100.0 * count) - 1;
      return nanos[Math.max(0, Math.min(count - 1, index))] / 1e6;
    }
  }

  // Tokens signed ahead of a step, so that the step measures the service, not the EHR's signing.
  private static final java.util.concurrent.ConcurrentLinkedQueue<String> TOKENS =
      new java.util.concurrent.ConcurrentLinkedQueue<>();

  private static void presign(TestEhr ehr, String endpoint, int count) {
    TOKENS.clear();
    java.util.stream.IntStream.range(0, count)
        .parallel()
        .forEach(i -> TOKENS.add(ehr.token(endpoint)));
  }

  private static String token(TestEhr ehr, String endpoint) {
    String t = TOKENS.poll();
    return t != null ? t : ehr.token(endpoint);
  }

  private static Result run(
      HttpClient client, URI uri, byte[] body, int callers, int seconds, int maxRequests)
      throws InterruptedException {
    // Each call carries its own signed token (a jti is accepted once), made by the caller as an
    // EHR would; the signing is client-side work in this same process.
    TestEhr ehr = java.util.Objects.requireNonNull(EHR);
    long[] latencies = new long[maxRequests];
    AtomicInteger next = new AtomicInteger();
    AtomicInteger errors = new AtomicInteger();
    AtomicBoolean stop = new AtomicBoolean();
    CountDownLatch done = new CountDownLatch(callers);
    long start = System.nanoTime();
    long deadline = start + Duration.ofSeconds(seconds).toNanos();
    List<Thread> threads = new ArrayList<>();
    for (int i = 0; i < callers; i++) {
      Thread t =
          new Thread(
              () -> {
                try {
                  while (!stop.get() && System.nanoTime() < deadline) {
                    HttpRequest request =
                        HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", "Bearer " + token(ehr, uri.toString()))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    long t0 = System.nanoTime();
                    HttpResponse<byte[]> response;
                    try {
                      response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    } catch (IOException e) {
                      errors.incrementAndGet();
                      continue;
                    }
                    long elapsed = System.nanoTime() - t0;
                    if (response.statusCode() != 200) {
                      errors.incrementAndGet();
                      continue;
                    }
                    int slot = next.getAndIncrement();
                    if (slot >= latencies.length) {
                      stop.set(true);
                      break;
                    }
                    latencies[slot] = elapsed;
                  }
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                } finally {
                  done.countDown();
                }
              },
              "cds-load-" + i);
      threads.add(t);
      t.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    return new Result(latencies, Math.min(next.get(), latencies.length), errors.get(), elapsed);
  }

  /** Builds the call an EHR would send: the prefetch templates run against its FHIR server. */
  private static byte[] requestBody(FhirContext ctx) {
    try (InProcessFhirServer fhir = InProcessFhirServer.start(ctx)) {
      fhir.load(CdsCalls.bundle(ctx, "fhir/patient-thiazide-night-cramps.json"));
      ObjectNode call =
          CdsCalls.withPrefetch(
              ctx, CdsCalls.call("cc-thiazide"), fhir, Optional.empty(), "cc-thiazide");
      return call.toString().getBytes(StandardCharsets.UTF_8);
    }
  }
}
