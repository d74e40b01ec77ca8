/**
 * Balancer configuration read the way the balancer reads it: Kamailio's {@code dispatcher.list}
 * ({@link io.sipaudit.config.DispatcherList}), with its destination order and attribute rules, so that the
 * simulator indexes destinations exactly as Kamailio does.
 */
@NullMarked
package io.sipaudit.config;

import org.jspecify.annotations.NullMarked;
