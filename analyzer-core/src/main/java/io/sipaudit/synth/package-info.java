/**
 * Synthetic captures for benchmarks and large-file tests: realistic balancer traffic of any size, streamed
 * to a pcap file by {@link io.sipaudit.synth.SyntheticCapture}.
 */
@NullMarked
package io.sipaudit.synth;

import org.jspecify.annotations.NullMarked;
