package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.crampcare.examples.SamplePatient;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.server.AllowedFhirServer;
import org.crampcare.server.CdsConfig;
import org.crampcare.server.CdsHooksServer;
import org.crampcare.server.DiaryServlet;
import org.crampcare.server.LocalDemoIssuer;
import org.crampcare.server.ServerStartException;
import org.crampcare.server.TrustedIssuer;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code crampcare serve}: the CDS Hooks service, optionally with a FHIR server of samples. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    versionProvider = Version.class,
    description = {
      "Starts the CrampCare CDS Hooks 2.0 service (patient-view) and prints its URLs; runs until"
          + " interrupted (Ctrl-C).",
      "With --with-fhir-server, also starts an in-process FHIR R4 server on the same port, loaded"
          + " with the sample patients, so the whole EHR loop runs on one machine."
    })
final class ServeCommand implements Callable<Integer> {
  static final String DIARY_PATH = "/diary";

  @ParentCommand private CrampCareCli cli;

  @Spec private CommandSpec spec;

  @Option(
      names = "--port",
      paramLabel = "N",
      defaultValue = "8080",
      description = "The port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
  private int port = 8080;

  @Option(
      names = "--host",
      paramLabel = "HOST",
      defaultValue = "127.0.0.1",
      description = "The interface to bind (default: ${DEFAULT-VALUE}, this machine only).")
  private String host = "127.0.0.1";

  @Option(
      names = "--with-fhir-server",
      description =
          "Also serve a FHIR R4 server at /fhir, loaded with the sample patients, and trust a"
              + " local demo key whose tokens GET /demo-token hands out (loopback only).")
  private boolean withFhirServer;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "The service's configuration (crampcare/cds-config/1: issuers, audience, FHIR servers,"
              + " origins, limits, rule book; see docs/cds-hooks.md). Options given as well add to"
              + " it.")
  private @Nullable Path config;

  @Option(
      names = "--trust",
      paramLabel = "ISSUER=JWKS",
      description =
          "Trust a CDS client (an EHR): its iss and its JWK Set, an https URL or a local file."
              + " Repeatable; at least one is needed unless --with-fhir-server.")
  private List<String> trust = new ArrayList<>();

  @Option(
      names = "--allow-fhir-server",
      paramLabel = "URL",
      converter = Converters.FhirBaseUrl.class,
      description =
          "A FHIR server base URL the service may fetch from when a call names it (scheme, host,"
              + " port and path prefix must match). Repeatable; default none.")
  private List<String> allowFhirServers = new ArrayList<>();

  @Option(
      names = "--allow-origin",
      paramLabel = "ORIGIN",
      description =
          "A browser origin allowed to call the service (CORS). Repeatable; default none.")
  private List<String> allowOrigins = new ArrayList<>();

