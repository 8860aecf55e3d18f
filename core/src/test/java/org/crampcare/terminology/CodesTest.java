package org.crampcare.terminology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.stream.Stream;
import org.crampcare.episode.AssociatedSign;
import org.crampcare.episode.BodySite;
import org.crampcare.episode.Impact;
import org.crampcare.episode.Laterality;
import org.crampcare.episode.ReliefMeasure;
import org.crampcare.episode.Setting;
import org.crampcare.lab.Analyte;
import org.crampcare.lab.Interpretation;
import org.crampcare.lab.RangeSource;
import org.crampcare.patient.ConditionKind;
import org.crampcare.patient.ExerciseHabit;
import org.crampcare.patient.MedicationClass;
import org.crampcare.patient.Sex;
import org.crampcare.pattern.SeverityTrend;
import org.crampcare.recommendation.Category;
import org.crampcare.recommendation.Notice;
import org.crampcare.recommendation.Priority;
import org.crampcare.risk.FactKind;
import org.crampcare.risk.RedFlagKind;
import org.crampcare.risk.RiskFactorKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

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

  static Stream<Class<? extends Enum<?>>> codedEnums() {
    return Stream.of(
        AssociatedSign.class,
        BodySite.class,
        Impact.class,
        Laterality.class,
        ReliefMeasure.class,
        Setting.class,
        Analyte.class,
        Interpretation.class,
        RangeSource.class,
        ConditionKind.class,
        ExerciseHabit.class,
        MedicationClass.class,
        Sex.class,
        SeverityTrend.class,
        Category.class,
        Notice.Kind.class,
        Priority.class,
        FactKind.class,
        RedFlagKind.class,
        RiskFactorKind.class);
  }

  @ParameterizedTest
  @MethodSource("codedEnums")
  <E extends Enum<E> & Coded> void everyCodedEnum_hasDistinctLowerCaseCodesThatLookUpBack(
      Class<E> type) {
    E[] constants = type.getEnumConstants();

    assertThat(Arrays.stream(constants).map(Coded::code))
        .doesNotHaveDuplicates()
        .allSatisfy(code -> assertThat(code).matches("[a-z0-9]+(-[a-z0-9]+)*"));
    for (E constant : constants) {
      assertThat(Codes.fromCode(type, constant.code())).contains(constant);
    }
  }
}
