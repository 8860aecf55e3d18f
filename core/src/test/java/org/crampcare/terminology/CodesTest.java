package org.crampcare.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.crampcare.episode.BodySite;
import org.crampcare.episode.Laterality;
import org.junit.jupiter.api.Test;

class CodesTest {

  @Test
  void fromCode_findsTheConstantByItsCode() {
    assertThat(Codes.fromCode(BodySite.class, "upper-arm")).contains(BodySite.UPPER_ARM);
    assertThat(Codes.fromCode(BodySite.class, "UPPER-ARM")).isEmpty();
    assertThat(Codes.fromCode(BodySite.class, "knee")).isEmpty();
  }

  @Test
  void require_unknownCode_namesFieldValueAndAllowedCodes() {
    assertThat(Codes.require(Laterality.class, "episode.laterality", "both"))
        .isEqualTo(Laterality.BOTH);
    assertThatThrownBy(() -> Codes.require(Laterality.class, "episode.laterality", "middle"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("episode.laterality 'middle' is not known; expected one of left, right, both");
  }

  @Test
  void allowed_listsCodesInDeclarationOrder() {
    assertThat(Codes.allowed(BodySite.class))
        .isEqualTo(
            "hand, finger, thumb, wrist, forearm, upper-arm, foot, toe, calf, lower-leg, thigh,"
                + " abdomen, neck, back");
  }

  @Test
  void coding_blankSystemOrCode_isRejected() {
    assertThatThrownBy(() -> new Coding(" ", "1", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("coding.system must not be blank");
    assertThatThrownBy(() -> new Coding(CodeSystems.LOINC, "", "x"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("coding.code must not be blank (system http://loinc.org)");
  }

  @Test
  void codeSystems_areTheOnesTheFhirAdapterPublishes() {
    assertThat(CodeSystems.CRAMPCARE_RECOMMENDATION)
        .isEqualTo("https://crampcare.org/fhir/CodeSystem/recommendation");
    assertThat(CodeSystems.CRAMPCARE_CAUTION)
        .isEqualTo("https://crampcare.org/fhir/CodeSystem/caution");
    assertThat(CodeSystems.SNOMED_CT).isEqualTo("http://snomed.info/sct");
  }
}
