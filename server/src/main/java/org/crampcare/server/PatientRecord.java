package org.crampcare.server;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IJsonLikeParser;
import ca.uhn.fhir.parser.IParser;
import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.jackson.JacksonStructure;
import ca.uhn.fhir.rest.client.apache.ApacheRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.IGenericClient;
import ca.uhn.fhir.rest.client.api.IRestfulClientFactory;
import ca.uhn.fhir.rest.client.api.ServerValidationModeEnum;
import ca.uhn.fhir.rest.client.interceptor.BearerTokenAuthInterceptor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.common.collect.ImmutableList;
import com.google.common.collect.ImmutableMap;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.http.HttpEntity;
import org.apache.http.HttpHost;
import org.apache.http.HttpRequest;
import org.apache.http.HttpRequestInterceptor;
import org.apache.http.HttpResponseInterceptor;
import org.apache.http.client.config.RequestConfig;
import org.apache.http.entity.HttpEntityWrapper;
import org.apache.http.impl.client.HttpClients;
import org.apache.http.protocol.HttpContext;
import org.apache.http.protocol.HttpCoreContext;
import org.crampcare.fhir.PatientRecordException;
import org.crampcare.fhir.PatientRecordReader;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;
import org.hl7.fhir.r4.model.Bundle.BundleEntryComponent;
import org.hl7.fhir.r4.model.OperationOutcome;
import org.hl7.fhir.r4.model.Patient;
import org.hl7.fhir.r4.model.Resource;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gathers one patient's record for the patient-view service: from the CDS client's prefetch where
 * given, otherwise from its FHIR server with the client's bearer token.
 */
final class PatientRecord {
  private static final Logger LOG = LoggerFactory.getLogger(PatientRecord.class);

  /**
   * The record reader: the same searches {@code crampcare sync} reads with, 200 to a page and at
   * most 25 pages a search (5,000 Observations); a bigger record is refused rather than read in
   * part.
   */
  static final PatientRecordReader READER =
      PatientRecordReader.builder().pageSize(200).maxPages(25).build();

  /** The prefetch templates the service advertises, by key: the reader's searches. */
  static final ImmutableMap<String, String> PREFETCH = READER.prefetchTemplates();

  /** The prefetch keys a call needs when it names no FHIR server: all but the optional searches. */
  static final com.google.common.collect.ImmutableSet<String> REQUIRED = required();

  private static com.google.common.collect.ImmutableSet<String> required() {
    com.google.common.collect.ImmutableSet.Builder<String> keys =
        com.google.common.collect.ImmutableSet.builder();
    keys.add(PatientRecordReader.PATIENT);
    for (PatientRecordReader.Search search : PatientRecordReader.Search.values()) {
      if (search.required()) {
        keys.add(search.key());
      }
    }
    return keys.build();
  }

  private static final Pattern HAPI_CODE = Pattern.compile("HAPI-\\d+");

  private final FhirContext ctx;
  private final Predicate<URI> allowedServers;
  private final IRestfulClientFactory clients;
  private static final int CONNECT_MILLIS = 3_000;
  private static final int READ_MILLIS = 10_000;
  private static final int MAX_RESPONSE_BYTES = 16 * 1024 * 1024;

  PatientRecord(FhirContext ctx, Predicate<URI> allowedServers) {
    this.ctx = ctx;
    this.allowedServers = allowedServers;
    this.clients = clientFactory(ctx, allowedServers);
  }

  /**
   * The HTTP client for {@code fhirServer} calls: no redirects (a 3xx is an answer, never followed
   * to another origin), connect and read timeouts, and at most {@value #MAX_RESPONSE_BYTES} bytes
   * read per response.
   */
  private static IRestfulClientFactory clientFactory(FhirContext shared, Predicate<URI> allowed) {
    // A context of its own: HAPI's generic client sends through its context's client factory, and
    // the application's shared context must keep its own settings.
    FhirContext ctx = new FhirContext(shared.getVersion().getVersion());
    ApacheRestfulClientFactory factory = new ApacheRestfulClientFactory(ctx);
    ctx.setRestfulClientFactory(factory);
    factory.setServerValidationMode(ServerValidationModeEnum.NEVER);
    RequestConfig timeouts =
        RequestConfig.custom()
            .setConnectTimeout(CONNECT_MILLIS)
            .setConnectionRequestTimeout(CONNECT_MILLIS)
            .setSocketTimeout(READ_MILLIS)
            .setRedirectsEnabled(false)
            .build();
    factory.setHttpClient(
        HttpClients.custom()
            .disableRedirectHandling()
            .setDefaultRequestConfig(timeouts)
            // Every request, whoever makes it, is checked against the allow-list before a
            // connection is opened: a redirect or a paging link to another origin goes nowhere.
            .addInterceptorFirst(
                (HttpRequestInterceptor)
                    (request, context) -> {
                      URI target = target(request, context);
                      if (target == null || !allowed.test(target)) {
                        throw new IOException(
                            "request to a server not on the fhirServer allow-list refused");
                      }
                    })
            .addInterceptorLast(
                (HttpResponseInterceptor)
                    (response, context) -> {
                      HttpEntity entity = response.getEntity();
                      if (entity != null) {
                        if (entity.getContentLength() > MAX_RESPONSE_BYTES) {
                          throw new IOException(
                              "fhirServer response is larger than "
                                  + MAX_RESPONSE_BYTES
                                  + " bytes");
                        }
                        response.setEntity(new LimitedEntity(entity));
                      }
                    })
            .build());
    return factory;
  }

