package org.crampcare.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import org.junit.jupiter.api.Test;

class CodingTest {
  @Test
  void coding_blankCode_isRejectedNamingTheSystem() {
    assertThatIllegalArgumentException()
        .isThrownBy(() -> new Coding("http://snomed.info/sct", " ", "x"))
        .withMessage("coding.code must not be blank (system http://snomed.info/sct)");
  }

  @Test
  void coding_keepsItsParts() {
    assertThat(new Coding("s", "c", "d").code()).isEqualTo("c");
  }
}
