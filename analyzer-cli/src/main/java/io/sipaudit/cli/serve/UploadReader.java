package io.sipaudit.cli.serve;

import jakarta.servlet.MultipartConfigElement;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Streams a request's body into its private upload directory and returns the {@link Submission}: a raw body (any
 * content type but multipart, named by the query parameter {@code name}) is one input; a
 * {@code multipart/form-data} body has the parts below. Files are stored under names the server chooses
 * ({@code input-1}, {@code dispatcher.list}); what the client called them is only ever shown, escaped, never used
 * as a path.
 *
 * <p>Parts: {@code file} (a capture or trace; repeatable), {@code text} (a pasted trace; repeatable),
 * {@code dispatcher}, {@code kamailio_cfg}, {@code defines}, {@code srv} (as a file or pasted text, once each)
 * and {@code algorithm} ({@code kamailio:N}). Empty parts, such as a file input left empty, are ignored.
 *
 * <p>Example: {@code curl -F file=@calls.pcap -F dispatcher=@dispatcher.list -F algorithm=kamailio:4} gives
 * {@code input-1} named {@code calls.pcap}, {@code dispatcher.list} and the algorithm.
 */
final class UploadReader {
  /** Where Jetty keeps multipart parts while the request is read: parts above this size go to disk. */
  private static final int IN_MEMORY_PART = 64 * 1024;
  private static final int MAX_PARTS = 32;
  private static final int MAX_NAME = 100;
  private static final Pattern ALGORITHM = Pattern.compile("kamailio:\\d{1,2}");
  private static final String MULTIPART_CONFIG = "org.eclipse.jetty.multipartConfig";

  private final long maxUpload;
  private final Path partCache;

  UploadReader(long maxUpload, Path partCache) {
    this.maxUpload = maxUpload;
    this.partCache = partCache;
  }

  /** Refuses a body whose declared length is over the limit, before any of it is read. */
  void checkDeclaredLength(HttpServletRequest request) {
    long length = request.getContentLengthLong();
    if (length > maxUpload) {
      throw tooLarge();
    }
  }

  /** Reads the body into {@code dir}; throws {@link HttpProblem} (400, 413) for what cannot be taken. */
  Submission read(HttpServletRequest request, Path dir) throws IOException {
    checkDeclaredLength(request);
    String type = request.getContentType() == null ? "" : request.getContentType().toLowerCase(Locale.ROOT);
    if (type.startsWith("multipart/form-data")) {
      return multipart(request, dir);
    }
    Path file = dir.resolve("input-1");
    long size;
    try (InputStream in = request.getInputStream(); OutputStream out = Files.newOutputStream(file)) {
      size = copy(in, out);
    }
    if (size == 0) {
      throw new HttpProblem(400, "the body is empty: send a capture (pcap, pcapng, gzip) or a SIP text trace");
    }
    // Only the query string: a body sent as application/x-www-form-urlencoded (curl --data-binary) is the trace.
    String name = displayName(queryParameter(request.getQueryString(), "name"), "upload");
    return new Submission(dir, List.of(new Submission.Input(file, name)), null, null, null, null, null);
  }

  /** Returns the first value of {@code key} in a query string such as {@code name=calls.pcap&x=1}, or null. */
  static @Nullable String queryParameter(@Nullable String query, String key) {
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      int eq = pair.indexOf('=');
      String k = eq < 0 ? pair : pair.substring(0, eq);
      if (k.equals(key)) {
        try {
          return java.net.URLDecoder.decode(eq < 0 ? "" : pair.substring(eq + 1), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException badEscape) {
          return null;
        }
      }
    }
    return null;
  }

