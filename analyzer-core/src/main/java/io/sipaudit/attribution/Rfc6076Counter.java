package io.sipaudit.attribution;

import org.HdrHistogram.Histogram;
import org.jspecify.annotations.Nullable;

/** Counts what {@link Rfc6076} needs, one initial INVITE at a time. */
final class Rfc6076Counter {
  private long invites;
  private long answered;
  private long redirected;
  private long effective;
  private long ineffective;
  private long completed;
  private final Histogram srd = Percentiles.newHistogram();
  private final Histogram sdd = Percentiles.newHistogram();
  private final Histogram sdt = Percentiles.newHistogram();

  /**
   * Adds one initial INVITE.
   *
   * @param status its final status, 0 when it had none
   * @param completed answered and ended by a BYE that got 2xx
   */
  void invite(int status, @Nullable Long srdMs, boolean completed, @Nullable Long sddMs, @Nullable Long sdtMs) {
    invites++;
    if (status >= 200 && status < 300) {
      answered++;
    }
    if (status >= 300 && status < 400) {
      redirected++;
    }
    if ((status >= 200 && status < 300) || status == 480 || status == 486 || status == 600 || status == 603) {
      effective++;
    }
    if (status == 0 || status == 408 || status == 500 || status == 503 || status == 504) {
      ineffective++;
    }
    if (completed) {
      this.completed++;
    }
    Percentiles.record(srd, srdMs);
    Percentiles.record(sdd, sddMs);
    Percentiles.record(sdt, sdtMs);
  }

  Rfc6076 snapshot() {
    long base = invites - redirected;
    return new Rfc6076(invites, ratio(answered, base), ratio(effective, base), ratio(ineffective, invites),
        ratio(completed, invites), Percentiles.of(srd), Percentiles.of(sdd), Percentiles.of(sdt));
  }

  private static @Nullable Double ratio(long part, long whole) {
    return whole == 0 ? null : Math.round(part * 10000.0 / whole) / 100.0;
  }
}
