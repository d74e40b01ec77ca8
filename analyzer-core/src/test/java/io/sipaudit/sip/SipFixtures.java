package io.sipaudit.sip;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Test fixtures: the checked-in messages under {@code src/test/resources/sip/messages/} (CRLF wire bytes with exact
 * Content-Length) and the sample files of the repository's {@code samples/} folder.
 *
 * <p>Example: {@code SipFixtures.message("ack.sip")} returns the bytes of one ACK.
 */
final class SipFixtures {
  /** The fixture file names, one message each. */
  static final List<String> MESSAGES = List.of(
      "invite-kamailio-sdp.sip", "trying-100.sip", "ringing-180.sip", "ok-200-invite-sdp.sip", "ack.sip",
      "bye-reason.sip", "cancel.sip", "options-dispatcher-ping.sip", "ok-200-options.sip",
      "register-authorization.sip", "unauthorized-401.sip", "service-unavailable-503.sip",
      "invite-compact-form.sip", "invite-ipv6.sip", "invite-tel-uri.sip", "prack.sip", "update-sdp.sip",
      "notify-refer.sip", "invite-multipart-isup.sip", "folded-quoted.sip");

  private SipFixtures() {}

  /** Returns the bytes of {@code sip/messages/<name>} from the test class path. */
  static byte[] message(String name) {
    try (InputStream in = SipFixtures.class.getResourceAsStream("/sip/messages/" + name)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture sip/messages/" + name);
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the repository root: the nearest ancestor of the working directory that holds {@code samples/}. */
  static Path repositoryRoot() {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.isDirectory(dir.resolve("samples/external"))) {
        return dir;
      }
    }
    throw new IllegalStateException("no samples/external above " + Path.of("").toAbsolutePath());
  }

  /** Returns the bytes of {@code samples/<relative>}. */
  static byte[] sample(String relative) {
    try {
      return Files.readAllBytes(repositoryRoot().resolve("samples").resolve(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
