package org.crampcare.episode;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.collect.ImmutableList;
import com.google.common.collect.Sets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * One cramp episode as the person reported it or an EHR recorded it. What the record does not say
 * stays unknown: duration, severity, site and side are optional, and an onset may be known only to
 * the day. Nothing clinical is defaulted.
 *
 * <p>Whether the onset lies in the future can only be judged against an assessment time; the
 * assessor rejects such episodes.
 *
 * @param id a stable identifier, unique within a patient's history (a FHIR resource id, for
 *     example)
 * @param onset when the cramp started; for {@link OnsetPrecision#DAY} the start of that day in the
 *     record's offset (UTC when the record gave none)
 * @param onsetPrecision whether the onset is known to the instant or only to the day
 * @param offset the UTC offset the record wrote the onset with, when it gave one: the local date
 *     and time of day come from it
 * @param duration how long it lasted, when recorded; must be positive
 * @param site where it was felt, when recorded
 * @param laterality which side, if recorded
 * @param severity pain on the 0-10 numeric rating scale, when recorded
 * @param settings the circumstances it happened in, in declaration order
 * @param signs the signs that came with it, in declaration order
 * @param reliefTried what was tried and whether it helped, in the order given
 * @param impacts how it disturbed sleep or daily life, in declaration order
 */
public record CrampEpisode(
    String id,
    Instant onset,
    OnsetPrecision onsetPrecision,
    Optional<ZoneOffset> offset,
    Optional<Duration> duration,
    Optional<BodySite> site,
    Optional<Laterality> laterality,
    Optional<Integer> severity,
    Set<Setting> settings,
    Set<AssociatedSign> signs,
    List<ReliefTried> reliefTried,
    Set<Impact> impacts) {

  /** The highest value of the 0-10 numeric rating scale. */
  public static final int MAX_SEVERITY = 10;

  /** Validates every component and copies the collections into immutable, ordered ones. */
  public CrampEpisode {
    checkArgument(!id.isBlank(), "episode.id must not be blank");
    duration.ifPresent(
        d ->
            checkArgument(
                !d.isNegative() && !d.isZero(),
                "episode %s: duration must be positive, got %s",
                id,
                d));
    severity.ifPresent(
        s ->
            checkArgument(
                s >= 0 && s <= MAX_SEVERITY,
                "episode %s: severity must be between 0 and 10 on the numeric rating scale, got %s",
                id,
                s));
    settings = Sets.immutableEnumSet(settings);
    signs = Sets.immutableEnumSet(signs);
    reliefTried = ImmutableList.copyOf(reliefTried);
    impacts = Sets.immutableEnumSet(impacts);
  }

  /** Returns when the episode ended (onset plus duration), when the duration is known. */
  public Optional<Instant> end() {
    return duration.map(onset::plus);
  }

  /** Returns the date of the onset in the record's own offset (UTC when it gave none). */
  public LocalDate localDate() {
    return LocalDate.ofInstant(onset, offset.orElse(ZoneOffset.UTC));
  }

  /**
   * Returns the local time of day of the onset, in the record's own offset; empty when the onset is
   * known only to the day or the record gave no offset.
   */
  public Optional<LocalTime> localTime() {
    if (onsetPrecision != OnsetPrecision.INSTANT || offset.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(LocalTime.ofInstant(onset, offset.get()));
  }

  /** Returns the site's code, or "site not recorded". */
  public String siteText() {
    // No Optional.map: fact texts call this for every episode they name.
    return site.isPresent() ? site.get().code() : "site not recorded";
  }

  /**
   * Returns the onset for fact texts: the instant ({@code 2026-11-20T22:15:00Z}), or the day with
   * "(time not recorded)".
   */
  public String onsetText() {
    return onsetPrecision == OnsetPrecision.INSTANT
        ? InstantText.format(onset)
        : localDate() + " (time not recorded)";
  }

  /** Returns whether the episode happened during sleep, as recorded. */
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
   * Starts a builder for an episode at a known site. Nothing clinical is defaulted: duration and
   * severity stay unknown unless set.
   *
   * @param id the episode id
   * @param onset when it started, known to the instant
   * @param site where it was felt
   * @return a new builder
   */
  public static Builder builder(String id, Instant onset, BodySite site) {
    return new Builder(id, onset).site(site);
  }

  /**
   * Starts a builder for an episode whose site is not recorded.
   *
   * @param id the episode id
   * @param onset when it started, known to the instant
   * @return a new builder
   */
  public static Builder builder(String id, Instant onset) {
    return new Builder(id, onset);
  }

  /**
   * Starts a builder for an episode known only to the day, in the given offset.
   *
   * @param id the episode id
   * @param day the day of the onset
   * @param offset the offset the record gave, or UTC when it gave none
   * @return a new builder
   */
  public static Builder onDay(String id, LocalDate day, ZoneOffset offset) {
    Builder b = new Builder(id, day.atStartOfDay().toInstant(offset));
    b.precision = OnsetPrecision.DAY;
    b.offset = offset;
    return b;
  }

  /** Returns a builder pre-filled with this episode's values. */
  public Builder toBuilder() {
    Builder b = new Builder(id, onset);
    b.precision = onsetPrecision;
    b.offset = offset.orElse(null);
    duration.ifPresent(b::duration);
    severity.ifPresent(b::severity);
    site.ifPresent(b::site);
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
    private OnsetPrecision precision = OnsetPrecision.INSTANT;
    private @Nullable ZoneOffset offset;
    private @Nullable Duration duration;
    private @Nullable BodySite site;
    private @Nullable Laterality laterality;
    private @Nullable Integer severity;
    private final Set<Setting> settings = EnumSet.noneOf(Setting.class);
    private final Set<AssociatedSign> signs = EnumSet.noneOf(AssociatedSign.class);
    private final List<ReliefTried> reliefTried = new ArrayList<>();
    private final Set<Impact> impacts = EnumSet.noneOf(Impact.class);

    private Builder(String id, Instant onset) {
      this.id = id;
      this.onset = onset;
    }

    /** Sets the UTC offset the record wrote the onset with. */
    public Builder offset(ZoneOffset offset) {
      this.offset = offset;
      return this;
    }

    /** Sets where the cramp was felt. */
    public Builder site(BodySite site) {
      this.site = site;
      return this;
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
          precision,
          Optional.ofNullable(offset),
          Optional.ofNullable(duration),
          Optional.ofNullable(site),
          Optional.ofNullable(laterality),
          Optional.ofNullable(severity),
          settings,
          signs,
          reliefTried,
          impacts);
    }
  }
}