  /** The absolute URL a request goes to, or null when it cannot be told. */
  private static @Nullable URI target(HttpRequest request, HttpContext context) {
    Object host = context.getAttribute(HttpCoreContext.HTTP_TARGET_HOST);
    String uri = request.getRequestLine().getUri();
    try {
      URI u = new URI(uri);
      if (u.isAbsolute()) {
        return u;
      }
      return host instanceof HttpHost ? new URI(((HttpHost) host).toURI() + uri) : null;
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** An entity whose content stops with an error past {@value #MAX_RESPONSE_BYTES} bytes. */
  private static final class LimitedEntity extends HttpEntityWrapper {
    LimitedEntity(HttpEntity wrapped) {
      super(wrapped);
    }

    @Override
    public InputStream getContent() throws IOException {
      return new FilterInputStream(super.getContent()) {
        private long read;

        @Override
        public int read() throws IOException {
          int b = super.read();
          if (b >= 0 && ++read > MAX_RESPONSE_BYTES) {
            throw tooLarge();
          }
          return b;
        }

        @Override
        public int read(byte[] buffer, int off, int len) throws IOException {
          int n = super.read(buffer, off, len);
          if (n > 0) {
            read += n;
            if (read > MAX_RESPONSE_BYTES) {
              throw tooLarge();
            }
          }
          return n;
        }
      };
    }

    private static IOException tooLarge() {
      return new IOException("fhirServer response is larger than " + MAX_RESPONSE_BYTES + " bytes");
    }
  }

  /**
   * Returns what the call leaves unread: the optional searches its prefetch leaves out when it
   * names no FHIR server to fetch them from (see {@link #REQUIRED}), as a clinician reads them.
   */
  static ImmutableList<String> unread(CdsRequest request) {
    if (request.fhirServer().isPresent()) {
      return ImmutableList.of();
    }
    ImmutableList.Builder<String> unread = ImmutableList.builder();
    for (PatientRecordReader.Search search : PatientRecordReader.Search.values()) {
      if (!search.required() && !request.prefetch().containsKey(search.key())) {
        unread.add(
            search == PatientRecordReader.Search.QUESTIONNAIRE_RESPONSES
                ? "the patient's cramp diary (the call's prefetch has no "
                    + search.key()
                    + " and names no FHIR server)"
                : search.key());
      }
    }
    return unread.build();
  }

  /**
   * Returns the patient's resources: the Patient first, then the others.
   *
   * @throws CdsRequestException 400 for malformed prefetch, 412 when the data can be had neither
   *     from prefetch nor from the FHIR server
   */
  ImmutableList<Resource> gather(CdsRequest request) {
    List<Resource> resources = new ArrayList<>();
    List<String> missing = new ArrayList<>();
    for (String key : PREFETCH.keySet()) {
      if (!request.prefetch().containsKey(key)) {
        missing.add(key);
        continue;
      }
      JsonNode value = request.prefetch().get(key);
      if (value.isNull()) {
        if (key.equals("patient")) {
          throw new CdsRequestException(
              412, "prefetch.patient is null: the CDS client reports no Patient to assess");
        }
        continue;
      }
      resources.addAll(fromPrefetch(key, value, request.patientId()));
    }
    Optional<IGenericClient> client = Optional.empty();
    if (!missing.isEmpty() && request.fhirServer().isEmpty()) {
      // A search a client need not prefetch (the diary's answers) is left out without a server;
      // every other one is needed.
      missing.removeIf(key -> !REQUIRED.contains(key));
      if (!missing.isEmpty()) {
        throw new CdsRequestException(
            412,
            "prefetch lacks "
                + String.join(", ", missing)
                + " and no fhirServer was given to fetch them from");
      }
    }
    if (!missing.isEmpty()) {
      client = Optional.of(client(request));
      for (String key : missing) {
        resources.addAll(fetch(client.get(), key, request.patientId()));
      }
    } else if (request.fhirServer().isPresent()) {
      client = Optional.of(client(request));
    }
    if (client.isPresent()) {
      resources.addAll(referencedMedications(client.get(), resources));
    }
    // The same resource can come twice (a Medication included by two searches): keep the first.
    Map<String, Resource> unique = new LinkedHashMap<>();
    for (Resource r : resources) {
      String key =
          r.getIdElement().hasIdPart()
              ? r.fhirType() + "/" + r.getIdElement().getIdPart()
              : "#" + unique.size();
      unique.putIfAbsent(key, r);
    }
    List<Resource> out = new ArrayList<>(unique.values());
    out.sort((a, b) -> Boolean.compare(!(a instanceof Patient), !(b instanceof Patient)));
    return ImmutableList.copyOf(out);
  }

  private List<Resource> fromPrefetch(String key, JsonNode value, String patientId) {
    IBaseResource parsed;
    try {
      // The tree as read (CdsRequest.parse admits only objects and nulls, and nulls never get
      // here), handed to HAPI: no second serialisation and parse.
      JacksonStructure tree = new JacksonStructure();
      tree.setNativeObject((ObjectNode) value);
      parsed = ((IJsonLikeParser) parser()).parseResource(tree);
    } catch (DataFormatException e) {
      Matcher code = HAPI_CODE.matcher(String.valueOf(e.getMessage()));
      throw new CdsRequestException(
          400,
          "prefetch."
              + key
              + " is not a FHIR R4 resource"
              + (code.find() ? " (" + code.group() + ")" : ""),
          e);
    }
    if (key.equals("patient")) {
      if (!(parsed instanceof Patient)) {
        throw CdsRequestException.badRequest(
            "prefetch.patient is a " + ((Resource) parsed).fhirType() + "; expected a Patient");
      }
      Patient patient = (Patient) parsed;
      if (patient.getIdElement().hasIdPart()
          && !patient.getIdElement().getIdPart().equals(patientId)) {
        throw CdsRequestException.badRequest(
            "prefetch.patient is Patient/"
                + patient.getIdElement().getIdPart()
                + " but context.patientId is "
                + patientId);
      }
      patient.setId(patientId);
      return List.of(patient);
    }
    if (!(parsed instanceof Bundle)) {
      throw CdsRequestException.badRequest(
          "prefetch." + key + " is a " + ((Resource) parsed).fhirType() + "; expected a Bundle");
    }
    return entries((Bundle) parsed);
  }

  private IParser parser() {
    IParser parser = ctx.newJsonParser();
    parser.setOverrideResourceIdWithBundleEntryFullUrl(false);
    // Lenient, and quiet: HAPI's parse warnings may quote values, which may be patient data.
    parser.setParserErrorHandler(new LenientErrorHandler(false));
    return parser;
  }

  private static List<Resource> entries(Bundle bundle) {
    List<Resource> out = new ArrayList<>();
    for (BundleEntryComponent e : bundle.getEntry()) {
      if (e.hasResource() && !(e.getResource() instanceof OperationOutcome)) {
        out.add(e.getResource());
      }
    }
    return out;
  }

  private IGenericClient client(CdsRequest request) {
    URI server = request.fhirServer().orElseThrow();
    if (!allowedServers.test(server)) {
      throw new CdsRequestException(
          412, "fhirServer " + server + " is not one this service is allowed to call");
    }
    String scheme = server.getScheme() == null ? "" : server.getScheme().toLowerCase(Locale.ROOT);
    if (!(scheme.equals("https") || scheme.equals("http")) || server.getUserInfo() != null) {
      throw new CdsRequestException(
          412, "fhirServer " + server + " is not an http(s) URL this service may call");
    }
    IGenericClient client = clients.newGenericClient(server.toString());
    request
        .accessToken()
        .ifPresent(t -> client.registerInterceptor(new BearerTokenAuthInterceptor(t)));
    return client;
  }

  private List<Resource> fetch(IGenericClient client, String key, String patientId) {
    try {
      if (key.equals(PatientRecordReader.PATIENT)) {
        return List.of(READER.readPatient(client, patientId));
      }
      for (PatientRecordReader.Search search : PatientRecordReader.Search.values()) {
        if (search.key().equals(key)) {
          return READER.search(client, search, patientId);
        }
      }
      throw new AssertionError("fetch is called only with the advertised prefetch keys: " + key);
    } catch (PatientRecordException e) {
      throw new CdsRequestException(412, reason(e), e);
    }
  }

  /** Words a read failure for the CDS client: which query, and what the server answered. */
  private static String reason(PatientRecordException e) {
    switch (e.kind()) {
      case NOT_FOUND:
      case REJECTED:
        return "fhirServer answered HTTP "
            + e.status()
            + " to the "
            + e.query()
            + " query; the service cannot get the patient's data";
      case TOO_MANY_PAGES:
        return "the "
            + e.query()
            + " query returned "
            + e.detail()
            + ": the record is larger than this service reads, and it does not assess part of one";
      case UNREACHABLE:
      case TIMED_OUT:
      default:
        return "fhirServer could not be reached for the " + e.query() + " query";
    }
  }

  private List<Resource> referencedMedications(IGenericClient client, List<Resource> resources) {
    try {
      return READER.referencedMedications(client, resources);
    } catch (PatientRecordException e) {
      // The medications stay unresolved; the importer reports each one it cannot classify.
      LOG.debug("Referenced Medications not fetched: {}", e.kind());
      return List.of();
    }
  }
}
