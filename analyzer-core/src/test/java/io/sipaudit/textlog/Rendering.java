package io.sipaudit.textlog;

import java.util.List;
import java.util.function.BiConsumer;

/**
 * The ways {@link NodeLogRenderers} and {@link WireTextRenderers} writes a capture's messages as text, one per format and layout, with what each
 * keeps of the original so that the round trip knows what to compare.
 *
 * <p>Example: {@link #SOFIA_OLD} writes {@code recv 523 bytes from udp/[127.0.1.100]:5060 at 04:59:58.214303:},
 * indented dashes, the message indented without its CRs, closing dashes; it keeps the peer, the transport and the
 * time of day to the microsecond.
 */
enum Rendering {
  BARE_RAW(TextFormat.BARE, Addresses.NONE, Time.NONE, NodeLogRenderers::bareRaw),
  BARE_PASTED(TextFormat.BARE, Addresses.NONE, Time.NONE, NodeLogRenderers::barePasted),
  PJSIP_CONSOLE(TextFormat.PJSIP, Addresses.PEER, Time.NONE, NodeLogRenderers::pjsipConsole),
  PJSIP_FULL_LOG(TextFormat.PJSIP, Addresses.PEER, Time.SECONDS, NodeLogRenderers::pjsipFullLog),
  CHAN_SIP_18_FULL_LOG(TextFormat.CHAN_SIP, Addresses.PEER, Time.SECONDS, NodeLogRenderers::chanSip18),
  CHAN_SIP_14(TextFormat.CHAN_SIP, Addresses.PEER, Time.NONE, NodeLogRenderers::chanSip14),
  SOFIA_OLD(TextFormat.SOFIA, Addresses.PEER, Time.MICROS, NodeLogRenderers::sofiaOld),
  SOFIA_NEW(TextFormat.SOFIA, Addresses.PEER, Time.MICROS, NodeLogRenderers::sofiaNew),
  KAMAILIO_SIPDUMP(TextFormat.KAMAILIO, Addresses.BOTH, Time.MICROS, WireTextRenderers::sipdump),
  OPENSIPS_CLI(TextFormat.OPENSIPS, Addresses.BOTH, Time.MICROS, WireTextRenderers::opensips),
  SNGREP(TextFormat.SNGREP, Addresses.BOTH, Time.MICROS, WireTextRenderers::sngrep),
  NGREP_ABSOLUTE(TextFormat.NGREP, Addresses.BOTH, Time.MICROS, WireTextRenderers::ngrepAbsolute),
  NGREP_RELATIVE(TextFormat.NGREP, Addresses.BOTH, Time.DELTAS, WireTextRenderers::ngrepRelative),
  SIPP(TextFormat.SIPP, Addresses.NONE, Time.MICROS, NodeLogRenderers::sipp),
  TCPDUMP_ASCII(TextFormat.TCPDUMP, Addresses.BOTH, Time.MICROS, WireTextRenderers::tcpdumpAscii),
  TCPDUMP_VERBOSE(TextFormat.TCPDUMP, Addresses.BOTH, Time.MICROS, WireTextRenderers::tcpdumpVerbose),
  TSHARK_TREE(TextFormat.TSHARK, Addresses.BOTH, Time.MICROS, TsharkTreeRenderer::render),
  TSHARK_FOLLOW(TextFormat.TSHARK_FOLLOW, Addresses.BOTH, Time.NONE, WireTextRenderers::tsharkFollow);

  /** Which addresses a rendering keeps. */
  enum Addresses { BOTH, PEER, NONE }

  /** How much of the time a rendering keeps. */
  enum Time { MICROS, SECONDS, DELTAS, NONE }

  final TextFormat format;
  final Addresses addresses;
  final Time time;
  private final BiConsumer<List<RenderedMessage>, StringBuilder> renderer;

  Rendering(TextFormat format, Addresses addresses, Time time,
      BiConsumer<List<RenderedMessage>, StringBuilder> renderer) {
    this.format = format;
    this.addresses = addresses;
    this.time = time;
    this.renderer = renderer;
  }

  /** Returns the messages as this rendering writes them. */
  String render(List<RenderedMessage> messages) {
    StringBuilder out = new StringBuilder();
    renderer.accept(messages, out);
    return out.toString();
  }

  /** Returns whether messages keep their bodies (tshark -V shows them dissected). */
  boolean keepsBodies() {
    return this != TSHARK_TREE;
  }
}
