package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The diary page over real HTTP without a browser (so it runs on any machine): the form, the
 * server-side checks, the report for a good entry, and the limits. {@link DiaryBrowserTest} checks
 * what a person sees in Chromium.
 */
class DiaryServletTest {
  private static final FhirContext CTX = FhirContext.forR4Cached();
  private static CdsHooksServer server;
  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @BeforeAll
  static void start() {
    server =
        CdsHooksServer.builder(CTX)
            .port(0)
            .trust(LocalDemoIssuer.create().trust())
            .mount(
                "/diary",
                DiaryServlet.builder(CTX)
                    .clock(Clock.fixed(Instant.parse("2026-11-21T10:00:00Z"), ZoneOffset.UTC))
                    .build())
            .start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> post(String contentType, String body)
      throws IOException, InterruptedException {
    return HTTP.send(
        HttpRequest.newBuilder(URI.create(server.baseUrl() + "/diary"))
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void theFormAsksForTheOnsetAndWorksWithoutScript() throws IOException, InterruptedException {
    HttpResponse<String> response =
        HTTP.send(
            HttpRequest.newBuilder(URI.create(server.baseUrl() + "/diary")).build(),
            HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Security-Policy")).isPresent();
    Document page = Jsoup.parse(response.body());
    assertThat(page.select("form[method=post] input#onset-date[required]")).hasSize(1);
    assertThat(page.select("label[for=severity]").text()).startsWith("How bad");
    assertThat(page.select("#signs .warning").text()).contains("get medical care today");
  }

  @Test
  void badFieldsAre422WithAMessageNextToEachAndTheEntryKept()
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        post(
            "application/x-www-form-urlencoded",
            "birth-year=1890&onset-date=2026-12-24&severity=eleven&site=knee&signs=swelling");

    assertThat(response.statusCode()).isEqualTo(422);
    Document page = Jsoup.parse(response.body());
    assertThat(page.select("p.error").eachAttr("id"))
        .containsExactly("birth-year-error", "onset-date-error", "site-error", "severity-error");
    assertThat(page.select("#severity").attr("aria-describedby")).isEqualTo("severity-error");
    assertThat(page.select("#onset-date").attr("value")).isEqualTo("2026-12-24");
    assertThat(page.select("#signs-swelling").hasAttr("checked")).isTrue();
  }

  @Test
  void aGoodEntryGetsThePatientReport_andNothingIsKeptWithoutAFhirServer()
      throws IOException, InterruptedException {
    HttpResponse<String> response =
        post(
            "application/x-www-form-urlencoded",
            "birth-year=1958&onset-date=2026-11-20&onset-time=03%3A10&offset=%2B01%3A00"
                + "&site=calf&side=left&severity=8&signs=swelling&setting=during-sleep");

    assertThat(response.statusCode()).isEqualTo(200);
    Document page = Jsoup.parse(response.body());
    assertThat(page.selectFirst("main > p.diary-status").text()).startsWith("Not saved");
    assertThat(page.selectFirst("main > section").id()).isEqualTo("red-flags");
    assertThat(page.select("#advice li.advice-item").first().attr("data-code"))
        .isEqualTo("urgent-medical-review");
  }

  @Test
  void aSeventeenYearOldIsNotTreatedAsAnAdult() throws IOException, InterruptedException {
    // Born in 2008: 17 or 18 on 2026-11-21 depending on the day. The year's last day is taken as
    // the birthday, so the age is 17 and no adult plan is made.
    HttpResponse<String> response =
        post("application/x-www-form-urlencoded", "birth-year=2008&onset-date=2026-11-20");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(Jsoup.parse(response.body()).select("p.notice").eachAttr("data-code"))
        .containsExactly("adults-only");
  }

  @Test
  void onlyFormsWithinTheSizeLimitAreRead() throws IOException, InterruptedException {
    assertThat(post("application/json", "{}").statusCode()).isEqualTo(415);
    assertThat(
            post(
                    "application/x-www-form-urlencoded",
                    "birth-year=1958&onset-date=2026-11-20&x="
                        + "a".repeat(DiaryServlet.MAX_BODY_BYTES))
                .statusCode())
        .isEqualTo(413);
  }
}
