package org.crampcare.examples.cli;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/**
 * The {@code --max-input-size SIZE} option: the largest input file a command reads. A record that
 * size is parsed into memory, so the limit keeps a wrong file from taking the machine's memory.
 */
final class InputSize {
  private static final Pattern SIZE =
      Pattern.compile("(\\d{1,12})\\s*([kmg]?)(i?b)?", Pattern.CASE_INSENSITIVE);

  @Option(
      names = "--max-input-size",
      paramLabel = "SIZE",
      defaultValue = "32MB",
      converter = Converter.class,
      description =
          "The largest input read, in bytes or with KB, MB or GB (default: ${DEFAULT-VALUE});"
              + " a larger file is refused before it is read.")
  private long maxBytes = FhirFiles.DEFAULT_MAX_INPUT_BYTES;

  /** Returns the limit in bytes. */
  long maxBytes() {
    return maxBytes;
  }

  /** Returns "52.3 MB", "900 KB" or "512 bytes". */
  static String format(long bytes) {
    if (bytes >= 1024L * 1024 * 1024) {
      return String.format(Locale.ROOT, "%.1f GB", bytes / (1024.0 * 1024 * 1024));
    }
    if (bytes >= 1024L * 1024) {
      return String.format(Locale.ROOT, "%.1f MB", bytes / (1024.0 * 1024));
    }
    if (bytes >= 1024) {
      return String.format(Locale.ROOT, "%.0f KB", bytes / 1024.0);
    }
    return bytes + " bytes";
  }

  /** Parses {@code 32MB}, {@code 500k}, {@code 1g} or a number of bytes (powers of 1024). */
  static final class Converter implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      Matcher m = SIZE.matcher(value.strip());
      if (!m.matches()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a size; expected bytes or a number with KB, MB or GB, e.g. 64MB");
      }
      long n = Long.parseLong(m.group(1));
      long unit;
      switch (m.group(2).toLowerCase(Locale.ROOT)) {
        case "k":
          unit = 1024L;
          break;
        case "m":
          unit = 1024L * 1024;
          break;
        case "g":
          unit = 1024L * 1024 * 1024;
          break;
        default:
          unit = 1;
      }
      if (n < 1 || n > Long.MAX_VALUE / unit || n * unit > 2L * 1024 * 1024 * 1024 - 16) {
        throw new TypeConversionException(
            "'" + value + "' is out of range; expected at least 1 byte and at most 2 GB");
      }
      return n * unit;
    }
  }
}
