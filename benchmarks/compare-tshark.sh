#!/usr/bin/env bash
# Whole-process benchmark: `sipaudit stats` against `tshark -q -z sip,stat` on one synthetic capture of at least
# 1M packets, then `sipaudit analyze` on it, then (with --big) `sipaudit stats` on a generated capture of at least
# 5 GB for its peak RSS. Every figure comes from /usr/bin/time -v (wall, user+sys CPU, peak RSS); hyperfine adds
# mean ± σ over several runs when it is installed (Debian: apt-get install hyperfine).
#
#   benchmarks/compare-tshark.sh                          # generates /tmp/sipaudit-bench/synth-1m.pcap if missing
#   benchmarks/compare-tshark.sh --file my.pcap --runs 5  # any capture; at least 1M packets for the issue's figure
#   benchmarks/compare-tshark.sh --big                    # also the >= 5 GB stats run (needs 6 GB free; deleted after)
#
# sipaudit runs through ./sipaudit, so with the launcher's JVM options (or SIPAUDIT_JAVA_OPTS). Both tools must
# report the same number of messages and the same counts per method and status code, or the script fails.
# Exit codes: 0 done, 1 the counts differ, 2 usage, 69 a tool is missing.
set -euo pipefail

ROOT="$(cd -P "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SIPAUDIT="$ROOT/sipaudit"
DIR="${TMPDIR:-/tmp}/sipaudit-bench"
FILE=""
CALLS=76000          # about 1,008,000 frames, 520 MB
BIG_CALLS=740000     # about 9.8M frames, 5.1 GB
RUNS=3
BIG=false

usage() {
  sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//' >&2
  exit 2
}

while [[ $# -gt 0 ]]; do
  case "$1" in
    --file) FILE="$2"; shift 2 ;;
    --calls) CALLS="$2"; shift 2 ;;
    --runs) RUNS="$2"; shift 2 ;;
    --big) BIG=true; shift ;;
    -h|--help) usage ;;
    *) echo "compare-tshark.sh: unknown argument $1" >&2; usage ;;
  esac
done

for tool in tshark python3 /usr/bin/time; do
  command -v "$tool" >/dev/null || { echo "compare-tshark.sh: $tool not found (Debian: tshark, python3, time)" >&2; exit 69; }
done
mkdir -p "$DIR"
"$SIPAUDIT" --version >/dev/null   # builds the jar first if needed, so no run below includes a build

# Runs a command under /usr/bin/time -v; prints "wall_seconds cpu_seconds peak_rss_kb" and keeps its stdout in $2.
timed() {
  local label="$1" out="$2"
  shift 2
  /usr/bin/time -v -o "$DIR/$label.time" "$@" >"$out"
  python3 - "$DIR/$label.time" <<'EOF'
import re, sys
t = open(sys.argv[1]).read()
def get(name):
    return re.search(re.escape(name) + r': (.*)', t).group(1).strip()
wall = 0.0
for part in get('Elapsed (wall clock) time (h:mm:ss or m:ss)').split(':'):
    wall = wall * 60 + float(part)
cpu = float(get('User time (seconds)')) + float(get('System time (seconds)'))
print(f"{wall:.2f} {cpu:.2f} {get('Maximum resident set size (kbytes)')}")
EOF
}

# Prints the best (lowest wall) of $RUNS timed runs: "wall cpu rss".
best_of() {
  local label="$1" out="$2"
  shift 2
  for i in $(seq "$RUNS"); do
    timed "$label-$i" "$out" "$@"
  done | sort -n | head -1
}

if [[ -z "$FILE" ]]; then
  FILE="$DIR/synth-1m.pcap"
  if [[ ! -f "$FILE" ]]; then
    echo "== generating $FILE ($CALLS calls)" >&2
    "$SIPAUDIT" synth --calls "$CALLS" -o "$FILE" >&2
  fi
fi

echo "== machine"
echo "cpus: $(nproc) x $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), RAM $(free -g | awk '/Mem:/ {print $2}') GB"
echo "java: $(java -version 2>&1 | head -1); $(tshark --version | head -1)"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
echo "file: $FILE ($(du -h "$FILE" | cut -f1))"

echo "== sipaudit stats vs tshark -q -z sip,stat (best of $RUNS, wall/CPU/RSS from /usr/bin/time -v)"
read -r s_wall s_cpu s_rss < <(best_of stats "$DIR/stats.json" "$SIPAUDIT" stats -q --format json "$FILE")
read -r t_wall t_cpu t_rss < <(best_of tshark "$DIR/tshark.txt" tshark -n -r "$FILE" -q -z sip,stat)

