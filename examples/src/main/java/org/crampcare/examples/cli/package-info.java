/**
 * The {@code crampcare} command line: {@code assess}, {@code validate}, {@code sync} and {@code
 * serve}. The entry point is {@link org.crampcare.examples.cli.CrampCareCli}.
 */
@NullMarked
package org.crampcare.examples.cli;

import org.jspecify.annotations.NullMarked;
