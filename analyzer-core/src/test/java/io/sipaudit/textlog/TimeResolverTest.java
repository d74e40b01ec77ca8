package io.sipaudit.textlog;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

final class TimeResolverTest {

  @Test
  void timesOfDayTakeTheDateAndRollOverAtMidnight() {
    TimeResolver r = new TimeResolver(ZoneOffset.UTC, LocalDate.of(2024, 6, 10), null);

    assertEquals(Instant.parse("2024-06-10T23:59:59.900Z"),
        r.resolve(new LogTime.TimeOfDay(LocalTime.parse("23:59:59.900"))).instant());
    assertEquals(Instant.parse("2024-06-11T00:00:00.100Z"),
        r.resolve(new LogTime.TimeOfDay(LocalTime.parse("00:00:00.100"))).instant());
    assertEquals(Instant.parse("2024-06-11T00:00:00.050Z"),
        r.resolve(new LogTime.TimeOfDay(LocalTime.parse("00:00:00.050"))).instant(), "a small step back: same day");
  }

  @Test
  void withoutADateOptionTheFileDateIsUsedAndMarkedInferred() {
    TimeResolver r = new TimeResolver(ZoneOffset.UTC, null, LocalDate.of(2023, 1, 2));

    TimeResolver.Resolved t = r.resolve(new LogTime.TimeOfDay(LocalTime.NOON));
    assertEquals(Instant.parse("2023-01-02T12:00:00Z"), t.instant());
    assertTrue(t.inferred());
  }

  @Test
  void asteriskDecemberInAJanuaryFileIsTheYearBefore() {
    TimeResolver r = new TimeResolver(ZoneOffset.UTC, null, LocalDate.of(2025, 1, 3));

    assertEquals(Instant.parse("2024-12-31T23:59:58Z"),
        r.resolve(new LogTime.NoYear(12, 31, LocalTime.parse("23:59:58"))).instant());
  }

  @Test
  void wallClockIsReadInTheZoneAndEpochIsTakenAsIs() {
    TimeResolver r = new TimeResolver(ZoneId.of("Europe/Berlin"), null, null);

    TimeResolver.Resolved wall = r.resolve(new LogTime.Wall(LocalDateTime.parse("2024-06-10T08:00:00")));
    assertEquals(Instant.parse("2024-06-10T06:00:00Z"), wall.instant());
    assertFalse(wall.inferred());
    assertEquals(Instant.ofEpochSecond(1), r.resolve(new LogTime.Absolute(Instant.ofEpochSecond(1))).instant());
  }

  @Test
  void noTimesGiveAMillisecondClockFromTheDateOrTheEpochContinuingAfterRealTimes() {
    TimeResolver fromEpoch = new TimeResolver(ZoneOffset.UTC, null, LocalDate.of(2024, 1, 1));
    assertEquals(Instant.EPOCH, fromEpoch.resolve(null).instant());
    assertEquals(Instant.ofEpochMilli(1), fromEpoch.resolve(null).instant());

    TimeResolver fromDate = new TimeResolver(ZoneOffset.UTC, LocalDate.of(2024, 6, 10), null);
    assertEquals(Instant.parse("2024-06-10T00:00:00Z"), fromDate.resolve(null).instant());
    fromDate.resolve(new LogTime.Absolute(Instant.parse("2024-06-10T08:00:00Z")));
    TimeResolver.Resolved next = fromDate.resolve(null);
    assertEquals(Instant.parse("2024-06-10T08:00:00.001Z"), next.instant());
    assertTrue(next.inferred());
  }

  @Test
  void relativeTimesAddUp() {
    TimeResolver r = new TimeResolver(ZoneOffset.UTC, LocalDate.of(2024, 6, 10), null);

    r.resolve(new LogTime.SincePrevious(0));
    assertEquals(Instant.parse("2024-06-10T00:00:01.5Z"), r.resolve(new LogTime.SincePrevious(1_500_000)).instant());
  }
}
