package org.crampcare.server;

import com.google.common.collect.ImmutableList;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * One feedback item a CDS client sent about a card: what the user did, never who or about which
 * patient.
 *
 * @param serviceId the service the card came from
 * @param card the card's UUID
 * @param outcome {@code accepted} or {@code overridden}
 * @param acceptedSuggestions the UUIDs of the suggestions accepted
 * @param overrideReason the override reason's code, when the user gave one
 * @param outcomeTimestamp when the user acted, as the client reported it
 * @param received when the service received it
 */
public record CdsFeedback(
    String serviceId,
    String card,
    String outcome,
    List<String> acceptedSuggestions,
    Optional<String> overrideReason,
    String outcomeTimestamp,
    Instant received) {

  /** Copies the list. */
  public CdsFeedback {
    acceptedSuggestions = ImmutableList.copyOf(acceptedSuggestions);
  }
}
