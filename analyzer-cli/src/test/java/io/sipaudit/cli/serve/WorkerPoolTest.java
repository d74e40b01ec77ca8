package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

final class WorkerPoolTest {

  @Test
  void aRequestBeyondThePoolWaitsThenGetsNoWorker() {
    WorkerPool pool = new WorkerPool(2);
    WorkerPool.Lease a = pool.acquire(Duration.ZERO).orElseThrow();
    WorkerPool.Lease b = pool.acquire(Duration.ZERO).orElseThrow();

    long started = System.nanoTime();
    Optional<WorkerPool.Lease> third = pool.acquire(Duration.ofMillis(150));

    assertTrue(third.isEmpty());
    assertTrue(System.nanoTime() - started >= 150_000_000L, "it waited");
    assertEquals(2, pool.busy());
    a.close();
    assertTrue(pool.acquire(Duration.ZERO).isPresent(), "a closed lease frees its worker");
    b.close();
  }

  @Test
  void closingALeaseTwiceFreesOneWorker() {
    WorkerPool pool = new WorkerPool(1);
    WorkerPool.Lease a = pool.acquire(Duration.ZERO).orElseThrow();
    a.close();
    a.close();
    assertTrue(pool.acquire(Duration.ZERO).isPresent());
    assertTrue(pool.acquire(Duration.ZERO).isEmpty(), "still one worker, not two");
  }
}
