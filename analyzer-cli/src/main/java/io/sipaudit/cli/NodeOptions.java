package io.sipaudit.cli;

import io.sipaudit.net.Endpoint;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * {@code --balancer} and {@code --backend}, for the commands that rebuild calls: roles given instead of found
 * from the traffic. A malformed address is a usage error (exit 2) naming the option.
 */
final class NodeOptions {
  @Option(names = "--balancer", paramLabel = "ADDR", split = ",",
      description = "The balancer's address (ip or ip:port), when finding it from the traffic is not wanted.")
  List<String> balancers = new ArrayList<>();

  @Option(names = "--backend", paramLabel = "ADDR", split = ",",
      description = "The backends' addresses (ip or ip:port): the attempts of a call are its INVITEs to these.")
  List<String> backends = new ArrayList<>();

  List<Endpoint> balancers(CommandSpec spec) {
    return addresses(spec, "--balancer", balancers);
  }

  List<Endpoint> backends(CommandSpec spec) {
    return addresses(spec, "--backend", backends);
  }

  private static List<Endpoint> addresses(CommandSpec spec, String option, List<String> values) {
    List<Endpoint> out = new ArrayList<>();
    for (String v : values) {
      try {
        out.add(address(v));
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), option + " " + v + ": " + e.getMessage());
      }
    }
    return out;
  }

  /** Parses {@code 10.0.0.1}, {@code 10.0.0.1:5060}, {@code 2001:db8::1} or {@code [2001:db8::1]:5060}; port 0 = any. */
  static Endpoint address(String s) {
    String t = s.trim();
    long colons = t.chars().filter(c -> c == ':').count();
    if (t.startsWith("[")) {
      return Endpoint.parse(t.contains("]:") ? t : t + ":0");
    }
    return colons == 1 ? Endpoint.parse(t) : Endpoint.parse((colons == 0 ? t : "[" + t + "]") + ":0");
  }
}
