package io.sipaudit.ingest;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs a producer on a thread of its own and hands everything it yields, in the order it yields it, to a consumer
 * on the calling thread. {@link SipIngest} uses it to read and decode frames on one core while the other frames and
 * parses SIP and feeds the caller's sink: the output is exactly what the serial run gives, in the same order.
 *
 * <p>Example: {@code Handoff.run(out -> { out.accept("a"); out.accept("b"); }, System.out::println, true)} prints
 * {@code a} then {@code b}, produced on the thread {@code sipaudit-reader}.
 *
 * <p>Items travel in batches of {@link #BATCH} through a queue of {@link #DEPTH} batches, so the producer runs at
 * most that far ahead and memory stays bounded. A failure on either side ends both: an exception thrown by the
 * producer is rethrown by {@link #run} on the calling thread after the items before it were consumed; one thrown
 * by the consumer makes the producer's next hand-over throw {@link Cancelled}, and {@link #run} returns only after
 * the producer has ended. The consumer, and everything it calls, runs on the calling thread only.
 */
final class Handoff {
  static final int BATCH = 256;
  static final int DEPTH = 4;

  /** Thrown inside the producer once the consumer has failed: an Error so no decoder's bug handler catches it. */
  static final class Cancelled extends Error {
    private static final long serialVersionUID = 1L;

    Cancelled() {
      super("consumer failed", null, false, false);
    }
  }

  /** The last batch: the producer's failure, or null when it ended normally. */
  private record End(Throwable failure) {}

  private final BlockingQueue<Object> queue = new ArrayBlockingQueue<>(DEPTH);
  private volatile boolean cancelled;
  private Object[] batch = new Object[BATCH];
  private int size;

  private Handoff() {}

  /**
   * Runs {@code producer}, giving it the consumer of its items; on a second thread when {@code parallel}, else
   * directly on this one.
   */
  static <T> void run(Consumer<Consumer<T>> producer, Consumer<T> consumer, boolean parallel) {
    if (!parallel) {
      producer.accept(consumer);
      return;
    }
    new Handoff().runParallel(producer, consumer);
  }

  @SuppressWarnings("unchecked")
  private <T> void runParallel(Consumer<Consumer<T>> producer, Consumer<T> consumer) {
    Thread thread = new Thread(() -> produce(producer), "sipaudit-reader");
    thread.setDaemon(true);
    thread.start();
    boolean done = false;
    try {
      while (!done) {
        Object next = take();
        if (next instanceof End end) {
          done = true;
          rethrow(end.failure());
        } else {
          for (Object item : (Object[]) next) {
            if (item == null) {
              break;
            }
            consumer.accept((T) item);
          }
        }
      }
    } finally {
      if (!done) {
        cancelled = true;
        queue.clear();   // frees a producer blocked on a full queue; it then sees the flag
      }
      joinUninterruptibly(thread);
    }
  }

  private <T> void produce(Consumer<Consumer<T>> producer) {
    Throwable failure = null;
    try {
      producer.accept(this::add);
    } catch (Cancelled c) {
      return;   // nobody is listening any more
    } catch (Throwable t) {   // handed to the consumer's thread, which rethrows it after the items before it
      failure = t;
    }
    try {
      flush();
      put(new End(failure));
    } catch (Cancelled c) {
      // the consumer failed too; its exception is the one that surfaces
    }
  }

  private void add(Object item) {
    batch[size++] = item;
    if (size == BATCH) {
      flush();
    }
  }

  private void flush() {
    if (size > 0) {
      put(batch);
      batch = new Object[BATCH];
      size = 0;
    }
  }

  private void put(Object o) {
    try {
      while (!queue.offer(o, 10, TimeUnit.MILLISECONDS)) {
        if (cancelled) {
          throw new Cancelled();
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Cancelled();
    }
    if (cancelled) {
      throw new Cancelled();
    }
  }

  private Object take() {
    try {
      return queue.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CancellationException("interrupted while waiting for the reader thread");
    }
  }

  private static void rethrow(Throwable t) {
    if (t == null) {
      return;
    }
    if (t instanceof RuntimeException r) {
      throw r;
    }
    if (t instanceof Error e) {
      throw e;
    }
    throw new IllegalStateException(t);   // a checked exception thrown sneakily: keep it as the cause
  }

  private static void joinUninterruptibly(Thread thread) {
    boolean interrupted = false;
    while (true) {
      try {
        thread.join();
        break;
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
