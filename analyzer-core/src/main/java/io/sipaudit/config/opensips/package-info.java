/**
 * OpenSIPS balancer configuration read as OpenSIPS 3.x reads it from its database: the {@code dispatcher} table
 * ({@link io.sipaudit.config.opensips.OpenSipsDispatcherTable}, ordered into the arrays the algorithms index)
 * and the {@code load_balancer} table ({@link io.sipaudit.config.opensips.OpenSipsLbTable}), each from a CSV
 * export, an SQL {@code INSERT} dump or (dispatcher) the JSON of {@code opensips-cli -x mi ds_list}.
 *
 * <p>Example row: {@code 1,1,sip:10.0.0.1:5060,,0,0,2,10,,pbx1} is destination {@code sip:10.0.0.1:5060} of set 1,
 * active, weight 2, priority 10.
 */
@NullMarked
package io.sipaudit.config.opensips;

import org.jspecify.annotations.NullMarked;
