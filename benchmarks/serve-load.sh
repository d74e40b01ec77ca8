#!/usr/bin/env bash
# Load test of `sipaudit serve` on loopback: starts ./sipaudit serve (the launcher's JVM options, or
# SIPAUDIT_JAVA_OPTS) on a free port of 127.0.0.1, sends N uploads of a lab capture at once to POST /api/analyze
# (the analysis JSON) and then N at once to POST /analyze (the page's form: HTML report, PDF, CSV and JSON), checks
# that every answer is 200 with one call per row of the sample's truth.csv, and prints the wall time of each round
# and the server's peak RSS (VmHWM from /proc). The server is stopped at the end; nothing leaves this machine.
#
#   benchmarks/serve-load.sh                               # 20 uploads of samples/priority-alg8-failover
#   benchmarks/serve-load.sh --uploads 8 --sample rr-alg4 -- --workers 1 --queue-wait 60
#
# Arguments after -- go to `sipaudit serve`. Exit codes: 0 every upload succeeded, 1 one did not, 2 usage,
# 69 curl is missing.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
UPLOADS=20
SAMPLE=priority-alg8-failover
SERVE_ARGS=()

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --uploads) UPLOADS="${2:?}"; shift 2 ;;
    --sample) SAMPLE="${2:?}"; shift 2 ;;
    --) shift; SERVE_ARGS=("$@"); break ;;
    *) usage ;;
  esac
done
[[ "$UPLOADS" =~ ^[0-9]+$ && "$UPLOADS" -ge 1 && "$UPLOADS" -le 100 ]] || usage
command -v curl >/dev/null || { echo "serve-load: curl is missing (Debian: apt-get install curl)" >&2; exit 69; }

CAPTURE="$ROOT/samples/$SAMPLE/capture.pcap"
[[ -f "$CAPTURE" ]] || { echo "serve-load: no $CAPTURE" >&2; exit 2; }
EXPECTED=$(( $(wc -l < "$ROOT/samples/$SAMPLE/truth.csv") - 1 ))
WORK="$(mktemp -d "${TMPDIR:-/tmp}/sipaudit-serve-load.XXXXXX")"
PID=""
cleanup() {
  if [[ -n "$PID" ]]; then
    kill "$PID" 2>/dev/null || true
    wait "$PID" 2>/dev/null || true
  fi
  rm -rf "$WORK"
}
trap cleanup EXIT

"$ROOT/sipaudit" --version >/dev/null   # builds the jar first if needed, outside the measured run
"$ROOT/sipaudit" serve --port 0 "${SERVE_ARGS[@]}" > "$WORK/serve.out" 2> "$WORK/serve.err" &
PID=$!
for _ in $(seq 1 100); do
  URL=$(grep -o 'http://127.0.0.1:[0-9]*/' "$WORK/serve.out" || true)
  [[ -n "$URL" ]] && break
  sleep 0.2
done
[[ -n "$URL" ]] || { echo "serve-load: the server did not start:" >&2; cat "$WORK/serve.err" >&2; exit 1; }
echo "server: $(cat "$WORK/serve.out")"
echo "RSS after start: $(awk '/VmRSS/ {print $2 " " $3}' "/proc/$PID/status")"

# round NAME PATH EXTRA_CURL_ARGS...: N uploads at once; every answer must be 200 with EXPECTED calls
round() {
  local name="$1" path="$2"
  shift 2
  local started ended failed=0
  started=$(date +%s.%N)
  for i in $(seq 1 "$UPLOADS"); do
    curl -s -o "$WORK/$name-$i.out" -w '%{http_code}\n' "$@" "$URL$path" > "$WORK/$name-$i.code" &
  done
  wait $(jobs -p | grep -v "^$PID\$") 2>/dev/null || true
  ended=$(date +%s.%N)
  for i in $(seq 1 "$UPLOADS"); do
    local code calls
    code=$(cat "$WORK/$name-$i.code")
    if [[ "$name" == form ]]; then
      # the form answers {"report": "/r/ID", "analysis": "/r/ID/analysis.json", ...}
      local analysis
      analysis=$(grep -o '"analysis":"[^"]*"' "$WORK/$name-$i.out" | cut -d'"' -f4 || true)
      [[ -n "$analysis" ]] && curl -s -o "$WORK/$name-$i.json" "${URL%/}$analysis"
      calls=$(grep -o '"callId":"[^"]*","start"' "$WORK/$name-$i.json" 2>/dev/null | wc -l)
    else
      calls=$(grep -o '"callId":"[^"]*","start"' "$WORK/$name-$i.out" | wc -l)
    fi
    if [[ "$code" != 200 || "$calls" != "$EXPECTED" ]]; then
      echo "  upload $i: HTTP $code, $calls calls (expected 200, $EXPECTED): $(head -c 300 "$WORK/$name-$i.out")"
      failed=$((failed + 1))
    fi
  done
  printf '%s: %d uploads at once of %s: %d failed, %.1f s wall\n' "$name" "$UPLOADS" "$SAMPLE/capture.pcap" \
    "$failed" "$(echo "$ended - $started" | bc -l)"
  return "$failed"
}

status=0
round api api/analyze -H 'Content-Type: application/octet-stream' --data-binary "@$CAPTURE" || status=1
round form analyze -H 'Accept: application/json' -F "file=@$CAPTURE" || status=1
echo "peak RSS of the server (VmHWM): $(awk '/VmHWM/ {print $2 " " $3}' "/proc/$PID/status")"
exit "$status"
