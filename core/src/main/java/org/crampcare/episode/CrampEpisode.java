package org.crampcare.episode;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One cramp episode as the person reported it.
 *
 * <p>Whether the onset lies in the future can only be judged against an assessment time; the
 * assessor rejects such episodes.
 *
 * @param id a stable identifier, unique within a patient's history (a FHIR resource id, for
 *     example)
 * @param onset when the cramp started
 * @param duration how long it lasted; must be positive
 * @param site where it was felt
 * @param laterality which side, if the person said
 * @param severity pain on the 0-10 numeric rating scale
 * @param settings the circumstances it happened in, in declaration order
 * @param signs the signs that came with it, in declaration order
 * @param reliefTried what was tried and whether it helped, in the order given
 * @param impacts how it disturbed sleep or daily life, in declaration order
 */
public record CrampEpisode(
    String id,
    Instant onset,
    Duration duration,
    BodySite site,
    Optional<Laterality> laterality,
    int severity,
    Set<Setting> settings,
    Set<AssociatedSign> signs,
    List<ReliefTried> reliefTried,
    Set<Impact> impacts) {

  /** The highest value of the 0-10 numeric rating scale. */
  public static final int MAX_SEVERITY = 10;

  /** Validates every component and copies the collections into immutable, ordered ones. */
  public CrampEpisode {
    checkArgument(!id.isBlank(), "episode.id must not be blank");
    checkArgument(
        !duration.isNegative() && !duration.isZero(),
        "episode %s: duration must be positive, got %s",
        id,
        duration);
    checkArgument(
        severity >= 0 && severity <= MAX_SEVERITY,
        "episode %s: severity must be between 0 and 10 on the numeric rating scale, got %s",
        id,
        severity);
    settings = Sets.immutableEnumSet(settings);
    signs = Sets.immutableEnumSet(signs);
    reliefTried = ImmutableList.copyOf(reliefTried);
    impacts = Sets.immutableEnumSet(impacts);
  }

  /** Returns when the episode ended: onset plus duration. */
  public Instant end() {
    return onset.plus(duration);
  }

  /** Returns whether the episode happened during sleep. */
  public boolean atNight() {
    return settings.contains(Setting.DURING_SLEEP);
  }

  /** Returns whether the episode came with the given sign. */
  public boolean has(AssociatedSign sign) {
    return signs.contains(sign);
  }

  /** Returns whether the episode happened in the given setting. */
  public boolean in(Setting setting) {
    return settings.contains(setting);
  }

  /**
   * Starts a builder for an episode; duration defaults to one minute and severity to 5 only if not
   * set, so set both for real data.
   *
   * @param id the episode id
   * @param onset when it started
   * @param site where it was felt
   * @return a new builder
   */
  public static Builder builder(String id, Instant onset, BodySite site) {
    return new Builder(id, onset, site);
  }

  /** Returns a builder pre-filled with this episode's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id, onset, site).duration(duration).severity(severity);
    laterality.ifPresent(b::side);
    settings.forEach(b::setting);
    signs.forEach(b::sign);
    reliefTried.forEach(r -> b.relief(r.measure(), r.helped()));
    impacts.forEach(b::impact);
    return b;
  }

  /** A mutable builder of {@link CrampEpisode}; not thread-safe. */
  public static final class Builder {
    private final String id;
    private final Instant onset;
    private final BodySite site;
    private Duration duration = Duration.ofMinutes(1);
    private @Nullable Laterality laterality;
    private int severity = 5;
    private final Set<Setting> settings = EnumSet.noneOf(Setting.class);
    private final Set<AssociatedSign> signs = EnumSet.noneOf(AssociatedSign.class);
    private final List<ReliefTried> reliefTried = new ArrayList<>();
    private final Set<Impact> impacts = EnumSet.noneOf(Impact.class);

    private Builder(String id, Instant onset, BodySite site) {
      this.id = id;
      this.onset = onset;
      this.site = site;
    }

    /** Sets how long the cramp lasted. */
    public Builder duration(Duration duration) {
      this.duration = duration;
      return this;
    }

    /** Sets the side. */
    public Builder side(Laterality laterality) {
      this.laterality = laterality;
      return this;
    }

    /** Sets the 0-10 severity. */
    public Builder severity(int severity) {
      this.severity = severity;
      return this;
    }

    /** Adds a setting. */
    public Builder setting(Setting setting) {
      settings.add(setting);
      return this;
    }

    /** Adds an associated sign. */
    public Builder sign(AssociatedSign sign) {
      signs.add(sign);
      return this;
    }

    /** Adds a relief measure that was tried. */
    public Builder relief(ReliefMeasure measure, boolean helped) {
      reliefTried.add(new ReliefTried(measure, helped));
      return this;
    }

    /** Adds an impact on sleep or daily life. */
    public Builder impact(Impact impact) {
      impacts.add(impact);
      return this;
    }

    /**
     * Builds the episode.
     *
     * @throws IllegalArgumentException if a value is out of range
     */
    public CrampEpisode build() {
      return new CrampEpisode(
          id,
          onset,
          duration,
          site,
          Optional.ofNullable(laterality),
          severity,
          settings,
          signs,
          reliefTried,
          impacts);
    }
  }
}
