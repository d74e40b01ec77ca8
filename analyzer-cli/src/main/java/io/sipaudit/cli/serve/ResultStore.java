package io.sipaudit.cli.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The analyses whose report and downloads can still be fetched, each in a directory named by a random id (128 bits,
 * hex), for a limited time and up to a limited count; the oldest go first. An id from a URL is only ever looked up,
 * never used as a path.
 *
 * <p>Example: {@code store.create()} makes {@code results/3f9c…e1/}; after {@code publish}, {@code find("3f9c…e1")}
 * returns it until {@code keep} has passed or {@code max} newer analyses were published.
 */
final class ResultStore implements AutoCloseable {
  private static final Pattern ID = Pattern.compile("[0-9a-f]{32}");

  /** One analysis: its id, directory and when it was made. */
  record Stored(String id, Path dir, Instant created) {}

  private final Path root;
  private final Duration keep;
  private final int max;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();
  private final Map<String, Stored> published = new ConcurrentHashMap<>();

  ResultStore(Path root, Duration keep, int max, Clock clock) {
    this.root = root;
    this.keep = keep;
    this.max = max;
    this.clock = clock;
  }

  /** Makes a directory for a new analysis; nobody can fetch it before {@link #publish}. */
  Stored create() throws IOException {
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    String id = HexFormat.of().formatHex(bytes);
    return new Stored(id, Files.createDirectory(root.resolve(id)), clock.instant());
  }

  /** Makes {@code s} fetchable, and drops the oldest analyses beyond the count. */
  void publish(Stored s) {
    published.put(s.id(), s);
    List<Stored> all = new ArrayList<>(published.values());
    all.sort(Comparator.comparing(Stored::created).thenComparing(Stored::id));
    for (int i = 0; i < all.size() - max; i++) {
      discard(all.get(i));
    }
  }

  /** Returns the analysis with this id while it is kept. */
  Optional<Stored> find(String id) {
    if (!ID.matcher(id).matches()) {
      return Optional.empty();
    }
    Stored s = published.get(id);
    return s == null || expired(s) ? Optional.empty() : Optional.of(s);
  }

  /** Deletes the analyses older than {@code keep}. */
  void expire() {
    published.values().stream().filter(this::expired).toList().forEach(this::discard);
  }

  /** Deletes one analysis, published or not. */
  void discard(Stored s) {
    published.remove(s.id());
    deleteTree(s.dir());
  }

  /** Returns how many analyses are kept. */
  int size() {
    return published.size();
  }

  private boolean expired(Stored s) {
    return !s.created().plus(keep).isAfter(clock.instant());
  }

  @Override
  public void close() {
    published.clear();
    deleteTree(root);
  }

  /** Deletes a directory tree; what is gone already is fine. */
  static void deleteTree(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
