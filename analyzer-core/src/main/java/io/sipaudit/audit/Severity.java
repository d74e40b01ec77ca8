package io.sipaudit.audit;

import java.util.Locale;

/** How much a finding matters: {@code error} (calls were lost or misrouted), {@code warning}, {@code info}. */
public enum Severity {
  ERROR, WARNING, INFO;

  /** Returns the JSON spelling, for example {@code warning}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
