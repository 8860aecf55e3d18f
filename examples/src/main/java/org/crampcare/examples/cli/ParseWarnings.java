package org.crampcare.examples.cli;

import ca.uhn.fhir.parser.LenientErrorHandler;
import ca.uhn.fhir.parser.json.BaseJsonLikeValue;
import java.util.ArrayList;
import java.util.List;

/**
 * Collects what HAPI's lenient parser skipped or doubted in one file, so that the command line
 * reports it next to the file's name instead of HAPI logging a line with no file and no place.
 * Whatever makes the parser fail still fails ({@link LenientErrorHandler}'s behaviour is kept).
 */
final class ParseWarnings extends LenientErrorHandler {
  private final List<String> warnings = new ArrayList<>();

  ParseWarnings() {
    super(false);
  }

  /** Returns the warnings, in the order met. */
  List<String> warnings() {
    return warnings;
  }

  private void add(IParseLocation location, String what) {
    String where = location == null ? null : location.getParentElementName();
    warnings.add(what + (where == null ? "" : " (in " + where + ")"));
  }

  @Override
  public void unknownElement(IParseLocation location, String name) {
    add(location, "unknown element '" + name + "': not FHIR R4, ignored");
    super.unknownElement(location, name);
  }

  @Override
  public void unknownAttribute(IParseLocation location, String name) {
    add(location, "unknown attribute '" + name + "': ignored");
    super.unknownAttribute(location, name);
  }

  @Override
  public void unexpectedRepeatingElement(IParseLocation location, String name) {
    add(location, "element '" + name + "' repeats where FHIR allows one");
    super.unexpectedRepeatingElement(location, name);
  }

  @Override
  public void incorrectJsonType(
      IParseLocation location,
      String name,
      BaseJsonLikeValue.ValueType expected,
      BaseJsonLikeValue.ScalarType expectedScalar,
      BaseJsonLikeValue.ValueType found,
      BaseJsonLikeValue.ScalarType foundScalar) {
    add(
        location,
        createIncorrectJsonTypeMessage(name, expected, expectedScalar, found, foundScalar));
    super.incorrectJsonType(location, name, expected, expectedScalar, found, foundScalar);
  }

  @Override
  public void missingRequiredElement(IParseLocation location, String name) {
    add(location, "required element '" + name + "' is missing");
    super.missingRequiredElement(location, name);
  }

  @Override
  public void containedResourceWithNoId(IParseLocation location) {
    add(location, "a contained resource has no id");
    super.containedResourceWithNoId(location);
  }

  @Override
  public void invalidInternalReference(IParseLocation location, String reference) {
    add(location, "reference '" + reference + "' matches no contained resource");
    super.invalidInternalReference(location, reference);
  }

  @Override
  public void extensionContainsValueAndNestedExtensions(IParseLocation location) {
    add(location, "an extension has both a value and nested extensions");
    super.extensionContainsValueAndNestedExtensions(location);
  }
}
