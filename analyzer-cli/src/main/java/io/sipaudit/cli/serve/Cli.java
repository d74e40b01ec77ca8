package io.sipaudit.cli.serve;

import java.io.Writer;
import java.util.List;

/**
 * Runs one sipaudit command in this process, as {@code sipaudit ARGS...} would on a terminal.
 *
 * <p>Example: {@code cli.run(List.of("analyze", "--format", "json", "-q", "/tmp/x/input-1"), out, err)} writes the
 * analysis JSON to {@code out} and returns {@code 0}. The exit codes are sipaudit's
 * ({@code io.sipaudit.cli.ExitCodes}); the ones the server tells apart are constants here.
 */
@FunctionalInterface
public interface Cli {
  /** Success ({@code check}: every check passed). */
  int OK = 0;
  /** {@code check}: a check of the policy failed; the JSON holds the verdict. */
  int FINDINGS = 1;
  /** A usage error: here, a configuration the user sent that sipaudit refuses (stderr says why). */
  int USAGE = 2;
  /** An input is malformed or damaged part way; the output covers what came before, stderr names the offset. */
  int DATA_ERR = 65;

  /** Runs {@code args} with standard output to {@code out} and standard error to {@code err}; returns the exit code. */
  int run(List<String> args, Writer out, Writer err);
}
