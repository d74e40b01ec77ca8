package io.sipaudit.truth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

final class ScenarioEnvTest {

  @Test
  void bareQuotedAndMultiLineValuesAreRead() {
    Map<String, String> env = ScenarioEnv.parse("""
        # a comment
        NAME=rr-alg4
        DESCRIPTION="Round-robin, three backends"
        CALLID_FORMAT='%u-%p@%s'

        DISPATCHER_LIST="
        1 sip:127.0.1.11:5060
        1 sip:127.0.1.12:5060
        "
        CALLS=30
        """);
    assertEquals("rr-alg4", env.get("NAME"));
    assertEquals("Round-robin, three backends", env.get("DESCRIPTION"));
    assertEquals("%u-%p@%s", env.get("CALLID_FORMAT"));
    assertEquals("\n1 sip:127.0.1.11:5060\n1 sip:127.0.1.12:5060\n", env.get("DISPATCHER_LIST"));
    assertEquals("30", env.get("CALLS"));
  }

  @Test
  void unclosedQuoteNamesTheLine() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScenarioEnv.parse("NAME=x\nDESCRIPTION=\"never closed\n"));
    assertTrue(e.getMessage().startsWith("line 2:"), e.getMessage());
  }

  @Test
  void lineAfterAMultiLineValueIsCountedRight() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ScenarioEnv.parse("A=\"1\n2\n3\"\nnot an assignment\n"));
    assertTrue(e.getMessage().startsWith("line 4:"), e.getMessage());
  }
}