python3 - "$DIR/stats.json" "$DIR/tshark.txt" "$s_wall" "$s_cpu" "$s_rss" "$t_wall" "$t_cpu" "$t_rss" <<'EOF'
import json, re, sys
ours = json.load(open(sys.argv[1]))
text = open(sys.argv[2]).read()
s_wall, s_cpu, s_rss, t_wall, t_cpu, t_rss = map(float, sys.argv[3:9])
theirs_messages = int(re.search(r'Number of SIP messages: (\d+)', text).group(1))
theirs_resent = int(re.search(r'Number of resent SIP messages: (\d+)', text).group(1))
status = {m.group(1): int(m.group(2)) for m in re.finditer(r'^\s+SIP (\d{3}) .*?: *(\d+) Packets', text, re.M)}
methods = {m.group(1): int(m.group(2)) for m in re.finditer(r'^\s+([A-Z][A-Za-z-]*)\s+: *(\d+) Packets', text, re.M)}
same = (ours['messages'] == theirs_messages and ours['resent'] == theirs_resent and ours['requests'] == methods
        and ours['responses'] == status)
frames = ours['network']['frames']
print(f"frames                 {frames:,}")
print(f"messages               sipaudit {ours['messages']:,}  tshark {theirs_messages:,}  "
      f"resent {ours['resent']:,}/{theirs_resent:,}  per method and status: {'identical' if same else 'DIFFERENT'}")
print(f"sipaudit stats         wall {s_wall:6.2f} s  CPU {s_cpu:6.2f} s  peak RSS {s_rss / 1024:6.0f} MB  "
      f"{frames / s_wall:,.0f} packets/s")
print(f"tshark -z sip,stat     wall {t_wall:6.2f} s  CPU {t_cpu:6.2f} s  peak RSS {t_rss / 1024:6.0f} MB  "
      f"{frames / t_wall:,.0f} packets/s")
print(f"ratio (tshark / sipaudit wall time): {t_wall / s_wall:.1f}x")
if not same:
    print("counts differ:", {'ours': [ours['requests'], ours['responses']], 'tshark': [methods, status]})
    sys.exit(1)
EOF

if command -v hyperfine >/dev/null; then
  echo "== hyperfine ($RUNS runs each, after one warm-up)"
  hyperfine --style basic --warmup 1 --runs "$RUNS" \
    "$SIPAUDIT stats -q $FILE" "tshark -n -r $FILE -q -z sip,stat"
fi

echo "== sipaudit analyze (best of $RUNS)"
read -r a_wall a_cpu a_rss < <(best_of analyze "$DIR/analyze.json" "$SIPAUDIT" analyze -q --format json --no-calls "$FILE")
python3 - "$DIR/analyze.json" "$DIR/stats.json" "$a_wall" "$a_cpu" "$a_rss" <<'EOF'
import json, sys
summary = json.load(open(sys.argv[1]))['summary']
frames = json.load(open(sys.argv[2]))['network']['frames']
wall, cpu, rss = map(float, sys.argv[3:6])
print(f"sipaudit analyze       wall {wall:6.2f} s  CPU {cpu:6.2f} s  peak RSS {rss / 1024:6.0f} MB  "
      f"{frames / wall:,.0f} packets/s  {summary['calls'] / wall:,.0f} calls/s ({summary['calls']:,} calls)")
EOF

if $BIG; then
  BIGFILE="$DIR/synth-5g.pcap"
  free_kb=$(df -Pk "$DIR" | awk 'NR == 2 {print $4}')
  if (( free_kb < 6 * 1024 * 1024 )); then
    echo "compare-tshark.sh: --big needs 6 GB free in $DIR, there are $((free_kb / 1024)) MB" >&2
    exit 69
  fi
  trap 'rm -f "$BIGFILE"' EXIT
  echo "== generating $BIGFILE ($BIG_CALLS calls)" >&2
  "$SIPAUDIT" synth --calls "$BIG_CALLS" -o "$BIGFILE" >&2
  echo "== sipaudit stats on $(du -h "$BIGFILE" | cut -f1)"
  read -r b_wall b_cpu b_rss < <(timed big "$DIR/big.json" "$SIPAUDIT" stats -q --format json "$BIGFILE")
  python3 - "$DIR/big.json" "$b_wall" "$b_cpu" "$b_rss" <<'EOF'
import json, sys
stats = json.load(open(sys.argv[1]))
wall, cpu, rss = map(float, sys.argv[2:5])
frames = stats['network']['frames']
print(f"sipaudit stats (big)   wall {wall:6.2f} s  CPU {cpu:6.2f} s  peak RSS {rss / 1024:6.0f} MB  "
      f"{frames / wall:,.0f} packets/s ({frames:,} frames, {stats['messages']:,} messages)")
EOF
fi
