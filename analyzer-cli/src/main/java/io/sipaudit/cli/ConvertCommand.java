package io.sipaudit.cli;

import io.sipaudit.capture.PcapWriter;
import io.sipaudit.ingest.InputError;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.textlog.PcapConversion;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sipaudit convert asterisk.log -o calls.pcap}: writes the SIP messages of text traces (or captures) as a
 * pcap for Wireshark or sngrep.
 *
 * <p>Example output: {@code 42 messages -> calls.pcap}. Each message becomes one synthetic Ethernet/IP/UDP or TCP
 * packet at its time, between its addresses, inferred ones included.
 */
@Command(
    name = "convert",
    mixinStandardHelpOptions = true,
    description = {
      "Write the SIP messages of text traces (or captures) as a pcap that Wireshark, sngrep and sipaudit open: one"
          + " synthetic Ethernet/IPv4 or IPv6/UDP or TCP packet per message, with the message's time and addresses"
          + " (those a text trace lacks are inferred, see 'messages'). TCP, TLS and WebSocket messages become"
          + " clear-text TCP, SCTP messages UDP. A name ending in .gz writes gzip.",
      "Exit code 65 when an input is damaged: what could be read is written."
    })
final class ConvertCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Mixin CaptureInputs inputs;

  @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE", description = "The pcap to write.")
  Path output;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ProgressBar bar = inputs.progress(err);
    SipIngest ingest = inputs.ingest(bar);
    List<Path> files = inputs.checked();
    SipIngest.Result result;
    long written;
    long skipped;
    try (PcapConversion pcap = new PcapConversion(PcapWriter.create(output, PcapConversion.LINKTYPE_ETHERNET,
        PcapWriter.Precision.MICROS, output.toString().endsWith(".gz")))) {
      result = ingest.run(files, pcap);
      written = pcap.written();
      skipped = pcap.skipped();
    }
    bar.done();
    out.printf("%,d messages -> %s%n", written, output);
    if (skipped > 0) {
      out.printf("%,d UDP messages larger than a datagram were left out%n", skipped);
    }
    out.flush();
    for (InputError e : result.errors()) {
      err.println("sipaudit: " + e.message());
    }
    err.flush();
    return result.errors().isEmpty() ? ExitCodes.OK : ExitCodes.DATA_ERR;
  }
}
