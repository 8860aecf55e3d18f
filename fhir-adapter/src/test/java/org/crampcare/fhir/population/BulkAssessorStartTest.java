package org.crampcare.fhir.population;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** {@link BulkAssessor#start} reads a line's type and id only where that is certain. */
class BulkAssessorStartTest {
  @Test
  void readsTypeAndId_fromTheWayServersBeginAResource() {
    assertThat(
            BulkAssessor.start(
                "{\"resourceType\":\"ExplanationOfBenefit\",\"id\":\"eob-1.2\",\"status\":\"active\"}"))
        .containsExactly("ExplanationOfBenefit", "eob-1.2");
  }

  @Test
  void leavesEveryOtherLineToTheParser() {
    for (String line :
        new String[] {
          "{\"id\":\"c1\",\"resourceType\":\"Claim\"}", // id first
          "{ \"resourceType\":\"Claim\",\"id\":\"c1\"}", // a space
          "{\"resourceType\":\"Claim\",\"status\":\"active\",\"id\":\"c1\"}", // id later
          "{\"resourceType\":\"Claim\",\"id\":\"c/1\"}", // not an id
          "{\"resourceType\":\"Claim\",\"id\":\"\"}", // empty id
          "{\"resourceType\":\"claim\",\"id\":\"c1\"}", // not a type name
          "{\"resourceType\":\"Claim\",\"id\":\"c1\",\"contained\":[{\"resourceType\":\"Coverage\"}]}",
          "{\"resourceType\":\"Claim\",\"id\":\"c1\",\"resourceType\":\"Observation\"}",
          "{\"resourceType\":\"Claim\",\"id\":\"c1", // cut short
        }) {
      assertThat(BulkAssessor.start(line)).as(line).isNull();
    }
  }
}
