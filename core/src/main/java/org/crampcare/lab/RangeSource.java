package org.crampcare.lab;

import org.crampcare.terminology.Coded;

/** Which reference range was used to interpret a result. */
public enum RangeSource implements Coded {
  /** The reporting lab's own range. */
  LAB("lab"),
  /** The knowledge base's documented typical adult interval. */
  ADULT_DEFAULT("adult-default"),
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
