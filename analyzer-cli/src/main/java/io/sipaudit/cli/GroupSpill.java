package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sipaudit.dialog.CallGroup;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;

/**
 * The {@code callGroups} of the analysis JSON, kept on disk: the {@code calls} array is being written while the
 * groups settle, so each group is written to a temporary file as it settles and copied, token by token, after
 * the summary. Memory stays the same however many groups there are. Without JSON only the counts are kept.
 *
 * <p>Example: two settled groups give the file {@code {"callIds":["a","b"],...} {"callIds":["c","d"],...}}.
 */
final class GroupSpill implements AutoCloseable {
  private static final JsonFactory JSON = new JsonFactory();
  private final @Nullable Path file;
  private final @Nullable JsonGenerator out;
  private long groups;
  private long heuristic;

  private GroupSpill(@Nullable Path file) throws IOException {
    this.file = file;
    this.out = file == null ? null : JSON.createGenerator(file.toFile(), com.fasterxml.jackson.core.JsonEncoding.UTF8);
  }

  /** Keeps the groups on disk when {@code json}, else only counts them. */
  static GroupSpill open(boolean json) throws IOException {
    Path file = json ? Files.createTempFile("sipaudit-groups-", ".json") : null;
    if (file != null) {
      file.toFile().deleteOnExit();
    }
    return new GroupSpill(file);
  }

  /** Adds one settled group. */
  void add(CallGroup g) {
    groups++;
    if (g.confidence().equals("heuristic")) {
      heuristic++;
    }
    if (out == null) {
      return;
    }
    try {
      out.writeStartObject();
      out.writeArrayFieldStart("callIds");
      for (String id : g.callIds()) {
        out.writeString(id);
      }
      out.writeEndArray();
      out.writeArrayFieldStart("linkedBy");
      for (String k : g.linkedBy()) {
        out.writeString(k);
      }
      out.writeEndArray();
      out.writeStringField("confidence", g.confidence());
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns how many groups of several legs settled. */
  long groups() {
    return groups;
  }

  /** Returns how many of them were tied only by caller and callee. */
  long heuristic() {
    return heuristic;
  }

  /** Writes {@code "callGroups": [...]} into {@code g}, streaming from the file. */
  void writeTo(JsonGenerator g) throws IOException {
    g.writeArrayFieldStart("callGroups");
    if (out != null) {
      out.flush();
      try (JsonParser p = JSON.createParser(file.toFile())) {
        while (p.nextToken() == JsonToken.START_OBJECT) {
          g.copyCurrentStructure(p);
        }
      }
    }
    g.writeEndArray();
  }

  @Override
  public void close() throws IOException {
    if (out != null) {
      out.close();
      Files.deleteIfExists(file);
    }
  }
}
