package org.crampcare.fhir.testserver;

import ca.uhn.fhir.interceptor.api.Hook;
import ca.uhn.fhir.interceptor.api.Interceptor;
import ca.uhn.fhir.interceptor.api.Pointcut;
import ca.uhn.fhir.rest.api.RestOperationTypeEnum;
import ca.uhn.fhir.rest.api.server.RequestDetails;
import com.google.common.collect.ImmutableList;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Deque;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicInteger;
import org.hl7.fhir.r4.model.OperationOutcome;

/**
 * Records every request and, when a token is configured, answers 401 to any request other than
 * {@code /metadata} without {@code Authorization: Bearer <token>}. Public only because HAPI invokes
 * hooks reflectively; not part of the API.
 */
@Interceptor
final class AccessInterceptor {
  static final int MAX_RECORDED = 1_000;

  private final Optional<String> bearerToken;
  private final Deque<RecordedRequest> recorded = new ConcurrentLinkedDeque<>();
  private final AtomicInteger size = new AtomicInteger();

  AccessInterceptor(Optional<String> bearerToken) {
    this.bearerToken = bearerToken;
  }

  /** Records the request and checks its token. */
  @Hook(Pointcut.SERVER_INCOMING_REQUEST_POST_PROCESSED)
  public boolean incoming(
      RequestDetails details, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    Optional<String> authorization = Optional.ofNullable(request.getHeader("Authorization"));
    String path = details.getRequestPath();
    String query = request.getQueryString();
    recorded.addLast(
        new RecordedRequest(
            request.getMethod(),
            query == null ? path : path + "?" + URLDecoder.decode(query, StandardCharsets.UTF_8),
            authorization));
    if (size.incrementAndGet() > MAX_RECORDED) {
      recorded.pollFirst();
      size.decrementAndGet();
    }
    if (bearerToken.isPresent()
        && details.getRestOperationType() != RestOperationTypeEnum.METADATA
        && !authorization.equals(bearerToken.map(t -> "Bearer " + t))) {
      reject(
          details,
          response,
          authorization.isPresent()
              ? "the bearer token is not valid for this server"
              : "this server requires 'Authorization: Bearer <token>'");
      return false;
    }
    return true;
  }

  /** Answers 401 with an OperationOutcome, without HAPI logging an interceptor failure. */
  private static void reject(RequestDetails details, HttpServletResponse response, String message)
      throws IOException {
    OperationOutcome outcome = new OperationOutcome();
    outcome
        .addIssue()
        .setSeverity(OperationOutcome.IssueSeverity.ERROR)
        .setCode(OperationOutcome.IssueType.LOGIN)
        .setDiagnostics(message);
    response.setStatus(401);
    response.setHeader("WWW-Authenticate", "Bearer");
    response.setContentType("application/fhir+json;charset=utf-8");
    response
        .getWriter()
        .write(details.getFhirContext().newJsonParser().encodeResourceToString(outcome));
  }

  ImmutableList<RecordedRequest> recorded() {
    return ImmutableList.copyOf(recorded);
  }

  void clear() {
    recorded.clear();
    size.set(0);
  }
}
