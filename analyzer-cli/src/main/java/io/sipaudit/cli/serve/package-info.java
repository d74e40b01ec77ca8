/**
 * {@code sipaudit serve}: an embedded web app (Javalin on Jetty) where a user pastes a text trace or uploads a
 * capture and gets the HTML report, and a JSON API for automation ({@code POST /api/analyze}, {@code POST
 * /api/check}). The server knows nothing of picocli: it is handed a {@link io.sipaudit.cli.serve.Cli} that runs a
 * sipaudit command in-process, and turns uploads into that command's arguments and its exit code into an HTTP
 * status. For example, a pasted Asterisk log becomes {@code report -o report.html ... --input-name "pasted text"
 * /tmp/sipaudit-serve-…/uploads/…/input-1}, and exit code 65 becomes 422 with the reader's message.
 */
@NullMarked
package io.sipaudit.cli.serve;

import org.jspecify.annotations.NullMarked;
