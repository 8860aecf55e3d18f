package org.crampcare.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.CrampEpisode;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.OnsetPrecision;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.ReliefTried;
import org.crampcare.episode.Setting;

/** Maps {@link CrampEpisode} to and from its JSON object. */
final class EpisodeJson {
  static final ImmutableList<String> FIELDS =
      ImmutableList.of(
          "id",
          "onset",
          "duration",
          "site",
          "laterality",
          "severity",
          "settings",
          "signs",
          "reliefTried",
          "impacts");

  /** Version 2: onset precision and offset; duration, site and severity may be absent. */
  static final ImmutableList<String> FIELDS_V2 =
      ImmutableList.of(
          "id",
          "onset",
          "onsetPrecision",
          "offset",
          "duration",
          "site",
          "laterality",
          "severity",
          "settings",
          "signs",
          "reliefTried",
          "impacts");

  static final ImmutableList<String> RELIEF_FIELDS = ImmutableList.of("measure", "helped");

  private EpisodeJson() {}

  /** Returns the fields of an episode object at the given schema version. */
  static List<String> fields(int version) {
    return version == 1 ? FIELDS : FIELDS_V2;
  }

  static void write(JsonGenerator g, CrampEpisode episode) throws IOException {
    g.writeStartObject();
    writeFields(g, episode);
    g.writeEndObject();
  }

  static void writeFields(JsonGenerator g, CrampEpisode episode) throws IOException {
    g.writeStringField("id", episode.id());
    Out.instant(g, "onset", episode.onset());
    Out.code(g, "onsetPrecision", episode.onsetPrecision());
    if (episode.offset().isPresent()) {
      g.writeStringField("offset", episode.offset().get().getId());
    }
    if (episode.duration().isPresent()) {
      Out.duration(g, "duration", episode.duration().get());
    }
    Out.code(g, "site", episode.site());
    Out.code(g, "laterality", episode.laterality());
    if (episode.severity().isPresent()) {
      g.writeNumberField("severity", episode.severity().get());
    }
    Out.codes(g, "settings", episode.settings());
    Out.codes(g, "signs", episode.signs());
    g.writeArrayFieldStart("reliefTried");
    for (ReliefTried relief : episode.reliefTried()) {
      g.writeStartObject();
      Out.code(g, "measure", relief.measure());
      g.writeBooleanField("helped", relief.helped());
      g.writeEndObject();
    }
    g.writeEndArray();
    Out.codes(g, "impacts", episode.impacts());
  }

  static CrampEpisode read(Node node) {
    return read(node.object(fields(node.version())));
  }

  static CrampEpisode read(Node.Obj o) {
    String id = o.get("id").id();
    Instant onset = o.get("onset").instant();
    boolean v1 = o.version() == 1;
    // Version 1 required duration, site and severity; version 2 says "unknown" by leaving them out.
    Optional<Duration> duration =
        v1
            ? Optional.of(o.get("duration").duration(false))
            : o.get("duration").optional(n -> n.duration(false));
    Optional<BodySite> site =
        v1
            ? Optional.of(o.get("site").code(BodySite.class))
            : o.get("site").optional(n -> n.code(BodySite.class));
    Optional<Laterality> laterality = o.get("laterality").optional(n -> n.code(Laterality.class));
    Optional<Integer> severity =
        v1
            ? Optional.of(o.get("severity").integer(0, CrampEpisode.MAX_SEVERITY))
            : o.get("severity").optional(n -> n.integer(0, CrampEpisode.MAX_SEVERITY));
    OnsetPrecision precision =
        o.get("onsetPrecision")
            .optional(n -> n.code(OnsetPrecision.class))
            .orElse(OnsetPrecision.INSTANT);
    Optional<ZoneOffset> offset = o.get("offset").optional(Node::offset);
    Set<Setting> settings = o.get("settings").codes(Setting.class);
    Set<AssociatedSign> signs = o.get("signs").codes(AssociatedSign.class);
    List<ReliefTried> relief = o.get("reliefTried").list(EpisodeJson::readRelief);
    Set<Impact> impacts = o.get("impacts").codes(Impact.class);
    return o.build(
        () ->
            new CrampEpisode(
                id,
                onset,
                precision,
                offset,
                duration,
                site,
                laterality,
                severity,
                settings,
                signs,
                relief,
                impacts));
  }

  private static ReliefTried readRelief(Node node) {
    Node.Obj o = node.object(RELIEF_FIELDS);
    return new ReliefTried(o.get("measure").code(ReliefMeasure.class), o.get("helped").bool());
  }

  /** Reads an array of episodes whose ids are unique. */
  static ImmutableList<CrampEpisode> readList(List<Node> items) {
    ImmutableList<CrampEpisode> episodes =
        items.stream().map(EpisodeJson::read).collect(ImmutableList.toImmutableList());
    Node.requireUniqueIds(items, episodes.stream().map(CrampEpisode::id).toList());
    return episodes;
  }
}
