package org.crampcare.lab;

import org.crampcare.terminology.Coded;

/** Which reference range was used to interpret a result. */
public enum RangeSource implements Coded {
  /** The reporting lab's own range. */
  LAB("lab"),
  /** The knowledge base's documented typical adult interval. */
  ADULT_DEFAULT("adult-default"),
  /** No numeric range was usable; the lab's own interpretation flag was. */
  LAB_FLAG("lab-flag"),
  /** No range was available. */
  NONE("none");

  private final String code;

  RangeSource(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }
}
