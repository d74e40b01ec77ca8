package io.sipaudit.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.sipaudit.attribution.AttributedCall;
import io.sipaudit.attribution.UserCall;
import io.sipaudit.dialog.CallGroup;
import io.sipaudit.net.Endpoint;
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

  /** Adds the merged call of one settled group; returns its number (1, 2, ...), which its legs carry as {@code group}. */
  long add(UserCall u) {
    CallGroup g = java.util.Objects.requireNonNull(u.group(), "group");
    groups++;
    if (g.confidence().equals("heuristic")) {
      heuristic++;
    }
    if (out == null) {
      return groups;
    }
    try {
      out.writeStartObject();
      out.writeNumberField("id", groups);
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
      AttributedCall c = u.call();
      out.writeStringField("callerLeg", u.callerLeg().call().callId());
      out.writeStringField("attributedLeg", u.attributedLeg().call().callId());
      CallJson.endpoint(out, "client", c.client());
      CallJson.endpoint(out, "balancer", c.balancer());
      CallJson.endpoint(out, "firstPick", c.firstPick());
      CallJson.endpoint(out, "backend", c.backend());
      out.writeStringField("outcome", c.outcome().id());
      out.writeNumberField("finalStatus", c.finalStatus());
      out.writeBooleanField("failedOver", c.failedOver());
      out.writeArrayFieldStart("b2buas");
      for (Endpoint e : u.b2buas()) {
        out.writeString(e.toString());
      }
      out.writeEndArray();
      out.writeArrayFieldStart("legs");
      for (AttributedCall leg : u.legs()) {
        out.writeStartObject();
        out.writeStringField("callId", leg.call().callId());
        out.writeStringField("start", leg.call().start().toString());
        CallJson.endpoint(out, "client", leg.client());
        CallJson.endpoint(out, "balancer", leg.balancer());
        CallJson.endpoint(out, "backend", leg.backend());
        out.writeStringField("outcome", leg.outcome().id());
        out.writeNumberField("finalStatus", leg.finalStatus());
        out.writeEndObject();
      }
      out.writeEndArray();
      out.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return groups;
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
