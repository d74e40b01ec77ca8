package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class AnalystTest {
  private static final Path UPLOADS = Path.of("/tmp/sipaudit-serve-1/uploads/4f2a");

  @Test
  void messagesLoseThePrefixTheUploadDirectoryAndTheUsageText() {
    String stderr = "sipaudit: " + UPLOADS + "/dispatcher.list line 3: bad destination\n"
        + "\u001B[31msipaudit: --algorithm needs --dispatcher (the destinations)\u001B[0m\n"
        + "Usage: sipaudit analyze [-hqV] FILE...\n"
        + "  --format=FORMAT\n";

    assertEquals(List.of("dispatcher.list line 3: bad destination", "--algorithm needs --dispatcher (the destinations)"),
        Analyst.messages(stderr, UPLOADS));
  }

  @Test
  void theDebugHintOfAnInternalErrorIsLeftOut() {
    assertEquals(List.of("internal error: java.lang.IllegalStateException: x"),
        Analyst.messages("sipaudit: internal error: java.lang.IllegalStateException: x\n"
            + "Rerun with --debug for the stack trace.\n", UPLOADS));
  }
}
