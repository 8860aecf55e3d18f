package org.crampcare.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.crampcare.lab.Analyte;
import org.fhir.ucum.Decimal;
import org.fhir.ucum.UcumEssenceService;
import org.fhir.ucum.UcumException;
import org.fhir.ucum.UcumService;

/**
 * Normalises a lab's unit text to one of an analyte's UCUM units with the UCUM library ({@code
 * org.fhir:ucum}, its {@code ucum-essence.xml}), and only when that is unambiguous: the text,
 * tidied ({@code mL/min/1.73 m2} becomes {@code mL/min/{1.73_m2}}), must be valid UCUM and equal to
 * exactly one of the analyte's units (the same dimension and a factor of exactly 1). Anything else
 * is left to the caller to report.
 *
 * <p>Thread-safe: the UCUM service is loaded once, on first use, and used under a lock (the library
 * does not document thread safety).
 */
final class UcumUnits {
  private UcumUnits() {}

  /** The UCUM service, loaded on first use (about 85 KB of XML). */
  private static final class Holder {
    static final UcumService SERVICE = load();

    private static UcumService load() {
      try (InputStream in = UcumUnits.class.getResourceAsStream("/ucum-essence.xml")) {
        if (in == null) {
          throw new IllegalStateException(
              "ucum-essence.xml is not on the classpath (org.fhir:ucum)");
        }
        return new UcumEssenceService(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (UcumException e) {
        throw new IllegalStateException("ucum-essence.xml could not be read", e);
      }
    }
  }

  /**
   * Returns the analyte's unit that the text means, when it is unambiguous.
   *
   * @param analyte the analyte
   * @param text the unit as the lab wrote it (a code that is not one of the analyte's, or text)
   * @return the analyte's unit, or empty when the text is not valid UCUM or not exactly one unit
   */
  static Optional<String> normalise(Analyte analyte, String text) {
    Set<String> matches = new LinkedHashSet<>();
    for (String candidate : candidates(text)) {
      if (!valid(candidate)) {
        continue;
      }
      if (analyte.units().contains(candidate)) {
        return Optional.of(candidate);
      }
      Optional<String> spelled = analyte.knownUnit(candidate);
      if (spelled.isPresent()) {
        matches.add(spelled.get());
        continue;
      }
      for (String unit : analyte.units()) {
        if (same(candidate, unit)) {
          matches.add(unit);
        }
      }
    }
    return matches.size() == 1 ? Optional.of(matches.iterator().next()) : Optional.empty();
  }

  private static synchronized boolean valid(String candidate) {
    return Holder.SERVICE.validate(candidate) == null;
  }

  /** The text as written, and tidied: no spaces, the body-surface term of eGFR in UCUM form. */
  private static List<String> candidates(String text) {
    List<String> candidates = new ArrayList<>();
    String trimmed = text.trim();
    candidates.add(trimmed);
    String tidy =
        trimmed
            .replace(" ", "")
            .replace("²", "2")
            .replaceAll("(?i)/1\\.73m\\^?2$", "/{1.73_m2}")
            .replace("mEq", "meq");
    if (!tidy.equals(trimmed)) {
      candidates.add(tidy);
    }
    return candidates;
  }

  private static synchronized boolean same(String candidate, String unit) {
    UcumService ucum = Holder.SERVICE;
    if (ucum.validate(unit) != null) {
      return false;
    }
    try {
      if (!ucum.isComparable(candidate, unit)) {
        return false;
      }
      Decimal converted = ucum.convert(new Decimal(1), candidate, unit);
      return new BigDecimal(converted.asDecimal()).compareTo(BigDecimal.ONE) == 0;
    } catch (UcumException | RuntimeException e) {
      return false;
    }
  }
}
