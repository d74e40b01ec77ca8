#!/usr/bin/env bash
# Builds benchmarks/target/benchmarks.jar (JMH 1.37) and runs the JMH benchmarks of the ingest path.
#
#   benchmarks/run-jmh.sh                      # all of them, as in docs/performance.md (about 15 minutes)
#   benchmarks/run-jmh.sh SipParser -f 1       # a regular expression over benchmark names, then JMH options
#   benchmarks/run-jmh.sh -l                   # list them
#
# Results are printed and also written to benchmarks/target/jmh-result.txt. Close other work first: JMH measures
# wall time, and a busy machine shows up as large errors. Uses $JAVA_HOME/bin/java when JAVA_HOME is set.
set -euo pipefail
ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"

# Maven 3.8 prints stray ANSI resets even with -q -B; drop them.
mvn -q -B -f "$ROOT/pom.xml" -pl benchmarks -am -Pjmh -DskipTests package 2>&1 | sed 's/\x1b\[0m//g' >&2
JAR="$ROOT/benchmarks/target/benchmarks.jar"

# Same heap and collector as the ./sipaudit launcher, so the figures are those of the command.
exec "$JAVA" -jar "$JAR" -jvmArgsAppend "-Xmx384m -XX:+UseSerialGC" -rf text -rff "$ROOT/benchmarks/target/jmh-result.txt" "$@"
