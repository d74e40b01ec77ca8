/** Shared test fixtures: packet builders for synthetic frames and captures. */
@NullMarked
package io.sipaudit.testing;

import org.jspecify.annotations.NullMarked;
