package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.crampcare.examples.SamplePatient;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.crampcare.server.CdsHooksServer;
import org.crampcare.server.ServerStartException;
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
    description = {
      "Starts the CrampCare CDS Hooks 2.0 service (patient-view) and prints its URLs; runs until"
          + " interrupted (Ctrl-C).",
      "With --with-fhir-server, also starts an in-process FHIR R4 server on the same port, loaded"
          + " with the sample patients, so the whole EHR loop runs on one machine."
    })
final class ServeCommand implements Callable<Integer> {
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
      description =
          "The interface to bind (default: ${DEFAULT-VALUE}, this machine only). The service does"
              + " not check the CDS client's JWT: keep it behind a gateway that does.")
  private String host = "127.0.0.1";

  @Option(
      names = "--with-fhir-server",
      description = "Also serve a FHIR R4 server at /fhir, loaded with the sample patients.")
  private boolean withFhirServer;

  @Option(
      names = "--as-of",
      paramLabel = "DATE",
      converter = AsOfConverter.class,
      description =
          "Assess every call as of this date (the end of that day, UTC) instead of now; the"
              + " samples are dated for 2026-11-21.")
  private @Nullable Instant asOf;

  @Mixin private RuleBookOption ruleBookOption = new RuleBookOption();

  @Override
  public Integer call() throws InterruptedException {
    if (port < 0 || port > 65_535) {
      throw new ParameterException(
          spec.commandLine(), "--port must be within 0..65535, got " + port);
    }
    FhirContext fhirContext = cli.fhirContext();
    PrintWriter out = cli.out();
    CdsHooksServer.Builder builder =
        CdsHooksServer.builder(fhirContext)
            .host(host)
            .port(port)
            .ruleBook(ruleBookOption.ruleBook(cli.in()));
    if (asOf != null) {
      builder.clock(Clock.fixed(asOf, ZoneOffset.UTC));
    }
    InProcessFhirServer.@Nullable Mountable mountable = null;
    if (withFhirServer) {
      mountable = InProcessFhirServer.builder(fhirContext).mountable();
      builder.mount(InProcessFhirServer.PATH, mountable.servlet());
    }
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
        out.println("Try:");
        out.println(
            "  curl -s -X POST "
                + server.servicesUrl()
                + "/crampcare-patient-view -H 'Content-Type: application/json' -d"
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
    } finally {
      stopped.countDown();
      try {
        Runtime.getRuntime().removeShutdownHook(hook);
      } catch (IllegalStateException shuttingDown) {
        // The JVM is already running its shutdown hooks: the hook above stopped us.
      }
    }
    out.println("Stopped.");
    return CrampCareCli.EXIT_OK;
  }
}
