package io.sipaudit.bench;

import io.sipaudit.capture.CaptureFormat;
import io.sipaudit.capture.CaptureReader;
import io.sipaudit.capture.CapturedFrame;
import io.sipaudit.ingest.SipIngest;
import io.sipaudit.ingest.SipStats;
import io.sipaudit.net.NetCounter;
import io.sipaudit.net.NetDecoder;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.util.List;

/**
 * Whole-process floors of the {@code stats} path: one cold JVM runs the pipeline up to one stage on a capture and
 * prints how long it took from JVM start, so that {@code /usr/bin/time} around it shows what each stage adds,
 * warm-up included. Not a JMH benchmark: the cold start is the point.
 *
 * <p>Example: {@code java -Xmx384m -Xmn64m -XX:+UseSerialGC -cp benchmarks/target/benchmarks.jar
 * io.sipaudit.bench.StageFloor read synth-1m.pcap} prints {@code read: 955080 frames, 0 events, 480 ms since JVM
 * start}. Stages: {@code start} (nothing), {@code read} (pcap records), {@code decode} (plus link, IP and TCP
 * reassembly), {@code parse} (plus SIP framing and parsing, both threads as {@code stats} runs them), {@code stats}
 * (plus {@code sipaudit stats}' counting, resends included).
 */
public final class StageFloor {
  private StageFloor() {}

  public static void main(String[] args) {
    if (args.length != 2) {
      System.err.println("usage: StageFloor start|read|decode|parse|stats FILE");
      System.exit(2);
    }
    String stage = args[0];
    Path file = Path.of(args[1]);
    long frames = 0;
    long[] events = {0};
    switch (stage) {
      case "start" -> { }
      case "read", "decode" -> {
        NetDecoder net = new NetDecoder();
        try (CaptureReader reader = CaptureFormat.open(file)) {
          for (CapturedFrame f; (f = reader.next()) != null; ) {
            frames++;
            if (stage.equals("decode")) {
              net.decode("f", f, e -> events[0]++);
            }
          }
        }
      }
      case "parse" -> {
        SipIngest.Result r = new SipIngest().run(List.of(file), e -> events[0]++);
        frames = r.net().get(NetCounter.FRAMES);
      }
      case "stats" -> {
        SipStats stats = new SipStats();
        SipIngest.Result r = new SipIngest().run(List.of(file), stats);
        frames = r.net().get(NetCounter.FRAMES);
        events[0] = stats.messages();
      }
      default -> {
        System.err.println("unknown stage " + stage);
        System.exit(2);
      }
    }
    long ms = System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
    System.out.printf("%s: %d frames, %d events, %d ms since JVM start%n", stage, frames, events[0], ms);
  }
}
