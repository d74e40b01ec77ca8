package io.sipaudit.config;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * SRV and address records from a DNS zone file (RFC 1035 master file lines), the configuration of a balancer
 * that picks backends by SRV (RFC 2782).
 *
 * <p>Example input:
 * <pre>
 * $ORIGIN voice.lab.
 * _sip._udp  60 IN SRV 10 50 5060 a.voice.lab.
 * a          60 IN A   127.0.1.121
 * </pre>
 * gives the service {@code _sip._udp.voice.lab} with one target {@code a.voice.lab:5060 -> 127.0.1.121:5060},
 * priority 10, weight 50. {@code $ORIGIN}, {@code $TTL}, relative names, an omitted owner (the previous one),
 * optional TTL and class in either order, and {@code ;} comments are understood; other record types are skipped.
 */
public final class SrvZone {
  /**
   * One SRV record, in file order, with the addresses its target resolves to.
   *
   * @param service the owner name, e.g. {@code _sip._udp.voice.lab}
   * @param priority lower is tried first
   * @param weight the share within a priority
   * @param port the port
   * @param target the target host name
   * @param address the target's first address ({@code null} when the zone has none)
   * @param line the 1-based line in the zone file (the frame number when the record was read from a capture)
   * @param ttl the record's time to live in seconds ({@code $TTL}, else the previous record's; -1 when none given)
   * @param addresses all A and AAAA addresses of the target, in file order (Kamailio tries each before the next
   *     SRV record)
   */
  public record Srv(String service, int priority, int weight, int port, String target, @Nullable String address,
      int line, long ttl, List<String> addresses) {
    public Srv {
      requireNonNull(service, "service");
      requireNonNull(target, "target");
      addresses = List.copyOf(addresses);
      if (address == null && !addresses.isEmpty()) {
        address = addresses.get(0);
      }
    }

    /** A record with one address or none and no TTL. */
    public Srv(String service, int priority, int weight, int port, String target, @Nullable String address,
        int line) {
      this(service, priority, weight, port, target, address, line, -1, address == null ? List.of() : List.of(address));
    }

    /** Returns {@code address:port} for every address of the target, in order. */
    public List<String> hostPorts() {
      return addresses.stream().map(a -> (a.contains(":") ? "[" + a + "]" : a) + ":" + port).toList();
    }

    /** Returns {@code address:port} (IPv6 in brackets), or null when the target has no address in the zone. */
    public @Nullable String hostPort() {
      return address == null ? null : (address.contains(":") ? "[" + address + "]" : address) + ":" + port;
    }
  }

  private final String source;
  private final List<Srv> records;

  private SrvZone(String source, List<Srv> records) {
    this.source = source;
    this.records = List.copyOf(records);
  }

  /** Returns a zone made of records read elsewhere (a capture's DNS answers); {@code source} names it. */
  public static SrvZone of(String source, List<Srv> records) {
    return new SrvZone(requireNonNull(source, "source"), records);
  }

