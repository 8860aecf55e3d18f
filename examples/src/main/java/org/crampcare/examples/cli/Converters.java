package org.crampcare.examples.cli;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Checks option values before a command runs, so that a wrong value is a usage error (exit 2)
 * naming the option, the value and what is expected, never a failure halfway through.
 */
final class Converters {
  private Converters() {}

  /** A FHIR server's base URL: absolute {@code http} or {@code https}, with a host, no query. */
  static final class FhirBaseUrl implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      URI uri;
      try {
        uri = new URI(value.strip());
      } catch (URISyntaxException e) {
        throw new TypeConversionException(
            "'" + value + "' is not a URL; expected a base URL such as http://localhost:8080/fhir");
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!scheme.equals("http") && !scheme.equals("https")) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not an http or https URL; expected a base URL such as"
                + " http://localhost:8080/fhir");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw new TypeConversionException(
            "'" + value + "' has no host; expected a base URL such as http://localhost:8080/fhir");
      }
      if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getUserInfo() != null) {
        throw new TypeConversionException(
            "'"
                + value
                + "' has a query, fragment or user name; expected a plain base URL (a token goes in"
                + " --bearer-token)");
      }
      return uri.toString();
    }
  }

  /** A FHIR resource id: 1-64 of {@code A-Z a-z 0-9 - .} (FHIR R4 "id" datatype). */
  static final class FhirId implements ITypeConverter<String> {
    private static final Pattern ID = Pattern.compile("[A-Za-z0-9\\-.]{1,64}");

    @Override
    public String convert(String value) {
      if (!ID.matcher(value).matches()) {
        throw new TypeConversionException(
            "'"
                + value
                + "' is not a FHIR id; expected 1 to 64 letters, digits, '-' or '.' (the id"
                + " alone, without 'Patient/')");
      }
      return value;
    }
  }

  /** An input file that exists and is not a folder, or {@code -} for standard input. */
  static final class InputFile implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      if (FhirFiles.STDIN.equals(value)) {
        return value;
      }
      Path path = path(value);
      if (!Files.exists(path)) {
        throw new TypeConversionException("'" + value + "': no such file");
      }
      if (Files.isDirectory(path)) {
        throw new TypeConversionException("'" + value + "' is a folder; expected a file");
      }
      if (!Files.isReadable(path)) {
        throw new TypeConversionException("'" + value + "' cannot be read: permission denied");
      }
      return value;
    }
  }

  /** An output file whose folder exists; the file itself may or may not exist. */
  static final class OutputFile implements ITypeConverter<String> {
    @Override
    public String convert(String value) {
      Path path = path(value).toAbsolutePath().normalize();
      if (Files.isDirectory(path)) {
        throw new TypeConversionException("'" + value + "' is a folder; expected a file name");
      }
      Path folder = path.getParent();
      if (folder == null || !Files.isDirectory(folder)) {
        throw new TypeConversionException(
            "'" + value + "': its folder " + folder + " does not exist; create it first");
      }
      return value;
    }
  }

  private static Path path(String value) {
    if (value.isBlank()) {
      throw new TypeConversionException("an empty file name; expected a file");
    }
    try {
      return Path.of(value);
    } catch (InvalidPathException e) {
      throw new TypeConversionException(
          "'" + value + "' is not a valid file name: " + e.getReason());
    }
  }
}
