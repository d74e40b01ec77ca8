/**
 * The first pipeline stage: reads packet captures as a lazy stream of {@link io.sipaudit.capture.CapturedFrame}s
 * (link-layer bytes, timestamp, link type, lengths), in pure Java and constant memory.
 * {@link io.sipaudit.capture.CaptureFormat#open(java.nio.file.Path)} recognises classic pcap (all byte orders,
 * micro- and nanoseconds, Kuznetsov's variant) and pcapng (several sections and interfaces of any byte order and
 * link type) by their magic bytes, gunzipping first when the content starts {@code 1f 8b}; a file named
 * {@code calls.pcap.gz}, {@code calls.pcap} or {@code upload.bin} is treated alike. A damaged file yields every
 * frame before the damage and then a {@link io.sipaudit.capture.CaptureFormatException} naming the byte offset
 * (in the uncompressed stream) and what was expected, e.g.
 * {@code "calls.pcap at offset 4711: record header needs 16 bytes, file ends after 7"}.
 * {@link io.sipaudit.capture.PcapWriter} writes classic pcap for tests and synthetic traffic. Decoding the link,
 * IP and transport layers is the next stage's job ({@code io.sipaudit.net}).
 */
@NullMarked
package io.sipaudit.capture;

import org.jspecify.annotations.NullMarked;
