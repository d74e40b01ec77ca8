package io.sipaudit.cli;

/**
 * Process exit codes of {@code sipaudit}; the 6x and 70 values follow BSD {@code sysexits.h}.
 *
 * <p>Example: {@code ./sipaudit lab-truth missing.log; echo $?} prints {@code 66}. Every code here is listed
 * in {@code sipaudit --help} and in the README's exit-code table.
 */
public final class ExitCodes {

  /** The command succeeded and found nothing at or above the threshold. */
  public static final int OK = 0;

  /** The audit ran to the end and reported findings at or above the threshold, e.g. {@code --fail-on warning}. */
  public static final int FINDINGS = 1;

  /** Invalid usage: unknown option, missing or malformed parameter, or no command; picocli's default. */
  public static final int USAGE = 2;

  /** The input exists but its content is malformed or cannot be read, e.g. a truncated pcap ({@code EX_DATAERR}). */
  public static final int DATA_ERR = 65;

  /** An input file is missing or not readable, e.g. {@code NoSuchFileException} ({@code EX_NOINPUT}). */
  public static final int NO_INPUT = 66;

  /**
   * The {@code ./sipaudit} launcher found no {@code java}, or no {@code mvn} when it had to build; or {@code serve}
   * cannot listen on its address, e.g. the port is taken ({@code EX_UNAVAILABLE}).
   */
  public static final int UNAVAILABLE = 69;

  /**
   * Internal error, a bug in sipaudit ({@code --debug} prints the stack trace), or a failed build in the
   * {@code ./sipaudit} launcher ({@code EX_SOFTWARE}).
   */
  public static final int SOFTWARE = 70;

  private ExitCodes() {}
}
