# shellcheck shell=bash
# Shared helpers for the sipaudit lab scripts: prerequisites, process bookkeeping, cleanup.
# Every process a script starts is recorded with lab_track and killed (with its process
# group) by lab_cleanup, which run-scenario.sh installs as an EXIT trap.

LAB_DIR=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
REPO_ROOT=$(cd "$LAB_DIR/../.." && pwd)
LAB_PIDS=()
LAB_NETNS=()

lab_log() { printf '[lab %(%H:%M:%S)T] %s\n' -1 "$*" >&2; }
lab_die() { lab_log "error: $*"; exit 1; }

# lab_require CMD PACKAGE...: fail with the Debian package to install when a tool is missing.
lab_require() {
  local missing=() cmd pkg
  while [ $# -ge 2 ]; do
    cmd=$1 pkg=$2; shift 2
    command -v "$cmd" >/dev/null 2>&1 || missing+=("$cmd (Debian package $pkg)")
  done
  if [ ${#missing[@]} -gt 0 ]; then
    lab_die "missing prerequisites: ${missing[*]}; install them with apt-get (see samples/lab/README.md)"
  fi
}

lab_require_root() {
  [ "$(id -u)" = 0 ] || lab_die "this scenario needs root (tcpdump on lo, network namespaces)"
}

# lab_track PID: remember a started process for cleanup (also from subshells, via LAB_PIDFILE).
LAB_PIDFILE=""
lab_track() {
  LAB_PIDS+=("$1")
  if [ -n "$LAB_PIDFILE" ]; then echo "$1" >>"$LAB_PIDFILE"; fi
}

# lab_spawn LOG CMD...: start CMD in its own session and process group (so lab_stop can kill it with
# every child it forks), output appended to LOG, and track it. The PID is left in LAB_SPAWNED.
# CMD must exec (not fork) its way to the real program: setsid, ip netns exec and unshare do.
LAB_SPAWNED=""
lab_spawn() {
  local log=$1; shift
  setsid "$@" >>"$log" 2>&1 </dev/null &
  LAB_SPAWNED=$!
  lab_track "$LAB_SPAWNED"
}

# lab_stop PID [SIGNAL]: stop one process and its process group, wait for it.
lab_stop() {
  local pid=$1 sig=${2:-TERM} i
  kill -0 "$pid" 2>/dev/null || return 0
  kill "-$sig" -- "-$pid" 2>/dev/null || kill "-$sig" "$pid" 2>/dev/null || true
  for i in $(seq 1 50); do
    kill -0 "$pid" 2>/dev/null || break
    sleep 0.1
  done
  if kill -0 "$pid" 2>/dev/null; then
    kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  fi
  wait "$pid" 2>/dev/null || true
}

lab_cleanup() {
  local i ns pids=("${LAB_PIDS[@]}")
  if [ -n "$LAB_PIDFILE" ] && [ -f "$LAB_PIDFILE" ]; then mapfile -t pids <"$LAB_PIDFILE"; fi
  for (( i=${#pids[@]}-1; i>=0; i-- )); do
    lab_stop "${pids[$i]}" TERM
  done
  LAB_PIDS=()
  for ns in "${LAB_NETNS[@]}"; do
    ip netns del "$ns" 2>/dev/null || true
  done
  LAB_NETNS=()
}

# lab_wait_udp IP PORT [TIMEOUT_S]: wait until something listens on udp IP:PORT (in the current netns).
lab_wait_listen() {
  local proto=$1 ip=$2 port=$3 limit=${4:-10} i flag
  case $proto in udp) flag=-lun ;; tcp) flag=-ltn ;; esac
  for i in $(seq 1 $((limit * 10))); do
    if ss $flag 2>/dev/null | awk '{print $4}' | grep -qx "$ip:$port"; then return 0; fi
    sleep 0.1
  done
  return 1
}
