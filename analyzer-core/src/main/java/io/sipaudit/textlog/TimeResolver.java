package io.sipaudit.textlog;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import org.jspecify.annotations.Nullable;

/**
 * Turns the timestamps of one text trace into instants, filling in what the trace leaves out.
 *
 * <p>Rules, in the order of the trace:
 * <ul>
 *   <li>epoch times are taken as they are; wall-clock times are read in the configured zone;
 *   <li>a time of day (FreeSWITCH, tcpdump) gets the base date: {@code --date}, else the file's modification
 *       date, else 1970-01-01; when a time of day is more than 12 hours before the previous one, the day has
 *       rolled over and the date moves on by one;
 *   <li>Asterisk's {@code [Sep 12 10:18:14]} gets the base date's year (December after January: the year before);
 *   <li>a trace without times gets a synthetic clock: the first message at midnight of {@code --date} (or the
 *       epoch), then 1 ms per message, continuing from the last real time in traces that mix both.
 * </ul>
 * Everything but epoch and wall-clock times is marked inferred. Example: base date 2024-06-10,
 * {@code 23:59:59.9} then {@code 00:00:00.1} resolve to 2024-06-10T23:59:59.9 and 2024-06-11T00:00:00.1.
 */
final class TimeResolver {
  /** A resolved time, and whether any of it was assumed. */
  record Resolved(Instant instant, boolean inferred) {
    Resolved {
      java.util.Objects.requireNonNull(instant, "instant");
    }
  }

  private static final Duration TICK = Duration.ofMillis(1);

  private final ZoneId zone;
  private final LocalDate baseDate;
  private final Instant clockStart;
  private LocalDate day;
  private @Nullable LocalTime lastTimeOfDay;
  private @Nullable Instant last;

  TimeResolver(ZoneId zone, @Nullable LocalDate optionDate, @Nullable LocalDate fileDate) {
    this.zone = zone;
    this.baseDate = optionDate != null ? optionDate : fileDate != null ? fileDate : LocalDate.EPOCH;
    this.clockStart = optionDate != null ? optionDate.atStartOfDay(zone).toInstant() : Instant.EPOCH;
    this.day = baseDate;
  }

  /** Resolves the time of the next message; null means the trace gave none. */
  Resolved resolve(@Nullable LogTime time) {
    Instant at;
    boolean inferred = true;
    if (time instanceof LogTime.Absolute a) {
      at = a.instant();
      inferred = false;
    } else if (time instanceof LogTime.Wall w) {
      at = w.dateTime().atZone(zone).toInstant();
      inferred = false;
    } else if (time instanceof LogTime.TimeOfDay t) {
      at = ofTimeOfDay(t.time());
    } else if (time instanceof LogTime.NoYear n) {
      int year = baseDate.getYear();
      if (n.month() == 12 && baseDate.getMonthValue() == 1) {
        year--;
      }
      LocalDate date = LocalDate.of(year, n.month(), Math.min(n.day(), LocalDate.of(year, n.month(), 1).lengthOfMonth()));
      at = LocalDateTime.of(date, n.time()).atZone(zone).toInstant();
    } else if (time instanceof LogTime.SincePrevious s) {
      at = (last != null ? last : clockStart).plus(Duration.ofNanos(s.micros() * 1000));
    } else {
      at = last != null ? last.plus(TICK) : clockStart;
    }
    last = at;
    return new Resolved(at, inferred);
  }

  private Instant ofTimeOfDay(LocalTime t) {
    LocalTime previous = lastTimeOfDay;
    if (previous != null && t.isBefore(previous) && Duration.between(t, previous).toHours() >= 12) {
      day = day.plusDays(1);
    }
    lastTimeOfDay = t;
    return LocalDateTime.of(day, t).atZone(zone).toInstant();
  }
}
