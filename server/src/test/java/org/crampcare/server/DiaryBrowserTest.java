package org.crampcare.server;

import static org.assertj.core.api.Assertions.assertThat;

import ca.uhn.fhir.context.FhirContext;
import java.io.File;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Collectors;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.Setting;
import org.crampcare.fhir.testserver.InProcessFhirServer;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.LabResult;
import org.crampcare.lab.ReferenceRange;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.PatientContext;
import org.crampcare.patient.Sex;
import org.crampcare.recommendation.Assessment;
import org.crampcare.recommendation.Assessor;
import org.crampcare.recommendation.Recommendation;
import org.crampcare.recommendation.RuleBook;
import org.crampcare.report.Audience;
import org.crampcare.report.HtmlReport;
import org.crampcare.report.ReportLanguage;
import org.hl7.fhir.r4.model.QuestionnaireResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;

/**
 * The report and the diary page in a real browser: Debian's headless Chromium, driven by Selenium
 * through Debian's chromedriver. What a person sees is checked: the red-flag banner, the charts,
 * the advice in order, the error next to a bad field. Screenshots go to {@code
 * target/screenshots/}.
 *
 * <p>Without {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver} the tests are skipped, so
 * that {@code ./mvnw verify} works on a machine with only Java; CI installs both and sets {@code
 * CRAMPCARE_BROWSER_TESTS=required}, which turns their absence into a failure.
 */
class DiaryBrowserTest {
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
  private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
  private static final Path SCREENSHOTS = Path.of("target", "screenshots");
  private static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");
  private static final FhirContext CTX = FhirContext.forR4Cached();

  private static InProcessFhirServer.Mountable fhir;
  private static InProcessFhirServer fhirServer;
  private static CdsHooksServer server;
  private ChromeDriver browser;
  private Path userData;

