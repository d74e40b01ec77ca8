package io.sipaudit.cli;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;

/**
 * A {@code multipart/form-data} body as a browser sends it, for {@link java.net.http.HttpClient} tests.
 *
 * <p>Example: {@code new Multipart().file("file", "calls.pcap", bytes).field("algorithm", "kamailio:4")}, then
 * {@code .contentType()} and {@code .publisher()}.
 */
final class Multipart {
  private final String boundary = "----sipaudit-test-" + Long.toHexString(System.nanoTime());
  private final ByteArrayOutputStream body = new ByteArrayOutputStream();

  /** Adds a file part. */
  Multipart file(String name, String fileName, byte[] content) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + fileName
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n");
    body.writeBytes(content);
    write("\r\n");
    return this;
  }

  /** Adds a text field, as a textarea or select sends it. */
  Multipart field(String name, String value) {
    write("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n");
    return this;
  }

  String contentType() {
    return "multipart/form-data; boundary=" + boundary;
  }

  HttpRequest.BodyPublisher publisher() {
    ByteArrayOutputStream whole = new ByteArrayOutputStream();
    whole.writeBytes(body.toByteArray());
    whole.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return HttpRequest.BodyPublishers.ofByteArray(whole.toByteArray());
  }

  private void write(String s) {
    body.writeBytes(s.getBytes(StandardCharsets.UTF_8));
  }
}
