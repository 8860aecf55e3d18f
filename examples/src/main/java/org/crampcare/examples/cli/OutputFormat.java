package org.crampcare.examples.cli;

import ca.uhn.fhir.context.FhirContext;
import ca.uhn.fhir.parser.IParser;

/** The format of the FHIR files the command line writes. */
enum OutputFormat {
  /** FHIR JSON, pretty-printed. */
  JSON,
  /** FHIR XML, pretty-printed. */
  XML;

  /** Returns a new pretty-printing parser for this format. */
  IParser parser(FhirContext fhirContext) {
    IParser parser = this == JSON ? fhirContext.newJsonParser() : fhirContext.newXmlParser();
    return parser.setPrettyPrint(true);
  }
}
