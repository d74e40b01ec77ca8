package io.sipaudit.textlog;

import static java.util.Objects.requireNonNull;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;

/**
 * A timestamp as a text trace writes it, often incomplete; {@link TimeResolver} turns it into an instant.
 *
 * <p>Examples: Kamailio sipdump {@code time: 1718000000.123456} is {@link Absolute}; sngrep
 * {@code 2024/06/10 08:13:20.123456} is {@link Wall}; Asterisk {@code [Sep 12 10:18:14]} is {@link NoYear};
 * FreeSWITCH {@code at 12:30:57.916812:} is {@link TimeOfDay}; ngrep {@code -T} {@code +0.000412} is
 * {@link SincePrevious}.
 */
sealed interface LogTime {

  /** A point in time: epoch seconds in the log. */
  record Absolute(Instant instant) implements LogTime {
    public Absolute {
      requireNonNull(instant, "instant");
    }
  }

  /** A wall-clock date and time without a zone, read in {@link TextTraceOptions#zone()}. */
  record Wall(LocalDateTime dateTime) implements LogTime {
    public Wall {
      requireNonNull(dateTime, "dateTime");
    }
  }

  /** Month, day and time without the year, as Asterisk's default {@code %b %d %H:%M:%S} writes it. */
  record NoYear(int month, int day, LocalTime time) implements LogTime {
    public NoYear {
      requireNonNull(time, "time");
      if (month < 1 || month > 12 || day < 1 || day > 31) {
        throw new IllegalArgumentException("month " + month + ", day " + day + " (expected: 1-12, 1-31)");
      }
    }
  }

  /** A time of day without a date, as FreeSWITCH and tcpdump write it. */
  record TimeOfDay(LocalTime time) implements LogTime {
    public TimeOfDay {
      requireNonNull(time, "time");
    }
  }

  /** Microseconds since the previous message, as {@code ngrep -T} writes them. */
  record SincePrevious(long micros) implements LogTime {
    public SincePrevious {
      if (micros < 0) {
        throw new IllegalArgumentException("micros " + micros + " (expected: >= 0)");
      }
    }
  }
}
