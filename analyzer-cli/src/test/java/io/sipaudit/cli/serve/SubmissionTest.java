package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

final class SubmissionTest {
  private static final Path DIR = Path.of("/tmp/u/1");

  @Test
  void argumentsGiveTheConfigurationThenEachInputsNameThenTheFiles() {
    Submission s = new Submission(DIR, List.of(new Submission.Input(DIR.resolve("input-1"), "calls.pcap"),
        new Submission.Input(DIR.resolve("input-2"), "-h @args")), DIR.resolve("dispatcher.list"), null, null, null,
        "kamailio:4");

    assertEquals(List.of("--dispatcher", "/tmp/u/1/dispatcher.list", "--algorithm", "kamailio:4",
        "--input-name=calls.pcap", "--input-name=-h @args", "--", "/tmp/u/1/input-1", "/tmp/u/1/input-2"),
        s.arguments());
  }

  @Test
  void aSubmissionNeedsAnInput() {
    assertThrows(IllegalArgumentException.class, () -> new Submission(DIR, List.of(), null, null, null, null, null));
  }
}