  private Submission multipart(HttpServletRequest request, Path dir) throws IOException {
    request.setAttribute(MULTIPART_CONFIG,
        new MultipartConfigElement(partCache.toString(), maxUpload, maxUpload, IN_MEMORY_PART));
    Collection<Part> parts;
    try {
      parts = request.getParts();
    } catch (IOException | ServletException | RuntimeException e) {
      throw multipartProblem(e);
    }
    if (parts.size() > MAX_PARTS) {
      throw new HttpProblem(400, parts.size() + " form fields (expected: at most " + MAX_PARTS + ")");
    }
    List<Submission.Input> inputs = new ArrayList<>();
    Set<String> names = new HashSet<>();
    Path dispatcher = null;
    Path cfg = null;
    Path defines = null;
    Path srv = null;
    String algorithm = null;
    for (Part part : parts) {
      if (part.getSize() == 0) {
        continue;
      }
      switch (part.getName()) {
        case "file", "text" -> {
          Path file = dir.resolve("input-" + (inputs.size() + 1));
          part.write(file.toString());
          String fallback = part.getName().equals("text") ? "pasted text" : "upload";
          String shown = part.getName().equals("text") ? fallback : displayName(part.getSubmittedFileName(), fallback);
          inputs.add(new Submission.Input(file, unique(shown, names)));
        }
        case "dispatcher" -> dispatcher = once(part, dispatcher, dir.resolve("dispatcher.list"));
        case "kamailio_cfg" -> cfg = once(part, cfg, dir.resolve("kamailio.cfg"));
        case "defines" -> defines = once(part, defines, dir.resolve("balancer.defines"));
        case "srv" -> srv = once(part, srv, dir.resolve("srv.zone"));
        case "algorithm" -> algorithm = algorithm(part, algorithm);
        default -> throw new HttpProblem(400, "unknown form field '" + displayName(part.getName(), "?")
            + "' (expected: file, text, dispatcher, kamailio_cfg, defines, srv, algorithm)");
      }
    }
    if (inputs.isEmpty()) {
      throw new HttpProblem(400, "nothing to analyse: paste a SIP trace (field text) or send a capture or trace"
          + " (field file)");
    }
    return new Submission(dir, inputs, dispatcher, cfg, defines, srv, algorithm);
  }

  private static @Nullable Path once(Part part, @Nullable Path already, Path file) throws IOException {
    if (already != null) {
      throw new HttpProblem(400, "'" + part.getName() + "' was sent twice: paste it or choose a file, not both");
    }
    part.write(file.toString());
    return file;
  }

  private static @Nullable String algorithm(Part part, @Nullable String already) throws IOException {
    if (part.getSize() > 64) {
      throw new HttpProblem(400, "algorithm: expected kamailio:N");
    }
    String value;
    try (InputStream in = part.getInputStream()) {
      value = new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    }
    if (value.isEmpty()) {
      return already;
    }
    if (!ALGORITHM.matcher(value).matches()) {
      throw new HttpProblem(400, "algorithm '" + displayName(value, "?") + "': expected kamailio:N, e.g. kamailio:4");
    }
    if (already != null) {
      throw new HttpProblem(400, "'algorithm' was sent twice");
    }
    return value;
  }

  private long copy(InputStream in, OutputStream out) throws IOException {
    byte[] buffer = new byte[64 * 1024];
    long total = 0;
    for (int n; (n = in.read(buffer)) > 0; ) {
      total += n;
      if (total > maxUpload) {
        throw tooLarge();
      }
      out.write(buffer, 0, n);
    }
    return total;
  }

  private HttpProblem tooLarge() {
    return new HttpProblem(413, "the upload is larger than this server's limit of " + ByteSize.format(maxUpload)
        + " (sipaudit serve --max-upload); compress it with gzip or cut it with editcap");
  }

  /** Jetty says a part or the request went over its limit, or that the body is no multipart at all. */
  private HttpProblem multipartProblem(Exception e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m = String.valueOf(t.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("max") && (m.contains("size") || m.contains("length") || m.contains("exceed"))) {
        return tooLarge();
      }
    }
    return new HttpProblem(400, "the multipart/form-data body cannot be read: " + e.getMessage());
  }

  /**
   * Returns what to call an upload: the last path segment of what the client sent, without control characters,
   * at most 100 characters; {@code fallback} when nothing is left. Example: {@code C:\caps\a.pcap} is {@code a.pcap}.
   */
  static String displayName(@Nullable String sent, String fallback) {
    if (sent == null) {
      return fallback;
    }
    String last = sent.substring(Math.max(sent.lastIndexOf('/'), sent.lastIndexOf('\\')) + 1);
    StringBuilder out = new StringBuilder();
    last.codePoints()
        .filter(c -> !Character.isISOControl(c) && Character.getType(c) != Character.FORMAT)
        .limit(MAX_NAME)
        .forEach(out::appendCodePoint);
    String name = out.toString().strip();
    return name.isEmpty() ? fallback : name;
  }

  private static String unique(String name, Set<String> taken) {
    String candidate = name;
    for (int i = 2; !taken.add(candidate); i++) {
      candidate = name + " (" + i + ")";
    }
    return candidate;
  }
}