  @BeforeAll
  static void startServer() throws IOException {
    boolean installed = Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER);
    if (!installed) {
      assertThat("required".equals(System.getenv("CRAMPCARE_BROWSER_TESTS")))
          .as("CRAMPCARE_BROWSER_TESTS=required but chromium or chromedriver is missing")
          .isFalse();
      Assumptions.abort("Chromium and chromedriver are not installed: browser tests skipped");
    }
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    String fhirBase = "http://127.0.0.1:" + port + InProcessFhirServer.PATH;
    fhir = InProcessFhirServer.builder(CTX).mountable();
    server =
        CdsHooksServer.builder(CTX)
            .port(port)
            .trust(LocalDemoIssuer.create().trust())
            .mount(InProcessFhirServer.PATH, fhir.servlet())
            .mount(
                "/diary",
                DiaryServlet.builder(CTX)
                    .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                    .fhirServer(fhirBase)
                    .build())
            .start();
    fhirServer = fhir.mountedAt(fhirBase);
    Files.createDirectories(SCREENSHOTS);
  }

  @AfterAll
  static void stopServer() {
    if (server != null) {
      server.close();
    }
  }

  @BeforeEach
  void startBrowser() throws IOException {
    userData = Files.createTempDirectory("crampcare-chromium");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(CHROMIUM.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1000,1400",
        "--user-data-dir=" + userData);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(CHROMEDRIVER.toFile()).build();
    browser = new ChromeDriver(service, options);
  }

  @AfterEach
  void stopBrowser(TestInfo test) throws IOException {
    if (browser != null) {
      screenshot(test.getTestMethod().orElseThrow().getName() + "-end");
      browser.quit();
    }
    if (userData != null) {
      try (var files = Files.walk(userData)) {
        files.sorted(java.util.Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
      }
    }
  }

  /**
   * Sends the form and waits until the answer has replaced the page: a click only starts the
   * navigation, and looking for an element before the new page is there finds the old one or none.
   */
  private void submit() {
    WebElement button = browser.findElement(By.cssSelector("button[type=submit]"));
    button.click();
    org.openqa.selenium.support.ui.WebDriverWait wait =
        new org.openqa.selenium.support.ui.WebDriverWait(browser, java.time.Duration.ofSeconds(30));
    wait.until(org.openqa.selenium.support.ui.ExpectedConditions.stalenessOf(button));
    wait.until(
        d ->
            "complete"
                .equals(
                    ((org.openqa.selenium.JavascriptExecutor) d)
                        .executeScript("return document.readyState")));
  }

  @Test
  void aPatientFillsInTheDiaryAndSeesTheRedFlagFirst() throws IOException {
    browser.get(server.baseUrl() + "/diary");
    assertThat(browser.getTitle()).isEqualTo("Cramp diary");

    browser.findElement(By.id("birth-year")).sendKeys("1958");
    setValue("onset-date", "2026-11-20");
    setValue("onset-time", "03:10");
    new Select(browser.findElement(By.id("site"))).selectByVisibleText("Calf");
    new Select(browser.findElement(By.id("side"))).selectByVisibleText("Left");
    browser.findElement(By.id("severity")).sendKeys("8");
    browser.findElement(By.id("setting-during-sleep")).click();
    browser.findElement(By.id("signs-swelling")).click();
    new Select(browser.findElement(By.id("relief-stretching"))).selectByVisibleText("Did not help");
    screenshot("diary-filled");
    submit();

    WebElement banner = browser.findElement(By.id("red-flags"));
    assertThat(banner.isDisplayed()).isTrue();
    assertThat(banner.findElement(By.tagName("h2")).getText()).contains("Get medical care today");
    assertThat(browser.findElement(By.cssSelector("main > section")).getAttribute("id"))
        .as("the red flag is the first thing in the page")
        .isEqualTo("red-flags");
    assertThat(banner.getCssValue("background-color")).isEqualTo("rgba(139, 0, 0, 1)");
    List<String> advice =
        browser.findElements(By.cssSelector("#advice li.advice-item")).stream()
            .map(e -> e.getAttribute("data-code"))
            .collect(Collectors.toList());
    assertThat(advice).first().isEqualTo("urgent-medical-review");
    assertThat(browser.findElements(By.cssSelector("#episodes figure.chart svg")))
        .hasSize(4)
        .allSatisfy(svg -> assertThat(svg.getSize().getHeight()).isPositive());
    assertThat(browser.findElement(By.cssSelector("p.diary-status")).getText())
        .startsWith("Saved to your health record as QuestionnaireResponse/");
    List<QuestionnaireResponse> stored = fhirServer.resources(QuestionnaireResponse.class);
    assertThat(stored).isNotEmpty();
    assertThat(contrastBelowAa()).as("text below WCAG AA contrast").isEmpty();
    screenshot("diary-report");
  }

  @Test
  void aBadFieldGetsItsMessageNextToItAndTheRestIsKept() throws IOException {
    browser.get(server.baseUrl() + "/diary?lang=de");
    setValue("onset-date", "2026-11-19");
    browser.findElement(By.id("severity")).sendKeys("14");
    browser.findElement(By.id("signs-swelling")).click();
    browser.findElement(By.id("impact-disturbed-sleep")).click();
    submit();

    WebElement severity = browser.findElement(By.id("severity"));
    assertThat(severity.getAttribute("aria-invalid")).isEqualTo("true");
    WebElement message = browser.findElement(By.id("severity-error"));
    assertThat(message.isDisplayed()).isTrue();
    assertThat(message.getText()).contains("ganze Zahl von 0 bis 10");
    assertThat(severity.getAttribute("aria-describedby")).isEqualTo("severity-error");
    assertThat(message.getLocation().getY())
        .as("the message is right below its field")
        .isBetween(severity.getLocation().getY(), severity.getLocation().getY() + 80);
    assertThat(browser.findElement(By.id("birth-year-error")).getText())
        .isEqualTo("Bitte geben Sie das an.");
    assertThat(browser.findElement(By.id("onset-date")).getAttribute("value"))
        .isEqualTo("2026-11-19");
    assertThat(browser.findElement(By.id("signs-swelling")).isSelected()).isTrue();
    assertThat(browser.findElement(By.id("impact-disturbed-sleep")).isSelected()).isTrue();
    assertThat(browser.findElements(By.id("red-flags"))).isEmpty();
    assertThat(contrastBelowAa()).as("text below WCAG AA contrast").isEmpty();
    screenshot("diary-error");
  }

  @Test
  void theReportShowsChartsTablesAndAdviceInOrder() throws IOException {
    RuleBook book = ReportLanguage.apply(RuleBook.builtIn(), "en");
    List<CrampEpisode> episodes = chart();
    PatientContext patient = patient();
    Assessment assessment = Assessor.create(book).assess(patient, episodes, NOW);
    String html =
        HtmlReport.builder(assessment, book)
            .episodes(episodes)
            .audience(Audience.PATIENT)
            .softwareVersion("test")
            .build()
            .render();
    Path file = SCREENSHOTS.resolve("report-patient.html").toAbsolutePath();
    Files.writeString(file, html, StandardCharsets.UTF_8);

    browser.get(file.toUri().toString());
    screenshot("report-for-readme");

    assertThat(browser.findElement(By.tagName("h1")).getText())
        .isEqualTo("Your muscle cramp report");
    assertThat(
            browser.findElements(By.cssSelector("#advice li.advice-item")).stream()
                .map(e -> e.getAttribute("data-code"))
                .collect(Collectors.toList()))
        .isEqualTo(
            assessment.recommendations().stream()
                .map(Recommendation::code)
                .collect(Collectors.toList()));
    WebElement withheld = browser.findElement(By.cssSelector("#withheld li[data-code=hydration]"));
    assertThat(withheld.getText()).contains("We did not suggest").contains("Instead:");
    WebElement weekly = browser.findElement(By.id("chart-weekly"));
    assertThat(weekly.findElement(By.tagName("svg")).getSize().getWidth()).isGreaterThan(300);
    WebElement table = weekly.findElement(By.tagName("table"));
    assertThat(table.isDisplayed()).as("the table waits behind its summary").isFalse();
    weekly.findElement(By.tagName("summary")).click();
    assertThat(table.isDisplayed()).isTrue();
    assertThat(contrastBelowAa()).as("text below WCAG AA contrast").isEmpty();
    screenshot("report-patient-table");
    // The check itself finds grey on white (2.8:1).
    browser.executeScript(
        "var p=document.createElement('p');p.style.color='#999';p.textContent='faint';"
            + "document.querySelector('main').appendChild(p);");
    assertThat(contrastBelowAa()).singleElement().asString().startsWith("P 2.85: faint");
  }

  @Test
  void theReportPrintsOnA4AndLetter() throws IOException {
    RuleBook book = ReportLanguage.apply(RuleBook.builtIn(), "en");
    Assessment assessment = Assessor.create(book).assess(patient(), chart(), NOW);
    String html =
        HtmlReport.builder(assessment, book)
            .episodes(chart())
            .audience(Audience.CLINICIAN)
            .build()
            .render();
    Path file = SCREENSHOTS.resolve("report-clinician.html").toAbsolutePath();
    Files.writeString(file, html, StandardCharsets.UTF_8);
    browser.get(file.toUri().toString());

    int[] pages = new int[2];
    double[][] sizes = {{21.0, 29.7}, {21.59, 27.94}};
    String[] names = {"A4", "Letter"};
    for (int i = 0; i < 2; i++) {
      org.openqa.selenium.print.PrintOptions options = new org.openqa.selenium.print.PrintOptions();
      options.setPageSize(new org.openqa.selenium.print.PageSize(sizes[i][1], sizes[i][0]));
      options.setBackground(true);
      byte[] pdf = java.util.Base64.getDecoder().decode(browser.print(options).getContent());
      Files.write(SCREENSHOTS.resolve("report-clinician-" + names[i] + ".pdf"), pdf);
      String text = new String(pdf, StandardCharsets.ISO_8859_1);
      assertThat(text).startsWith("%PDF-");
      pages[i] = text.split("/Type\\s*/Page[^s]", -1).length - 1;
    }
    // The clinician report with four charts, its labs and notes: a few pages on either paper,
    // and the same content does not need many more pages on the shorter sheet.
    assertThat(pages[0]).isBetween(2, 12);
    assertThat(pages[1]).isBetween(pages[0], pages[0] + 2);
  }

  /** Night calf cramps of a patient with heart failure on a thiazide, one after exercise. */
  static List<CrampEpisode> chart() {
    ZoneOffset cet = ZoneOffset.ofHours(1);
    LocalDate today = LocalDate.ofInstant(NOW, cet);
    return List.of(
        at(today.minusDays(24), "02:30", cet)
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.DURING_SLEEP)
            .severity(5)
            .build(),
        at(today.minusDays(17), "03:10", cet)
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.DURING_SLEEP)
            .severity(6)
            .build(),
        at(today.minusDays(11), "01:45", cet)
            .site(BodySite.CALF)
            .side(Laterality.RIGHT)
            .setting(Setting.DURING_SLEEP)
            .build(),
        at(today.minusDays(6), "19:20", cet)
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.AFTER_EXERCISE)
            .severity(4)
            .build(),
        at(today.minusDays(3), "04:05", cet)
            .site(BodySite.CALF)
            .side(Laterality.LEFT)
            .setting(Setting.DURING_SLEEP)
            .severity(7)
            .sign(AssociatedSign.NUMBNESS_TINGLING)
            .build(),
        CrampEpisode.onDay("e6", today.minusDays(1), cet).site(BodySite.FOOT).build());
  }

  private static CrampEpisode.Builder at(LocalDate day, String time, ZoneOffset offset) {
    return CrampEpisode.builder("e-" + day, day.atTime(LocalTime.parse(time)).toInstant(offset))
        .offset(offset);
  }

  static PatientContext patient() {
    return PatientContext.builder(LocalDate.of(1954, 5, 2), Sex.FEMALE)
        .id("p-1")
        .condition("Condition/hf", ConditionKind.HEART_FAILURE)
        .medication(
            "MedicationRequest/hctz",
            MedicationClass.THIAZIDE_DIURETIC,
            "hydrochlorothiazide 25 mg")
        .lab(
            new LabResult(
                "Observation/k",
                Analyte.POTASSIUM,
                new java.math.BigDecimal("3.2"),
                "mmol/L",
                LocalDate.of(2026, 11, 12),
                java.util.Optional.of(ReferenceRange.of(3.5, 5.1)),
                java.util.Optional.empty(),
                java.util.Optional.empty()))
        .build();
  }

  /**
   * Returns every text element whose text contrast with its background is below WCAG AA (4.5:1), as
   * the browser computes the colours: the element's colour against the first non-transparent
   * background of it or its ancestors.
   */
  @SuppressWarnings("unchecked")
  private List<String> contrastBelowAa() {
    Object result =
        browser.executeScript(
            "function rgb(s){var m=s.match(/rgba?\\(([^)]+)\\)/);if(!m)return null;"
                + "var p=m[1].split(',').map(Number);return {r:p[0],g:p[1],b:p[2],a:p.length>3?p[3]:1};}"
                + "function lum(c){var f=function(v){v/=255;return v<=0.03928?v/12.92:Math.pow((v+0.055)/1.055,2.4);};"
                + "return 0.2126*f(c.r)+0.7152*f(c.g)+0.0722*f(c.b);}"
                + "function bg(e){while(e){var c=rgb(getComputedStyle(e).backgroundColor);"
                + "if(c&&c.a>0)return c;e=e.parentElement;}return {r:255,g:255,b:255,a:1};}"
                + "var out=[];document.querySelectorAll('body *').forEach(function(e){"
                + "var own=Array.from(e.childNodes).some(function(n){return n.nodeType===3&&n.textContent.trim();});"
                + "if(!own||e.closest('svg')||!e.getClientRects().length)return;"
                + "var fg=rgb(getComputedStyle(e).color),b=bg(e);var l1=lum(fg),l2=lum(b);"
                + "var ratio=(Math.max(l1,l2)+0.05)/(Math.min(l1,l2)+0.05);"
                + "if(ratio<4.5)out.push(e.tagName+' '+ratio.toFixed(2)+': '+e.textContent.trim().slice(0,40));});"
                + "return out;");
    return (List<String>) result;
  }

  private void setValue(String id, String value) {
    // Date and time inputs take keys in the browser's locale format; setting the value is what a
    // date picker does.
    browser.executeScript(
        "arguments[0].value = arguments[1];", browser.findElement(By.id(id)), value);
  }

  private void screenshot(String name) throws IOException {
    Path png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.FILE).toPath();
    Files.copy(png, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
  }
}
