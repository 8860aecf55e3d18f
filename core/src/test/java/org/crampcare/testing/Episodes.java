package org.crampcare.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;

/**
 * Test data builder for episodes: {@code Episodes.anEpisode().calf().left().atNight().build()}.
 * Defaults: a 2-minute, severity-5 calf cramp, one day before {@link #NOW}, no side, no setting.
 * Published in the core test-jar for the other modules.
 */
public final class Episodes {
  /** The fixed "now" that fixtures use, 2026-11-21T10:00:00Z. */
  public static final Instant NOW = Instant.parse("2026-11-21T10:00:00Z");

  private static int counter;

  private Instant onset;
  private BodySite site;
  private final String id;
  private final List<java.util.function.Consumer<CrampEpisode.Builder>> steps = new ArrayList<>();

  private Episodes(String id) {
    this.id = id;
    this.onset = NOW.minus(Duration.ofDays(1));
    this.site = BodySite.CALF;
  }

  /** Starts an episode with a fresh id. */
  public static synchronized Episodes anEpisode() {
    counter++;
    return new Episodes("episode-" + counter);
  }

  /** Starts an episode with the given id. */
  public static Episodes anEpisode(String id) {
    return new Episodes(id);
  }

  /** Sets the site. */
  public Episodes at(BodySite site) {
    this.site = site;
    return this;
  }

  /** Sets the site to the calf. */
  public Episodes calf() {
    return at(BodySite.CALF);
  }

  /** Sets the site to the hand. */
  public Episodes hand() {
    return at(BodySite.HAND);
  }

  /** Sets the onset. */
  public Episodes onset(Instant onset) {
    this.onset = onset;
    return this;
  }

  /** Sets the onset to this many days before {@link #NOW}. */
  public Episodes daysAgo(long days) {
    this.onset = NOW.minus(Duration.ofDays(days));
    return this;
  }

  /** Sets the onset to this many hours before {@link #NOW}. */
  public Episodes hoursAgo(long hours) {
    this.onset = NOW.minus(Duration.ofHours(hours));
    return this;
  }

  /** Sets the side to left. */
  public Episodes left() {
    steps.add(b -> b.side(Laterality.LEFT));
    return this;
  }

  /** Sets the side to right. */
  public Episodes right() {
    steps.add(b -> b.side(Laterality.RIGHT));
    return this;
  }

  /** Sets the side. */
  public Episodes side(Laterality side) {
    steps.add(b -> b.side(side));
    return this;
  }

  /** Adds the during-sleep setting. */
  public Episodes atNight() {
    return in(Setting.DURING_SLEEP);
  }

  /** Adds a setting. */
  public Episodes in(Setting setting) {
    steps.add(b -> b.setting(setting));
    return this;
  }

  /** Adds a sign. */
  public Episodes with(AssociatedSign sign) {
    steps.add(b -> b.sign(sign));
    return this;
  }

  /** Adds several signs. */
  public Episodes with(AssociatedSign... signs) {
    for (AssociatedSign sign : signs) {
      with(sign);
    }
    return this;
  }

  /** Adds an impact. */
  public Episodes impact(Impact impact) {
    steps.add(b -> b.impact(impact));
    return this;
  }

  /** Adds a relief measure. */
  public Episodes relief(ReliefMeasure measure, boolean helped) {
    steps.add(b -> b.relief(measure, helped));
    return this;
  }

  /** Sets the severity. */
  public Episodes severity(int severity) {
    steps.add(b -> b.severity(severity));
    return this;
  }

  /** Sets the duration. */
  public Episodes lasting(Duration duration) {
    steps.add(b -> b.duration(duration));
    return this;
  }

  /** Builds the episode. */
  public CrampEpisode build() {
    CrampEpisode.Builder b =
        CrampEpisode.builder(id, onset, site).duration(Duration.ofMinutes(2)).severity(5);
    steps.forEach(step -> step.accept(b));
    return b.build();
  }

  /** Adds the disturbed-sleep impact. */
  public Episodes disturbingSleep() {
    return impact(Impact.DISTURBED_SLEEP);
  }

  /**
   * Returns {@code count} plain calf episodes spread evenly over the last {@code days} days, with
   * ids {@code prefix-1}...
   */
  public static List<CrampEpisode> spread(String prefix, int count, int days) {
    List<CrampEpisode> result = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      long hoursAgo = 1 + (long) i * days * 24 / Math.max(count, 1);
      result.add(anEpisode(prefix + "-" + (i + 1)).hoursAgo(hoursAgo).build());
    }
    return result;
  }
}
