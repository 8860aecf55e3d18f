package org.crampcare.examples.cli;

import org.crampcare.fhir.PreviousPlans;

/** Says in a few lines which earlier CrampCare plans a transaction replaces. */
final class Supersession {
  private Supersession() {}

  /**
   * Returns what was (or, before writing, will be) replaced; empty when nothing was.
   *
   * @param written whether the transaction was written (past tense) or not (conditional)
   */
  static String describe(PreviousPlans.Superseded superseded, boolean written) {
    StringBuilder s = new StringBuilder();
    if (!superseded.carePlans().isEmpty()) {
      s.append(written ? "Replaced " : "The transaction replaces ")
          .append(
              superseded.carePlans().size() == 1
                  ? "the earlier CrampCare plan "
                  : "the earlier CrampCare plans ")
          .append(String.join(", ", superseded.carePlans()))
          .append(" (now revoked, listed in the new plan's 'replaces') and ")
          .append(written ? "revoked " : "revokes ")
          .append(superseded.requests().size())
          .append(superseded.requests().size() == 1 ? " open request" : " open requests")
          .append(superseded.carePlans().size() == 1 ? " of it." : " of them.")
          .append('\n');
    }
    for (String left : superseded.notSuperseded()) {
      s.append("Warning: an earlier CrampCare plan stays open: ").append(left).append(".\n");
    }
    return s.toString();
  }
}
