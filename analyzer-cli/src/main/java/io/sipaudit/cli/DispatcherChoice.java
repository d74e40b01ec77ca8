package io.sipaudit.cli;

import io.sipaudit.config.Destination;
import io.sipaudit.config.DispatcherList;
import java.nio.file.Path;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** The {@code --algorithm} and {@code --set} rules shared by {@code simulate}, {@code analyze} and {@code check}. */
final class DispatcherChoice {
  private DispatcherChoice() {}

  /** Parses {@code kamailio:N}, {@code N} or {@code sbc:NAME}; anything else is a usage error. Example: {@code kamailio:4} -> 4. */
  static int algorithm(CommandSpec spec, String name) {
    if (name.startsWith("sbc:")) {
      Integer id = io.sipaudit.simulate.SbcAlgorithms.id(name.substring(4));
      if (id == null) {
        throw new ParameterException(spec.commandLine(), "--algorithm " + name + " (SBC selections: "
            + io.sipaudit.simulate.SbcAlgorithms.supported().values().stream().map(n -> "sbc:" + n).toList() + ")");
      }
      return id;
    }
    String number = name.startsWith("kamailio:") ? name.substring("kamailio:".length()) : name;
    if (!number.matches("\\d{1,3}")) {
      throw new ParameterException(spec.commandLine(), "--algorithm " + name
          + " (expected: kamailio:N with N a Kamailio dispatcher algorithm number, or sbc:least-calls; OpenSIPS: opensips:N)");
    }
    return Integer.parseInt(number);
  }

  /** Returns the set {@code --set} names, else the only set of the list, else set 1; a set not in the list is a usage error. */
  static int setId(CommandSpec spec, DispatcherList list, @Nullable Integer set, Path file) {
    int setId = set != null ? set : (list.setIds().size() == 1 ? list.setIds().get(0) : 1);
    List<Destination> destinations = list.set(setId);
    if (list.setIds().isEmpty()) {
      throw new io.sipaudit.MalformedInputException(file + " has no destinations (only comments or blank lines?):"
          + " give the dispatcher.list the balancer loads, or what kamcmd dispatcher.list prints");
    }
    if (destinations.isEmpty()) {
      throw new ParameterException(spec.commandLine(), "set " + setId + " is not in " + file + " (sets: "
          + list.setIds() + ")");
    }
    return setId;
  }
}
