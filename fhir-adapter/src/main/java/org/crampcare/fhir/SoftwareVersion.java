package org.crampcare.fhir;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The version of this library, from the jar's Maven metadata; "development" outside a jar. */
final class SoftwareVersion {
  private static final String POM_PROPERTIES =
      "META-INF/maven/org.crampcare/crampcare-fhir-adapter/pom.properties";

  static final String VERSION = read();

  private SoftwareVersion() {}

  private static String read() {
    try (InputStream in =
        SoftwareVersion.class.getClassLoader().getResourceAsStream(POM_PROPERTIES)) {
      if (in != null) {
        Properties p = new Properties();
        p.load(in);
        String version = p.getProperty("version");
        if (version != null && !version.isBlank()) {
          return version;
        }
      }
    } catch (IOException e) {
      // fall through: the version is informational
    }
    return "development";
  }
}
