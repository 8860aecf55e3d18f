package org.crampcare.examples.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** The version printed by {@code crampcare --version}, from the build. */
final class Version implements IVersionProvider {
  private static final String RESOURCE = "/org/crampcare/examples/cli/version.properties";

  @Override
  public String[] getVersion() throws IOException {
    return new String[] {"crampcare " + version()};
  }

  /** Returns the project version, or "development" when run outside a Maven build. */
  static String version() throws IOException {
    Properties properties = new Properties();
    try (InputStream in = Version.class.getResourceAsStream(RESOURCE)) {
      if (in != null) {
        properties.load(in);
      }
    }
    String version = properties.getProperty("version", "");
    return version.isEmpty() || version.startsWith("${") ? "development" : version;
  }
}
