package org.crampcare.fhir.population;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.google.common.collect.ImmutableList;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;

/**
 * The NDJSON files of a FHIR Bulk Data export (Bulk Data Access 2.0): one resource type per file,
 * possibly several files per type, plain ({@code .ndjson}) or gzip ({@code .ndjson.gz}).
 */
public final class BulkInput {
  private static final ObjectMapper JSON = new ObjectMapper();

  private BulkInput() {}

  /**
   * Returns the NDJSON files of an export: those in a folder (sorted by name), or those a manifest
   * file lists in {@code output} (its {@code url}s: local paths, relative to the manifest, or
   * {@code file:} URLs).
   *
   * @param folderOrManifest a folder of NDJSON files, or a Bulk Data manifest (JSON)
   * @throws IllegalArgumentException naming the path and what is wrong with it
   * @throws UncheckedIOException if it cannot be read
   */
  public static ImmutableList<Path> files(Path folderOrManifest) {
    if (Files.isDirectory(folderOrManifest)) {
      try (Stream<Path> listing = Files.list(folderOrManifest)) {
        ImmutableList<Path> files =
            listing.filter(BulkInput::isNdjson).sorted().collect(ImmutableList.toImmutableList());
        if (files.isEmpty()) {
          throw new IllegalArgumentException(
              folderOrManifest
                  + ": holds no .ndjson or .ndjson.gz file; expected a Bulk Data export");
        }
        return files;
      } catch (IOException e) {
        throw new UncheckedIOException(folderOrManifest + ": cannot be listed", e);
      }
    }
    if (!Files.isRegularFile(folderOrManifest)) {
      throw new IllegalArgumentException(
          folderOrManifest + ": no such folder or file; expected an export folder or manifest");
    }
    return fromManifest(folderOrManifest);
  }

  private static ImmutableList<Path> fromManifest(Path manifest) {
    JsonNode root;
    try {
      root = JSON.readTree(manifest.toFile());
    } catch (IOException e) {
      throw new IllegalArgumentException(
          manifest + ": is not a Bulk Data manifest (JSON): " + e.getMessage(), e);
    }
    JsonNode output = root.path("output");
    if (!output.isArray()) {
      throw new IllegalArgumentException(
          manifest + ": has no 'output' array; expected a Bulk Data manifest");
    }
    List<Path> files = new ArrayList<>();
    Path base =
        java.util.Objects.requireNonNullElse(manifest.toAbsolutePath().getParent(), Path.of("/"));
    int i = 0;
    for (JsonNode entry : output) {
      String url = entry.path("url").asText("");
      if (url.isEmpty()) {
        throw new IllegalArgumentException(manifest + ": output[" + i + "].url is missing");
      }
      Path file;
      if (url.startsWith("file:")) {
        file = Path.of(URI.create(url));
      } else if (url.startsWith("http:") || url.startsWith("https:")) {
        throw new IllegalArgumentException(
            manifest
                + ": output["
                + i
                + "].url '"
                + url
                + "' is on a server; download the files first and list them by path");
      } else {
        file = base.resolve(url);
      }
      if (!Files.isRegularFile(file)) {
        throw new IllegalArgumentException(
            manifest + ": output[" + i + "].url '" + url + "': no such file " + file);
      }
      files.add(file);
      i++;
    }
    return ImmutableList.copyOf(files);
  }

  static boolean isNdjson(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    return Files.isRegularFile(file) && (name.endsWith(".ndjson") || name.endsWith(".ndjson.gz"));
  }
}
