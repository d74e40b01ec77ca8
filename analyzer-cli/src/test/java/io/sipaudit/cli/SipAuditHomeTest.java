package io.sipaudit.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

final class SipAuditHomeTest {

  @Test
  void homePropertyPutsSamplesDirUnderIt() {
    assertEquals(Path.of("/opt/sipaudit/samples"), SipAuditHome.samplesDir("/opt/sipaudit"));
  }

  @Test
  void absentOrBlankHomeFallsBackToSamplesInWorkingDirectory() {
    assertEquals(Path.of("samples"), SipAuditHome.samplesDir(null));
    assertEquals(Path.of("samples"), SipAuditHome.samplesDir(""));
    assertEquals(Path.of("samples"), SipAuditHome.samplesDir("  "));
  }

  @Test
  void samplesDirReadsTheSystemPropertySetByTheLauncher() {
    String before = System.getProperty(SipAuditHome.PROPERTY);
    try {
      System.setProperty(SipAuditHome.PROPERTY, "/work/main");
      assertEquals(Path.of("/work/main/samples"), SipAuditHome.samplesDir());
      System.clearProperty(SipAuditHome.PROPERTY);
      assertEquals(Path.of("samples"), SipAuditHome.samplesDir());
    } finally {
      if (before == null) {
        System.clearProperty(SipAuditHome.PROPERTY);
      } else {
        System.setProperty(SipAuditHome.PROPERTY, before);
      }
    }
  }
}
