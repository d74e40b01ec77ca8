package io.sipaudit.simulate;

/**
 * One destination's state in Kamailio 5.6's dispatcher and how it changes ({@code ds_update_state()},
 * dispatch.c :2999): the bits inactive, trying, disabled and probing, and one counter of consecutive failures
 * (while not inactive) or successes (while inactive), judged against {@code ds_probing_threshold} (PT) and
 * {@code ds_inactive_threshold} (IT).
 *
 * <p>Example, PT 3 and IT 2: failures t, t leave it trying (still selectable), a third makes it inactive; then
 * one success keeps it inactive and a second makes it active again.
 */
public final class DestinationState {
  public static final int INACTIVE = 1;
  public static final int TRYING = 2;
  public static final int DISABLED = 4;
  public static final int PROBING = 8;
  private static final int MASK = 31;

  private final int probingThreshold;
  private final int inactiveThreshold;
  private int flags;
  private int count;

  /** Starts from the list file's flags (only the state bits count). */
  public DestinationState(int initialFlags, int probingThreshold, int inactiveThreshold) {
    this.flags = initialFlags & MASK;
    this.probingThreshold = Math.max(1, probingThreshold);
    this.inactiveThreshold = Math.max(1, inactiveThreshold);
  }

  /** Applies a requested state (from a probe result or {@code ds_mark_dst}), thresholds included. */
  public void update(int requested) {
    int old = flags;
    int state = requested;
    flags &= ~MASK;
    if ((state & TRYING) != 0 && (old & INACTIVE) != 0) {
      state = (state & ~TRYING) | INACTIVE;   // inactive cannot go to trying directly
    }
    flags |= (state & DISABLED) != 0 ? DISABLED : state;
    if ((state & TRYING) != 0) {   // a failure while not inactive
      if (++count >= probingThreshold) {
        flags = (flags & ~TRYING) | INACTIVE;
        count = 0;
      }
    } else if ((requested & TRYING) == 0 && (old & INACTIVE) != 0) {   // a success while inactive
      if (++count < inactiveThreshold) {
        flags |= INACTIVE;
        if ((old & PROBING) != 0) {
          flags |= PROBING;
        }
      } else {
        count = 0;
      }
    } else {
      count = 0;
    }
  }

  /** The result of a health-check probe in {@code ds_probing_mode} {@code mode} ({@code ds_options_callback()}). */
  public void probed(boolean success, int mode) {
    if ((flags & DISABLED) != 0 || (mode == 3 && (flags & PROBING) == 0)) {
      return;   // a disabled destination is never updated by a ping; mode 3 ignores one that lost P
    }
    if (success) {
      update(mode == 1 || (mode == 3 && (flags & PROBING) != 0) ? PROBING : 0);
    } else {
      update(TRYING | (mode != 0 ? PROBING : 0));
    }
  }

  /** Returns whether selection skips it (inactive or disabled). */
  public boolean skipped() {
    return (flags & (INACTIVE | DISABLED)) != 0;
  }

  /** Returns the state bits. */
  public int flags() {
    return flags;
  }

  /** Returns the letters {@code kamcmd dispatcher.list} shows: {@code AP}, {@code IX}, {@code TP}, {@code DX}. */
  public String letters() {
    char first = (flags & INACTIVE) != 0 ? 'I' : (flags & DISABLED) != 0 ? 'D' : (flags & TRYING) != 0 ? 'T' : 'A';
    return first + ((flags & PROBING) != 0 ? "P" : "X");
  }
}
