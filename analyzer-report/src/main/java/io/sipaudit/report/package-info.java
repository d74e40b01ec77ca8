/**
 * Renders the results of an audit or a simulation for people and tools: a text table for the terminal,
 * CSV for spreadsheets, and HTML or PDF for sharing, all from the same model. For example, one row of the
 * text table reads {@code 127.0.1.12  82 calls  41.0%  expected 33.3% ± 5%  FINDING}. Reporters only format;
 * the numbers come from {@code io.sipaudit.audit} and {@code io.sipaudit.simulate} in analyzer-core. This
 * package may depend on analyzer-core but never on {@code io.sipaudit.cli}; {@code PackageDependencyTest}
 * enforces that. So far it holds {@code Html}, the one escaper for text taken from a capture, and
 * {@code LadderSvg}, which draws a call's messages as a sequence diagram.
 */
@NullMarked
package io.sipaudit.report;

import org.jspecify.annotations.NullMarked;
