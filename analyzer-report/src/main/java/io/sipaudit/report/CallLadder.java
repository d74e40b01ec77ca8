package io.sipaudit.report;

import static java.util.Objects.requireNonNull;

import io.sipaudit.ladder.Ladder;

/**
 * A ladder the report shows and why this call was chosen.
 *
 * @param reason e.g. {@code failed over from 127.0.1.21:5060 to 127.0.1.22:5060}
 * @param ladder the messages
 */
public record CallLadder(String reason, Ladder ladder) {
  public CallLadder {
    requireNonNull(reason, "reason");
    requireNonNull(ladder, "ladder");
  }
}
