package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.DataFormatException;
import ca.uhn.fhir.parser.IParser;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/** Reads and writes FHIR files for the command line, with errors that name the file. */
final class FhirFiles {
  /** The name standard input is shown as in messages. */
  static final String STDIN = "-";

  private FhirFiles() {}

  /** The input size limit unless {@code --max-input-size} says otherwise: 32 MB. */
  static final long DEFAULT_MAX_INPUT_BYTES = 32L * 1024 * 1024;

  /**
   * Reads a file (or standard input for {@code -}) as UTF-8 text, without a leading byte-order
   * mark, up to the default size limit.
   *
   * @throws UserInputException naming the file and why it cannot be read
   */
  static String readText(String file, InputStream stdin) {
    return readText(file, stdin, DEFAULT_MAX_INPUT_BYTES);
  }

  /**
   * Reads a file (or standard input for {@code -}) as UTF-8 text, without a leading byte-order
   * mark.
   *
   * @param maxBytes the most bytes read; a larger input is refused before it is read
   * @throws UserInputException naming the file and why it cannot be read, or its size and the
   *     option that raises the limit
   */
  static String readText(String file, InputStream stdin, long maxBytes) {
    byte[] bytes;
    try {
      if (STDIN.equals(file)) {
        bytes = stdin.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (bytes.length > maxBytes) {
          throw tooLarge("standard input", "more than " + InputSize.format(maxBytes), maxBytes);
        }
      } else {
        Path path = Path.of(file);
        if (Files.isDirectory(path)) {
          throw new UserInputException(file + ": is a folder; expected a file");
        }
        long size = Files.size(path);
        if (size > maxBytes) {
          throw tooLarge(file, InputSize.format(size), maxBytes);
        }
        bytes = Files.readAllBytes(path);
      }
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserInputException(file + ": permission denied");
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
    String text = new String(bytes, StandardCharsets.UTF_8);
    // Editors on Windows start UTF-8 files with a byte-order mark; it is not part of the JSON.
    return text.startsWith("\uFEFF") ? text.substring(1) : text;
  }

  private static UserInputException tooLarge(String what, String size, long maxBytes) {
    return new UserInputException(
        what
            + ": is "
            + size
            + ", over the input limit of "
            + InputSize.format(maxBytes)
            + "; a patient's record is far smaller. If this one is right, raise the limit with"
            + " --max-input-size (for example --max-input-size "
            + InputSize.format(Math.max(maxBytes * 2, 1)).replace(" ", "")
            + ") and give Java enough memory (JAVA_OPTS=-Xmx...).");
  }

  /**
   * Parses FHIR JSON or XML, chosen by the first character.
   *
   * @param file the file name, for messages
   * @throws UserInputException naming the file and what is wrong
   */
  static IBaseResource parse(FhirContext fhirContext, String file, String text) {
    return parse(fhirContext, file, text, new ArrayList<>());
  }

  /**
   * Parses FHIR JSON or XML, chosen by the first character, and adds to {@code warnings} what the
   * parser skipped or doubted (unknown elements, repeats...), each starting with the file name.
   *
   * @param file the file name, for messages
   * @throws UserInputException naming the file and what is wrong
   */
  static IBaseResource parse(
      FhirContext fhirContext, String file, String text, List<String> warnings) {
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      throw new UserInputException(file + ": is empty; expected a FHIR resource in JSON or XML");
    }
    char first = trimmed.charAt(0);
    IParser parser;
    String format;
    if (first == '{') {
      parser = fhirContext.newJsonParser();
      format = "JSON";
    } else if (first == '<') {
      parser = fhirContext.newXmlParser();
      format = "XML";
    } else {
      throw new UserInputException(
          file
              + ": is not FHIR JSON or XML (it starts with "
              + describeCharacter(first)
              + "; expected '{' or '<')");
    }
    ParseWarnings handler = new ParseWarnings();
    parser.setParserErrorHandler(handler);
    try {
      IBaseResource resource = parser.parseResource(trimmed);
      for (String w : handler.warnings()) {
        warnings.add(file + ": " + w);
      }
      return resource;
    } catch (DataFormatException e) {
      throw new UserInputException(
          file + ": is not valid FHIR " + format + ": " + withoutHapiCode(e.getMessage()), e);
    }
  }

  /**
   * Reads a FHIR Bundle.
   *
   * @throws UserInputException naming the file and what is wrong
   */
  static Bundle readBundle(
      FhirContext fhirContext,
      String file,
      InputStream stdin,
      long maxBytes,
      List<String> warnings) {
    IBaseResource resource = parse(fhirContext, file, readText(file, stdin, maxBytes), warnings);
    if (!(resource instanceof Bundle)) {
      throw new UserInputException(
          file
              + ": is a "
              + fhirContext.getResourceType(resource)
              + " resource; expected a Bundle with one patient's data");
    }
    return (Bundle) resource;
  }

  /** Returns a resource in the given format, ending with a line break, for a file. */
  static String encode(FhirContext fhirContext, IBaseResource resource, OutputFormat format) {
    return format.parser(fhirContext).encodeResourceToString(resource) + "\n";
  }

  /** Returns {@code 'x'} for a visible character, {@code U+FFFE} for one that is not. */
  static String describeCharacter(char c) {
    boolean visible =
        !Character.isISOControl(c)
            && !Character.isWhitespace(c)
            && Character.getType(c) != Character.FORMAT
            && Character.isDefined(c)
            && c != '\uFFFD';
    return visible
        ? "'" + c + "'"
        : String.format(java.util.Locale.ROOT, "the character U+%04X", (int) c);
  }

  /** Strips HAPI's "HAPI-1234: " message prefix, which means nothing to a user. */
  static String withoutHapiCode(String message) {
    return message == null ? "(no detail)" : message.replaceFirst("^HAPI-\\d+: ", "");
  }
}
