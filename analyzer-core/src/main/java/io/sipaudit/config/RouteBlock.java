package io.sipaudit.config;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One route block of a {@code kamailio.cfg} with the function calls found in it. Example:
 * <pre>
 * failure_route[FAILOVER] {
 *   if (t_check_status("408|5[0-9][0-9]")) { ds_mark_dst("ip"); if (ds_next_dst()) route(RELAY); }
 * }
 * </pre>
 * is kind {@link Kind#FAILURE}, name {@code FAILOVER}, with the calls {@code t_check_status}, {@code ds_mark_dst},
 * {@code ds_next_dst} and {@code route}, in that order.
 *
 * @param kind the block keyword
 * @param name the name in brackets, unquoted ({@code dispatcher:dst-down} for an event route), or null
 * @param line the 1-based line of the keyword
 * @param calls every {@code identifier(...)} in the block, nested calls included, in source order
 */
public record RouteBlock(Kind kind, @Nullable String name, int line, List<FunctionCall> calls) {

  /** The block keywords; {@code route { }} without a name is Kamailio's old spelling of {@code request_route}. */
  public enum Kind {
    REQUEST("request_route"), ROUTE("route"), FAILURE("failure_route"), ONREPLY("onreply_route"),
    BRANCH("branch_route"), EVENT("event_route"), ONSEND("onsend_route"), REPLY("reply_route");

    private final String keyword;

    Kind(String keyword) {
      this.keyword = keyword;
    }

    /** Returns the keyword as written in the file. */
    public String keyword() {
      return keyword;
    }

    /** Returns the kind for a keyword, or null. */
    public static @Nullable Kind of(String keyword) {
      for (Kind k : values()) {
        if (k.keyword.equals(keyword)) {
          return k;
        }
      }
      return null;
    }
  }

  public RouteBlock {
    requireNonNull(kind, "kind");
    calls = List.copyOf(calls);
  }

  /** Returns the block as written, e.g. {@code failure_route[FAILOVER]} or {@code request_route}. */
  public String label() {
    return name == null ? kind.keyword() : kind.keyword() + "[" + name + "]";
  }

  /** Returns the calls of one function in this block. */
  public List<FunctionCall> calls(String function) {
    return calls.stream().filter(c -> c.name().equals(function)).toList();
  }
}