  @Option(
      names = "--audience",
      paramLabel = "URL",
      description =
          "The public base URL EHRs call the service at; tokens' aud must be it plus the"
              + " endpoint's path (default: this server's own URL).")
  private @Nullable URI audience;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = AsOfConverter.class,
      description =
          "Assess every call as of this date (the end of that day, UTC) instead of now; the"
              + " samples are dated for 2026-11-21.")
  private @Nullable Instant asOf;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  private static TrustedIssuer trusted(String spec) {
    int eq = spec.indexOf('=');
    if (eq <= 0 || eq == spec.length() - 1) {
      throw new IllegalArgumentException(
          "--trust '" + spec + "' must be ISSUER=JWKS (a JWK Set https URL or a file)");
    }
    String issuer = spec.substring(0, eq);
    String jwks = spec.substring(eq + 1);
    if (jwks.startsWith("https://") || jwks.startsWith("http://")) {
      return TrustedIssuer.withJwksUrl(issuer, URI.create(jwks));
    }
    Path file = Path.of(jwks);
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException(
          "--trust " + issuer + ": JWK Set file " + jwks + " cannot be read");
    }
    return TrustedIssuer.withJwksFile(issuer, file);
  }

  private static boolean isLoopback(String host) {
    return host.equals("127.0.0.1") || host.equals("localhost") || host.equals("::1");
  }

  private static String urlHost(String host) {
    return host.contains(":") ? "[" + host + "]" : host;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UserInputException("cannot find a free port: " + e.getMessage(), e);
    }
  }

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be within 0..65535, got " + port);
    }
    @Nullable CdsConfig configured = null;
    if (config != null) {
      try {
        configured = CdsConfig.read(config);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage(), e);
      }
    }
    if (trust.isEmpty() && !withFhirServer && configured == null) {
      throw new ParameterException(
          spec.commandLine(),
          "serve trusts no CDS client: give --trust ISSUER=JWKS (the EHR's iss and its JWK Set URL"
              + " or file), or --with-fhir-server for a local demo");
    }
    if (withFhirServer && !isLoopback(host)) {
      throw new ParameterException(
          spec.commandLine(),
          "--with-fhir-server hands out demo tokens: it runs on a loopback --host only, got "
              + host);
    }
    FhirContext fhirContext = cli.fhirContext();
    PrintWriter out = cli.out();
    int listenPort = withFhirServer && port == 0 ? freePort() : port;
    RuleBook ruleBook =
        configured != null && configured.ruleBook().isPresent() && !ruleBookOption.given()
            ? RuleBookOption.load(configured.ruleBook().get().toString(), cli.in())
            : ruleBookOption.ruleBook(cli.in());
    CdsHooksServer.Builder builder =
        CdsHooksServer.builder(fhirContext).host(host).port(listenPort).ruleBook(ruleBook);
    DiaryServlet.Builder diary = DiaryServlet.builder(fhirContext).ruleBook(ruleBook);
    if (configured != null) {
      configured.applyTo(builder);
    }
    try {
      for (String t : trust) {
        builder.trust(trusted(t));
      }
      for (String url : allowFhirServers) {
        builder.allowFhirServer(AllowedFhirServer.of(url));
      }
      for (String origin : allowOrigins) {
        builder.allowOrigin(origin);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage(), e);
    }
    if (audience != null) {
      builder.audienceBaseUrl(audience);
    }
    @Nullable LocalDemoIssuer demo = null;
    if (asOf != null) {
      builder.clock(Clock.fixed(asOf, ZoneOffset.UTC));
      diary.clock(Clock.fixed(asOf, ZoneOffset.UTC));
    }
    InProcessFhirServer.@Nullable Mountable mountable = null;
    if (withFhirServer) {
      mountable = InProcessFhirServer.builder(fhirContext).mountable();
      builder.mount(InProcessFhirServer.PATH, mountable.servlet());
      demo = LocalDemoIssuer.create();
      builder.trust(demo.trust());
      builder.allowFhirServer(
          AllowedFhirServer.of(
              "http://" + urlHost(host) + ":" + listenPort + InProcessFhirServer.PATH));
      builder.mount("/demo-token", demo.tokenServlet());
      diary.fhirServer("http://" + urlHost(host) + ":" + listenPort + InProcessFhirServer.PATH);
    }
    builder.mount(DIARY_PATH, diary.build());
    CdsHooksServer server;
    try {
      server = builder.start();
    } catch (ServerStartException e) {
      throw new UserInputException(
          "cannot listen on " + host + ":" + port + ": " + e.getMessage(), e);
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Thread hook =
        new Thread(
            () -> {
              cli.stop();
              try {
                stopped.await(10, TimeUnit.SECONDS);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "crampcare-serve-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try (server) {
      out.println("CrampCare CDS Hooks service");
      out.println("  Discovery:    GET  " + server.servicesUrl());
      out.println("  Patient view: POST " + server.servicesUrl() + "/crampcare-patient-view");
      out.println(
          "  Feedback:     POST " + server.servicesUrl() + "/crampcare-patient-view/feedback");
      out.println("  Diary page:   GET  " + server.baseUrl() + DIARY_PATH);
      out.println(
          "  Assessing as of: " + (asOf == null ? "now (the system clock)" : asOf.toString()));
      if (mountable != null) {
        InProcessFhirServer fhir = mountable.mountedAt(server.baseUrl() + InProcessFhirServer.PATH);
        for (SamplePatient sample : SamplePatient.values()) {
          fhir.load(sample.bundle(fhirContext));
        }
        out.println("FHIR R4 server: " + fhir.baseUrl() + " with the sample patients:");
        for (SamplePatient sample : SamplePatient.values()) {
          out.println("  Patient/" + sample.patientId() + "  " + sample.description());
        }
        String endpoint = server.servicesUrl() + "/crampcare-patient-view";
        out.println(
            "WARNING: this demo trusts only its own local key ("
                + LocalDemoIssuer.ISSUER
                + "), and anyone who can reach "
                + server.baseUrl()
                + "/demo-token gets a token. Never expose it.");
        out.println("A demo token for one call (valid 5 minutes, each token once):");
        out.println("  " + Objects.requireNonNull(demo).token(endpoint));
        out.println("Try (a fresh token per call):");
        out.println(
            "  curl -s -X POST "
                + endpoint
                + " -H \"Authorization: Bearer $(curl -s '"
                + server.baseUrl()
                + "/demo-token?aud="
                + endpoint
                + "')\" -H 'Content-Type: application/json' -d"
                + " '{\"hook\":\"patient-view\",\"hookInstance\":\"d1577c69-dfbe-44ad-ba6d-3e05e953b2ea\","
                + "\"fhirServer\":\""
                + fhir.baseUrl()
                + "\",\"context\":{\"userId\":\"Practitioner/example\",\"patientId\":\""
                + SamplePatient.STATIN_RED_FLAG.patientId()
                + "\"}}'");
        out.println(
            "  crampcare sync --fhir-server "
                + fhir.baseUrl()
                + " --patient "
                + SamplePatient.NIGHT_CRAMPS_THIAZIDE_LOW_POTASSIUM.patientId()
                + " --as-of 2026-11-21");
        if (asOf == null) {
          out.println(
              "The samples are dated for 2026-11-21: start with --as-of 2026-11-21 to see their"
                  + " advice.");
        }
      }
      out.println("Press Ctrl-C to stop.");
      out.flush();
      cli.awaitStop();
      // Closing the server (end of this block) refuses new calls with 503 and lets calls in
      // flight finish.
    } finally {
      try {
        out.println("Stopped.");
        out.flush();
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already running its shutdown hooks: the hook above stopped us.
      } finally {
        stopped.countDown();
      }
    }
    return CrampCareCli.EXIT_OK;
  }
}