  /** Reads a zone file. */
  public static SrvZone read(Path file) {
    try {
      return parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Parses zone text; {@code source} names it in errors. */
  public static SrvZone parse(String text, String source) {
    String origin = "";
    String owner = null;
    long defaultTtl = -1;
    long lastTtl = -1;
    Map<String, List<String>> addresses = new LinkedHashMap<>();
    record Raw(String service, int priority, int weight, int port, String target, int line, long ttl) {}
    List<Raw> raw = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int n = 1; n <= lines.length; n++) {
      String line = stripComment(lines[n - 1]);
      int first = n;
      int open = parens(line);
      while (open > 0 && n < lines.length) {   // RFC 1035 5.1: "( ... )" continues a record over several lines
        String more = stripComment(lines[n++]);
        open += parens(more);
        line = line + " " + more;
      }
      if (open != 0) {
        throw new SrvZoneException(source, first, open > 0 ? "'(' is never closed" : "')' without '('");
      }
      line = line.replace('(', ' ').replace(')', ' ');
      if (line.isBlank()) {
        continue;
      }
      boolean continues = Character.isWhitespace(line.charAt(0));
      String[] t = line.trim().split("\\s+");
      if (t[0].equalsIgnoreCase("$ORIGIN")) {
        if (t.length < 2) {
          throw new SrvZoneException(source, first, "$ORIGIN needs a name");
        }
        origin = absolute(t[1], "");
        continue;
      }
      if (t[0].equalsIgnoreCase("$TTL") && t.length >= 2) {
        defaultTtl = ttl(t[1]);
        continue;
      }
      if (t[0].startsWith("$")) {
        continue;   // $INCLUDE, $GENERATE: not needed for SRV selection
      }
      int i = 0;
      if (!continues) {
        owner = absolute(t[0], origin);
        i = 1;
      } else if (owner == null) {
        throw new SrvZoneException(source, first, "a record without an owner name before it");
      }
      long recordTtl = -1;
      while (i < t.length && (t[i].matches("\\d+[smhdwSMHDW]?") || t[i].equalsIgnoreCase("IN")
          || t[i].equalsIgnoreCase("CH") || t[i].equalsIgnoreCase("HS"))) {
        if (Character.isDigit(t[i].charAt(0))) {
          recordTtl = ttl(t[i]);
        }
        i++;
      }
      // RFC 2308 section 4: $TTL, else (RFC 1035) the previous record's
      recordTtl = recordTtl >= 0 ? recordTtl : (defaultTtl >= 0 ? defaultTtl : lastTtl);
      lastTtl = recordTtl;
      if (i >= t.length) {
        throw new SrvZoneException(source, first, "no record type in '" + line.trim() + "'");
      }
      String type = t[i].toUpperCase(Locale.ROOT);
      String[] rdata = java.util.Arrays.copyOfRange(t, i + 1, t.length);
      switch (type) {
        case "SRV" -> {
          if (rdata.length != 4) {
            throw new SrvZoneException(source, first, "SRV needs priority, weight, port and target: '"
                + line.trim() + "'");
          }
          int priority = number(rdata[0], "priority", source, first);
          int weight = number(rdata[1], "weight", source, first);
          int port = number(rdata[2], "port", source, first);
          raw.add(new Raw(owner, priority, weight, port, absolute(rdata[3], origin), first, recordTtl));
        }
        case "A", "AAAA" -> {
          if (rdata.length != 1) {
            throw new SrvZoneException(source, first, type + " needs one address");
          }
          List<String> list = addresses.computeIfAbsent(owner, k -> new ArrayList<>());
          if (!list.contains(rdata[0])) {
            list.add(rdata[0]);
          }
        }
        default -> {
          // other types play no part in SRV selection
        }
      }
    }
    List<Srv> out = new ArrayList<>();
    for (Raw r : raw) {
      List<String> a = addresses.getOrDefault(r.target, List.of());
      out.add(new Srv(r.service, r.priority, r.weight, r.port, r.target, a.isEmpty() ? null : a.get(0), r.line,
          r.ttl, a));
    }
    return new SrvZone(source, out);
  }

  /** Returns the opening minus the closing parentheses of a comment-free line, outside quotes. */
  private static int parens(String line) {
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (!quoted && c == '(') {
        depth++;
      } else if (!quoted && c == ')') {
        depth--;
      }
    }
    return depth;
  }

  private static int number(String s, String what, String source, int line) {
    try {
      int v = Integer.parseInt(s);
      if (v < 0 || v > 65535) {
        throw new NumberFormatException();
      }
      return v;
    } catch (NumberFormatException e) {
      throw new SrvZoneException(source, line, "SRV " + what + " '" + s + "' is not a number from 0 to 65535");
    }
  }

  /** A TTL such as {@code 300} or {@code 1h} (RFC 1035 numbers, BIND units). */
  private static long ttl(String s) {
    char unit = Character.toLowerCase(s.charAt(s.length() - 1));
    long scale = switch (unit) {
      case 's' -> 1;
      case 'm' -> 60;
      case 'h' -> 3600;
      case 'd' -> 86400;
      case 'w' -> 604800;
      default -> 0;
    };
    String digits = scale == 0 ? s : s.substring(0, s.length() - 1);
    try {
      return Long.parseLong(digits) * (scale == 0 ? 1 : scale);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  private static String stripComment(String line) {
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == ';' && !quoted) {
        return line.substring(0, i);
      }
    }
    return line;
  }

  /** Makes a name absolute without the final dot, lower case: {@code a} with origin {@code voice.lab} -> {@code a.voice.lab}. */
  private static String absolute(String name, String origin) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.equals("@")) {
      return origin;
    }
    if (n.endsWith(".")) {
      return n.substring(0, n.length() - 1);
    }
    return origin.isEmpty() ? n : n + "." + origin;
  }

  /** Returns the services (SRV owner names) in file order. */
  public List<String> services() {
    return records.stream().map(Srv::service).distinct().toList();
  }

  /** Returns the records of one service, in file order. */
  public List<Srv> records(String service) {
    String s = absolute(service, "");
    return records.stream().filter(r -> r.service().equals(s)).toList();
  }

  /** Returns every SRV record, in file order. */
  public List<Srv> records() {
    return records;
  }

  /** Returns the file or name given when parsing. */
  public String source() {
    return source;
  }
}
