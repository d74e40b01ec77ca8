package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

final class ResultStoreTest {

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-11-26T10:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  @TempDir Path root;

  @Test
  void anAnalysisCanBeFetchedOnlyAfterItIsPublishedAndUntilItExpires() throws Exception {
    TestClock clock = new TestClock();
    ResultStore store = new ResultStore(root, Duration.ofMinutes(60), 10, clock);
    ResultStore.Stored s = store.create();
    assertTrue(s.id().matches("[0-9a-f]{32}"), s.id());
    assertTrue(store.find(s.id()).isEmpty(), "not yet published");

    store.publish(s);
    clock.now = clock.now.plus(Duration.ofMinutes(59));
    assertEquals(s.dir(), store.find(s.id()).orElseThrow().dir());
    clock.now = clock.now.plus(Duration.ofMinutes(1));
    assertTrue(store.find(s.id()).isEmpty(), "expired after --keep");
    store.expire();
    assertFalse(Files.exists(s.dir()), "and deleted");
  }

  @Test
  void beyondTheCountTheOldestAnalysisGoes() throws Exception {
    TestClock clock = new TestClock();
    ResultStore store = new ResultStore(root, Duration.ofHours(1), 2, clock);
    ResultStore.Stored first = store.create();
    store.publish(first);
    clock.now = clock.now.plusSeconds(1);
    ResultStore.Stored second = store.create();
    store.publish(second);
    clock.now = clock.now.plusSeconds(1);
    ResultStore.Stored third = store.create();
    store.publish(third);

    assertTrue(store.find(first.id()).isEmpty());
    assertFalse(Files.exists(first.dir()));
    assertTrue(store.find(second.id()).isPresent() && store.find(third.id()).isPresent());
    assertEquals(2, store.size());
  }

  @Test
  void onlyIdsAreLookedUpNeverPaths() throws Exception {
    ResultStore store = new ResultStore(root, Duration.ofHours(1), 10, new TestClock());
    store.publish(store.create());
    Files.writeString(root.resolve("secret"), "x");
    for (String id : new String[] {"..", "../secret", "secret", "", "/etc/passwd", "0123456789ABCDEF0123456789abcdef"}) {
      assertTrue(store.find(id).isEmpty(), id);
    }
  }

  @Test
  void closingDeletesEverything() throws Exception {
    Path dir = Files.createDirectory(root.resolve("results"));
    ResultStore store = new ResultStore(dir, Duration.ofHours(1), 10, new TestClock());
    ResultStore.Stored s = store.create();
    Files.writeString(s.dir().resolve("report.html"), "<html/>");
    store.publish(s);
    store.close();
    assertFalse(Files.exists(dir));
  }
}
