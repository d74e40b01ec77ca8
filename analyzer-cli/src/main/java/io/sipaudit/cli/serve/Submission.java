package io.sipaudit.cli.serve;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one request sent, stored in its private upload directory under names the server chose: the inputs (each
 * with the name people know it by) and the optional balancer configuration.
 *
 * <p>Example: a capture sent as {@code calls.pcap} with a dispatcher.list is {@code Submission(dir, [Input(dir/input-1,
 * "calls.pcap")], dir/dispatcher.list, null, null, null, "kamailio:4")}, and {@link #arguments()} is {@code
 * [--dispatcher, dir/dispatcher.list, --algorithm, kamailio:4, --input-name=calls.pcap, dir/input-1]}.
 *
 * @param dir the request's upload directory, deleted after the analysis
 * @param inputs captures and text traces, at least one
 * @param dispatcher a Kamailio dispatcher.list, or null
 * @param kamailioCfg the balancer's kamailio.cfg, or null
 * @param defines defines for the kamailio.cfg, one NAME[=VALUE] per line, or null
 * @param srv a DNS zone with SRV records, or null
 * @param algorithm the dispatcher algorithm as {@code kamailio:N}, or null
 */
public record Submission(Path dir, List<Input> inputs, @Nullable Path dispatcher, @Nullable Path kamailioCfg,
    @Nullable Path defines, @Nullable Path srv, @Nullable String algorithm) {

  /** One capture or text trace: where it is stored and what people call it. */
  public record Input(Path file, String name) {
    public Input {
      requireNonNull(file, "file");
      requireNonNull(name, "name");
    }
  }

  public Submission {
    requireNonNull(dir, "dir");
    inputs = List.copyOf(inputs);
    if (inputs.isEmpty()) {
      throw new IllegalArgumentException("a submission needs at least one input");
    }
  }

  /** Returns the sipaudit options and files of this submission, to follow a command such as {@code analyze}. */
  public List<String> arguments() {
    List<String> args = new ArrayList<>();
    option(args, "--dispatcher", dispatcher);
    option(args, "--kamailio-cfg", kamailioCfg);
    option(args, "--define-file", defines);
    option(args, "--srv", srv);
    if (algorithm != null) {
      args.add("--algorithm");
      args.add(algorithm);
    }
    for (Input i : inputs) {
      // One token with '=': a name starting with '-' or '@' stays a value.
      args.add("--input-name=" + i.name());
    }
    args.add("--");
    for (Input i : inputs) {
      args.add(i.file().toString());
    }
    return args;
  }

  private static void option(List<String> args, String name, @Nullable Path value) {
    if (value != null) {
      args.add(name);
      args.add(value.toString());
    }
  }
}
