package org.crampcare.examples.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A small HTTP server on a free loopback port for failure tests: answers every request with an
 * error, answers too slowly, or forwards reads to a real FHIR server and fails writes.
 */
final class StubHttpServer implements AutoCloseable {
  /** An OperationOutcome body such as a FHIR server sends with an error. */
  static final String OUTCOME =
      "{\"resourceType\":\"OperationOutcome\",\"issue\":[{\"severity\":\"error\","
          + "\"code\":\"exception\",\"diagnostics\":\"database unavailable\"}]}";

  private final HttpServer server;
  private final ExecutorService executor = Executors.newCachedThreadPool();

  private StubHttpServer(HttpHandler handler) {
    try {
      server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", handler);
    server.setExecutor(executor);
    server.start();
  }

  /** Answers every request with the given status and {@link #OUTCOME}. */
  static StubHttpServer failing(int status) {
    return new StubHttpServer(exchange -> respond(exchange, status, OUTCOME));
  }

  /** Answers every request after a delay. */
  static StubHttpServer slow(long millis) {
    return new StubHttpServer(
        exchange -> {
          try {
            Thread.sleep(millis);
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          respond(exchange, 200, OUTCOME);
        });
  }

  /** Forwards GETs to a real server; answers every other request with HTTP 500. */
  static StubHttpServer readOnlyProxy(String targetBase) {
    HttpClient client = HttpClient.newHttpClient();
    return new StubHttpServer(
        exchange -> {
          if (!exchange.getRequestMethod().equals("GET")) {
            exchange.getRequestBody().readAllBytes();
            respond(exchange, 500, OUTCOME);
            return;
          }
          String path = exchange.getRequestURI().getRawPath().replaceFirst("^/fhir", "");
          String query = exchange.getRequestURI().getRawQuery();
          URI target = URI.create(targetBase + path + (query == null ? "" : "?" + query));
          try {
            HttpResponse<String> response =
                client.send(
                    HttpRequest.newBuilder(target)
                        .header("Accept", "application/fhir+json")
                        .build(),
                    HttpResponse.BodyHandlers.ofString());
            respond(exchange, response.statusCode(), response.body());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            respond(exchange, 502, OUTCOME);
          }
        });
  }

  private static void respond(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "application/fhir+json;charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  /** Returns the base URL, ending in {@code /fhir}. */
  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/fhir";
  }

  @Override
  public void close() {
    server.stop(0);
    executor.shutdownNow();
  }
}
