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
import org.hl7.fhir.instance.model.api.IBaseResource;
import org.hl7.fhir.r4.model.Bundle;

/** Reads and writes FHIR files for the command line, with errors that name the file. */
final class FhirFiles {
  /** The name standard input is shown as in messages. */
  static final String STDIN = "-";

  private FhirFiles() {}

  /**
   * Reads a file (or standard input for {@code -}) as text.
   *
   * @throws UserInputException naming the file and why it cannot be read
   */
  static String readText(String file, InputStream stdin) {
    try {
      if (STDIN.equals(file)) {
        return new String(stdin.readAllBytes(), StandardCharsets.UTF_8);
      }
      return Files.readString(Path.of(file), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": no such file");
    } catch (AccessDeniedException e) {
      throw new UserInputException(file + ": permission denied");
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be read: " + e.getMessage(), e);
    }
  }

  /**
   * Parses FHIR JSON or XML, chosen by the first character.
   *
   * @param file the file name, for messages
   * @throws UserInputException naming the file and what is wrong
   */
  static IBaseResource parse(FhirContext fhirContext, String file, String text) {
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
          file + ": is not FHIR JSON or XML (it starts with '" + first + "'; expected '{' or '<')");
    }
    try {
      return parser.parseResource(trimmed);
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
  static Bundle readBundle(FhirContext fhirContext, String file, InputStream stdin) {
    IBaseResource resource = parse(fhirContext, file, readText(file, stdin));
    if (!(resource instanceof Bundle)) {
      throw new UserInputException(
          file
              + ": is a "
              + fhirContext.getResourceType(resource)
              + " resource; expected a Bundle with one patient's data");
    }
    return (Bundle) resource;
  }

  /**
   * Writes a resource in the given format.
   *
   * @throws UserInputException naming the file if it cannot be written
   */
  static void write(
      FhirContext fhirContext, IBaseResource resource, String file, OutputFormat format) {
    String text = format.parser(fhirContext).encodeResourceToString(resource) + "\n";
    try {
      Path path = Path.of(file);
      Files.writeString(path, text, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new UserInputException(file + ": cannot be written: its folder does not exist");
    } catch (AccessDeniedException e) {
      throw new UserInputException(file + ": cannot be written: permission denied");
    } catch (IOException e) {
      throw new UserInputException(file + ": cannot be written: " + e.getMessage(), e);
    }
  }

  /** Strips HAPI's "HAPI-1234: " message prefix, which means nothing to a user. */
  static String withoutHapiCode(String message) {
    return message == null ? "(no detail)" : message.replaceFirst("^HAPI-\\d+: ", "");
  }
}
