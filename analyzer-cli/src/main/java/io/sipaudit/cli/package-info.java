/**
 * The {@code sipaudit} command line, built on picocli. Each subcommand parses its options, calls one entry
 * point in analyzer-core or analyzer-report and turns the outcome into an exit code from {@link
 * io.sipaudit.cli.ExitCodes}; no analysis logic lives here. For example, {@code sipaudit --help} lists the
 * commands and exit codes, and a missing input file ends with one line on stderr and exit code 66. Tests drive
 * the CLI through {@link io.sipaudit.cli.SipAuditCommand#newCommandLine()} with captured output.
 */
@NullMarked
package io.sipaudit.cli;

import org.jspecify.annotations.NullMarked;
