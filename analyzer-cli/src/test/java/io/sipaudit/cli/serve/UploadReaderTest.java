package io.sipaudit.cli.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

final class UploadReaderTest {

  @Test
  void aSentFileNameIsShownByItsLastSegmentWithoutControlCharacters() {
    assertEquals("calls.pcap", UploadReader.displayName("calls.pcap", "upload"));
    assertEquals("a.pcap", UploadReader.displayName("C:\\caps\\a.pcap", "upload"));
    assertEquals("passwd", UploadReader.displayName("../../etc/passwd", "upload"));
    assertEquals("ab.pcap", UploadReader.displayName("a\u0000\nb\u202E.pcap", "upload"));
    assertEquals("upload", UploadReader.displayName("dir/", "upload"));
    assertEquals("upload", UploadReader.displayName(null, "upload"));
    assertEquals(100, UploadReader.displayName("x".repeat(500), "upload").length());
  }

  @Test
  void theQueryParameterIsDecodedAndAbsentOnesAreNull() {
    assertEquals("my calls.pcap", UploadReader.queryParameter("x=1&name=my%20calls.pcap", "name"));
    assertEquals("", UploadReader.queryParameter("name", "name"));
    assertNull(UploadReader.queryParameter("names=a", "name"));
    assertNull(UploadReader.queryParameter(null, "name"));
    assertNull(UploadReader.queryParameter("name=%zz", "name"));
  }
}
