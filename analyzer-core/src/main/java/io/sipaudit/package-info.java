/**
 * The analysis pipeline of sipaudit, one subpackage per stage, with dependencies flowing one way:
 * {@code capture → net → sip → dialog → attribution → health → simulate → audit}. A capture such as
 * {@code lab-roundrobin.pcap} goes in; an audit such as "backend 127.0.1.12 took 41% of 200 calls, expected
 * 33% ± 5%" comes out. Besides the stages, {@code truth} reads and writes the lab's ground truth (the load
 * balancer's own log of its choices, as CSV). Nothing in this module knows about {@code io.sipaudit.report}
 * or {@code io.sipaudit.cli}; {@code PackageDependencyTest} enforces that. See {@code docs/architecture.md}.
 */
@NullMarked
package io.sipaudit;

import org.jspecify.annotations.NullMarked;
