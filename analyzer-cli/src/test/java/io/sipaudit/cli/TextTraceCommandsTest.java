package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Text traces on the command line: {@code messages}, {@code stats} and {@code convert} with the options of
 * {@link CaptureInputs}, standard input, and a capture and a text trace mixed.
 */
final class TextTraceCommandsTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String SOFIA = """
      recv 210 bytes from udp/[192.0.2.10]:5090 at 12:30:57.916812:
         ------------------------------------------------------------------------
         OPTIONS sip:192.0.2.4 SIP/2.0
         Via: SIP/2.0/UDP 192.0.2.10:5090;branch=z9hG4bK-1;rport
         From: <sip:probe@192.0.2.10>;tag=a
         To: <sip:192.0.2.4>
         Call-ID: opt-1@192.0.2.10
         CSeq: 1 OPTIONS
         Content-Length: 0

         ------------------------------------------------------------------------
      send 206 bytes to udp/[192.0.2.10]:5090 at 12:30:57.917301:
         ------------------------------------------------------------------------
         SIP/2.0 200 OK
         Via: SIP/2.0/UDP 192.0.2.10:5090;branch=z9hG4bK-1;rport=5090
         From: <sip:probe@192.0.2.10>;tag=a
         To: <sip:192.0.2.4>;tag=b
         Call-ID: opt-1@192.0.2.10
         CSeq: 1 OPTIONS
         Content-Length: 0

         ------------------------------------------------------------------------
      """;

  @TempDir Path dir;

  private Path sofia() throws Exception {
    Path p = dir.resolve("freeswitch.log");
    Files.writeString(p, SOFIA);
    return p;
  }

  private static Path lab(String name) {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.isDirectory(p.resolve("samples/lab"))) {
        return p.resolve("samples/" + name + "/capture.pcap");
      }
    }
    throw new IllegalStateException("no samples/");
  }

  @Test
  void messagesMarksWhatTheTraceDidNotSayWithATilde() throws Exception {
    CommandRun run = CommandRun.sipaudit("messages", "-q", "--date", "2024-06-10", "--local", "192.0.2.4:5060",
        sofia().toString());

    assertEquals(0, run.exitCode(), run.err());
    assertEquals(String.format("     3  ~2024-06-10T12:30:57.916812Z  192.0.2.10:5090 -> ~192.0.2.4:5060  UDP  OPTIONS"
        + " sip:192.0.2.4  opt-1@192.0.2.10%n    14  ~2024-06-10T12:30:57.917301Z  ~192.0.2.4:5060 ->"
        + " 192.0.2.10:5090  UDP  200 OK  opt-1@192.0.2.10%n"), run.out());
  }

  @Test
  void messagesJsonListsTheInferredValues() throws Exception {
    CommandRun run = CommandRun.sipaudit("messages", "-q", "--format", "json", "--date", "2024-06-10",
        sofia().toString());

    JsonNode first = JSON.readTree(run.out()).get(0);
    assertEquals("[\"time\",\"dst\"]", first.get("inferred").toString());
    assertEquals(3, first.get("frame").asInt());
  }

  @Test
  void dashReadsAPasteFromStandardInput() {
    CommandLine cl = SipAuditCommand.newCommandLine();
    ((MessagesCommand) cl.getSubcommands().get("messages").getCommand()).inputs.stdin =
        new ByteArrayInputStream(SOFIA.getBytes(StandardCharsets.US_ASCII));

    CommandRun run = CommandRun.of(cl, "messages", "-q", "--format", "csv", "-");

    assertEquals(0, run.exitCode(), run.err());
    assertTrue(run.out().startsWith("file,frame,time,src,dst,transport,summary,call_id,problem,inferred\n-,3,"),
        run.out());
  }

  @Test
  void statsCountsTextAndCaptureTogetherAndShowsTheTextFormats() throws Exception {
    CommandRun run = CommandRun.sipaudit("stats", "-q", "--format", "json", sofia().toString(),
        lab("rr-alg4").toString());

    assertEquals(0, run.exitCode(), run.err());
    JsonNode doc = JSON.readTree(run.out());
    assertEquals(600, doc.get("messages").asInt(), "598 in the capture, 2 in the log");
    assertEquals(2, doc.get("text").get("messages").asInt());
    assertEquals(2, doc.get("text").get("formats").get("sofia").asInt());
  }

  @Test
  void damagedTextTraceExitsWith65AndNamesTheLine() throws Exception {
    Path p = dir.resolve("paste.txt");
    Files.writeString(p, "nothing SIP here\n");

    CommandRun run = CommandRun.sipaudit("stats", "-q", p.toString());

    assertEquals(ExitCodes.DATA_ERR, run.exitCode());
    assertTrue(run.err().contains(p + " line 1: no SIP message found in 1 line(s)"), run.err());
  }

  @Test
  void badTextOptionsAreUsageErrors() throws Exception {
    CommandRun format = CommandRun.sipaudit("messages", "--text-format", "wireshark", sofia().toString());
    CommandRun local = CommandRun.sipaudit("messages", "--local", "pbx.example:5060", sofia().toString());

    assertEquals(ExitCodes.USAGE, format.exitCode());
    assertTrue(format.err().contains("unknown text format 'wireshark'"), format.err());
    assertEquals(ExitCodes.USAGE, local.exitCode());
    assertTrue(local.err().contains("not a literal IP address"), local.err());
  }

  @Test
  void convertWritesAPcapThatReadsBackToTheSameMessages() throws Exception {
    Path pcap = dir.resolve("out.pcap");

    CommandRun convert = CommandRun.sipaudit("convert", "-q", "--date", "2024-06-10", "--local", "192.0.2.4:5060",
        sofia().toString(), "-o", pcap.toString());
    CommandRun back = CommandRun.sipaudit("messages", "-q", pcap.toString());

    assertEquals(0, convert.exitCode(), convert.err());
    assertEquals(String.format("2 messages -> %s%n", pcap), convert.out());
    assertEquals(String.format("     1  2024-06-10T12:30:57.916812Z  192.0.2.10:5090 -> 192.0.2.4:5060  UDP  OPTIONS"
        + " sip:192.0.2.4  opt-1@192.0.2.10%n     2  2024-06-10T12:30:57.917301Z  192.0.2.4:5060 ->"
        + " 192.0.2.10:5090  UDP  200 OK  opt-1@192.0.2.10%n"), back.out());
  }
}
