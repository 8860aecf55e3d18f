package org.crampcare.terminology;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** Lookups over {@link Coded} enums. */
public final class Codes {
  private Codes() {}

  /**
   * Finds the constant of {@code type} whose {@link Coded#code()} equals {@code code}.
   *
   * @param type the enum class
   * @param code the code to look up
   * @return the constant, or empty if no constant has that code
   */
  public static <E extends Enum<E> & Coded> Optional<E> fromCode(Class<E> type, String code) {
    for (E constant : type.getEnumConstants()) {
      if (constant.code().equals(code)) {
        return Optional.of(constant);
      }
    }
    return Optional.empty();
  }

  /**
   * Returns the constant with the given code, or throws naming the field, the value and the allowed
   * codes.
   *
   * @param type the enum class
   * @param field the field name to put in the message
   * @param code the code to look up
   * @return the constant
   * @throws IllegalArgumentException if no constant has that code
   */
  public static <E extends Enum<E> & Coded> E require(Class<E> type, String field, String code) {
    return fromCode(type, code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    String.format(
                        "%s '%s' is not known; expected one of %s", field, code, allowed(type))));
  }

  /** Returns the codes of {@code type}, comma-separated, in declaration order. */
  public static <E extends Enum<E> & Coded> String allowed(Class<E> type) {
    return Arrays.stream(type.getEnumConstants())
        .map(Coded::code)
        .collect(Collectors.joining(", "));
  }
}
