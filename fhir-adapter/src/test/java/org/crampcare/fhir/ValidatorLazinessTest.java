package org.crampcare.fhir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validator costs about 200 MB and seconds to start: it must never load unless asked for. This
 * test loads the adapter in a fresh class loader and watches which classes get loaded.
 */
class ValidatorLazinessTest {
  private static final String INSTANCE_VALIDATOR =
      "org.hl7.fhir.common.hapi.validation.validator.FhirInstanceValidator";
  private static final String ENGINE = "org.crampcare.fhir.ValidatorEngine";

  /** A class loader over the test class path that can say which classes it has loaded. */
  private static final class Watching extends URLClassLoader {
    Watching(URL[] urls) {
      super(urls, ClassLoader.getPlatformClassLoader());
    }

    boolean loaded(String name) {
      return findLoadedClass(name) != null;
    }
  }

  private static URL[] classPath() throws MalformedURLException {
    String path =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    List<URL> urls = new ArrayList<>();
    for (String entry : path.split(File.pathSeparator)) {
      if (!entry.isBlank()) {
        urls.add(new File(entry).toURI().toURL());
      }
    }
    return urls.toArray(new URL[0]);
  }

  @Test
  void exporterAndValidatorConstruction_loadNoValidationClass_firstValidateDoes() throws Exception {
    ClassLoader previous = Thread.currentThread().getContextClassLoader();
    try (Watching loader = new Watching(classPath())) {
      // HAPI finds its cache provider through the context class loader
      Thread.currentThread().setContextClassLoader(loader);
      Class<?> contextType = loader.loadClass("ca.uhn.fhir.context.FhirContext");
      Object context = contextType.getMethod("forR4").invoke(null);
      Class<?> exporterType = Class.forName("org.crampcare.fhir.FhirExporter", true, loader);
      exporterType.getConstructor(contextType).newInstance(context);
      Class<?> validatorType = Class.forName("org.crampcare.fhir.CrampCareValidator", true, loader);
      Object validator = validatorType.getConstructor(contextType).newInstance(context);
      Class.forName("org.crampcare.fhir.EpisodeObservations", true, loader);

      assertThat(loader.loaded(ENGINE)).isFalse();
      assertThat(loader.loaded(INSTANCE_VALIDATOR)).isFalse();

      Class<?> baseResource = loader.loadClass("org.hl7.fhir.instance.model.api.IBaseResource");
      Object patient =
          loader.loadClass("org.hl7.fhir.r4.model.Patient").getConstructor().newInstance();
      validatorType.getMethod("validate", baseResource).invoke(validator, patient);

      assertThat(loader.loaded(ENGINE)).isTrue();
      assertThat(loader.loaded(INSTANCE_VALIDATOR)).isTrue();
    } finally {
      Thread.currentThread().setContextClassLoader(previous);
    }
  }
}
