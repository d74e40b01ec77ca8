package io.sipaudit.cli.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The pages the server writes itself and the policies they are served with: the upload page (one self-contained
 * document, its CSS inline and allowed by hash, its script the separate {@code /app.js}), error pages, and the
 * download bar put on top of a report.
 *
 * <p>Example: {@code pages.index()} is the upload page with this server's limits filled in; {@link #INDEX_POLICY}
 * lets it run {@code /app.js} and nothing else.
 */
final class Pages {
  /** For responses that are not pages: nothing may load, nothing may frame them. */
  static final String NONE_POLICY =
      "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

  private static final Pattern STYLE = Pattern.compile("<style>(.*?)</style>", Pattern.DOTALL);
  private static final Pattern REPORT_POLICY = Pattern.compile(
      "<meta http-equiv=\"Content-Security-Policy\" content=\"([^\"<>]*)\"");

  private final String index;
  private final String css;
  private final String policy;
  private final byte[] script;

  Pages(long maxUpload, Duration keep, String version) {
    String template = resource("index.html");
    Matcher style = STYLE.matcher(template);
    if (!style.find()) {
      throw new IllegalStateException("index.html has no <style>");
    }
    this.css = style.group(1);
    this.policy = "default-src 'none'; script-src 'self'; style-src 'sha256-" + sha256(css) + "'; connect-src 'self';"
        + " img-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'";
    this.index = template.replace("{{MAX_UPLOAD_BYTES}}", Long.toString(maxUpload))
        .replace("{{MAX_UPLOAD}}", ByteSize.format(maxUpload))
        .replace("{{KEEP}}", keep.toMinutes() + " minutes")
        .replace("{{VERSION}}", text(version));
    this.script = resource("app.js").getBytes(StandardCharsets.UTF_8);
  }

  /** The upload page. */
  String index() {
    return index;
  }

  /** The policy of the upload page and the error pages: {@code /app.js}, the inline CSS by hash, no frames. */
  String policy() {
    return policy;
  }

  /** The upload page's script. */
  byte[] script() {
    return script.clone();
  }

  /** An error page with the same look as the upload page; every string is escaped. */
  String error(HttpProblem p, String reportPath) {
    StringBuilder out = new StringBuilder(1024);
    out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>sipaudit: ")
        .append(p.status()).append("</title>\n<style>").append(css).append("</style>\n</head>\n<body>\n")
        .append("<h1>sipaudit</h1>\n<p id=\"status\" class=\"error\">").append(text(p.error())).append("</p>\n");
    if (!p.messages().isEmpty() || p.partial() != null) {
      out.append("<ul id=\"messages\">\n");
      for (String m : p.messages()) {
        out.append("<li>").append(text(m)).append("</li>\n");
      }
      if (p.partial() != null) {
        out.append("<li><a href=\"").append(text(reportPath)).append("\">Report of what could be read before the"
            + " damage</a></li>\n");
      }
      out.append("</ul>\n");
    }
    out.append("<p><a href=\"/\">Back to the upload page</a></p>\n</body>\n</html>\n");
    return out.toString();
  }

  /**
   * Returns the report with a bar of download links at the top of its body; {@code base} is the analysis's path,
   * e.g. {@code /r/3f9c…e1}, and {@code csvNames} the CSV files there.
   */
  static String withDownloads(String report, String base, List<String> csvNames) {
    StringBuilder bar = new StringBuilder(512);
    String link = "color:#2f6fb3;margin:0 4px";
    bar.append("<nav id=\"downloads\" style=\"font-family:'DejaVu Sans',Verdana,Arial,sans-serif;font-size:13px;")
        .append("background:#eef3fa;border:1px solid #c9d6e8;border-radius:4px;padding:6px 10px;margin-bottom:12px\">")
        .append("Download this analysis: ")
        .append("<a style=\"").append(link).append("\" href=\"").append(base).append("/report.pdf\">PDF</a>")
        .append("<a style=\"").append(link).append("\" href=\"").append(base).append("/report.html\">HTML</a>")
        .append("<a style=\"").append(link).append("\" href=\"").append(base).append("/analysis.json\">JSON</a> CSV:");
    for (String name : csvNames) {
      bar.append("<a style=\"").append(link).append("\" href=\"").append(base).append("/csv/").append(name)
          .append("\">").append(name.replace(".csv", "")).append("</a>");
    }
    bar.append(" · <a style=\"").append(link).append("\" href=\"/\">Analyse another trace</a></nav>\n");
    int body = report.indexOf("<body>");
    if (body < 0) {
      throw new IllegalArgumentException("the report has no <body>");
    }
    int at = body + "<body>".length();
    return report.substring(0, at) + "\n" + bar + report.substring(at);
  }

  /** The report's own Content-Security-Policy (from its meta element) with {@code frame-ancestors 'none'}. */
  static String reportPolicy(String report) {
    Matcher m = REPORT_POLICY.matcher(report);
    String own = m.find() ? m.group(1) : "default-src 'none'; style-src 'unsafe-inline'; img-src data:";
    return own + "; frame-ancestors 'none'";
  }

  /** Escapes text for HTML element content and quoted attribute values. */
  static String text(String s) {
    StringBuilder out = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '<' -> out.append("&lt;");
        case '>' -> out.append("&gt;");
        case '&' -> out.append("&amp;");
        case '"' -> out.append("&quot;");
        case '\'' -> out.append("&#39;");
        default -> out.append(c);
      }
    }
    return out.toString();
  }

  static String sha256(String s) {
    try {
      return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256")
          .digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String resource(String name) {
    try (InputStream in = Pages.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + name);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
