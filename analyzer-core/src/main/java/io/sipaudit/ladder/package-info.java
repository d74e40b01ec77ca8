/**
 * Ladders: the messages of a few chosen calls, collected for sequence diagrams in the report.
 *
 * <p>The analysis streams and keeps no capture in memory, so the report picks its calls (failovers, lost calls, a
 * few normal ones) after a first pass and a {@link io.sipaudit.ladder.LadderCollector} gathers their messages in a
 * second pass over the same input. For example, the map {@code {"17.17788.lab-failover" -> "failover-1"}} gives one
 * {@link io.sipaudit.ladder.Ladder} with the client's INVITE, the balancer's INVITEs to 127.0.1.21 (twice: no
 * answer) and to 127.0.1.22, and the replies, each a {@link io.sipaudit.ladder.LadderMessage} with its full text.
 */
@NullMarked
package io.sipaudit.ladder;

import org.jspecify.annotations.NullMarked;
