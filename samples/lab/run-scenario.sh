#!/usr/bin/env bash
# Run one lab scenario: real Kamailio balancer + Kamailio backends + SIPp UAC, captured by tcpdump.
#
#   samples/lab/run-scenario.sh scenarios/rr-alg4.env            # writes samples/rr-alg4/
#   samples/lab/run-scenario.sh --out /tmp/x --calls 5 scenarios/rr-alg4.env
#   samples/lab/run-scenario.sh --no-truth ...                   # skip `sipaudit lab-truth`
#   SIPAUDIT=/path/to/sipaudit-command samples/lab/run-scenario.sh ...   # another sipaudit build
#
# Output directory: capture.pcap, lbtruth.log (the balancer's LBTRUTH lines), truth.csv and
# attempts.csv (unless --no-truth), dispatcher.list or srv.zone, balancer.cfg (kamailio --cfg-print:
# #!ifdef blocks resolved, defines not substituted), balancer.defines (the -A defines, one per line),
# scenario.env, sipp-stats.txt, events.csv (when EVENTS: when each event was carried out), indialog.log
# (IN_DIALOG=dispatch: the balancer's choice for each in-dialog request).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

usage() { sed -n '2,13p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }

OUT="" NO_TRUTH=0 OVERRIDE_CALLS="" OVERRIDE_RATE=""
while [ $# -gt 0 ]; do
  case $1 in
    --out) OUT=$2; shift 2 ;;
    --no-truth) NO_TRUTH=1; shift ;;
    --calls) OVERRIDE_CALLS=$2; shift 2 ;;
    --rate) OVERRIDE_RATE=$2; shift 2 ;;
    -h|--help) usage ;;
    -*) lab_die "unknown option $1" ;;
    *) break ;;
  esac
done
[ $# -eq 1 ] || usage
SCENARIO_FILE=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
[ -f "$SCENARIO_FILE" ] || lab_die "no scenario file $1"

# ---- scenario knobs (documented in samples/lab/README.md) ----
NAME="" DESCRIPTION="" MODE=loopback ALG=4 SETID=1 TRANSPORT=udp
CALLS=40 RATE=10 HOLD_MS=1000 FAILOVER=0 MARK=1 IN_DIALOG=route
PING_INTERVAL=0 PROBING_THRESHOLD=1 INACTIVE_THRESHOLD=1 PROBING_MODE=0
FR_TIMER=2000 FR_INV_TIMER=30000
DISPATCHER_LIST="" BACKENDS="" BACKEND_REJECT="" BACKEND_OPTIONS_CODE="" BACKEND_ANSWER_EVERY="" RING_US=""
EVENTS="" CALLID_FORMAT='%u-%p@%s' USER_STYLE=numeric EXTRA_SDP_LINES=0
SRV_DOMAIN="" SRV_RECORDS="" DNS_SRV_LB=0 DST_BLOCKLIST="" HASH_PVAR="" LOAD=0 AUTH=none
BALANCER_IP=127.0.1.1 CLIENT_IP=127.0.1.100 DNS_IP=127.0.1.53 SETTLE_S=2
# shellcheck disable=SC1090
. "$SCENARIO_FILE"
[ -n "$NAME" ] || lab_die "$SCENARIO_FILE does not set NAME"
[ -n "$OVERRIDE_CALLS" ] && CALLS=$OVERRIDE_CALLS
[ -n "$OVERRIDE_RATE" ] && RATE=$OVERRIDE_RATE
[ -n "$OUT" ] || OUT="$REPO_ROOT/samples/$NAME"
IFS=';' read -r -a evs <<<"$EVENTS"
for ev in "${evs[@]}"; do
  read -r action target at <<<"$ev"
  case ${action:-} in
    "") ;;
    kill|start) [[ " $BACKENDS " == *" $target "* ]] || lab_die "EVENTS: $target is not one of BACKENDS" ;;
    probes-off|probes-on)
      [ "$MODE" != srv ] || lab_die "EVENTS: $action needs the dispatcher (not MODE=srv)"
      [ "$target" = "$BALANCER_IP:5060" ] || lab_die "EVENTS: the target of $action is the balancer, $BALANCER_IP:5060" ;;
    *) lab_die "EVENTS: unknown event $action" ;;
  esac
  [[ ${at:-} =~ ^[0-9]+$ ]] || lab_die "EVENTS: '$ev' needs a time in whole seconds"
done

lab_require kamailio kamailio sipp sip-tester tcpdump tcpdump ss iproute2
lab_require_root
[ "$MODE" = srv ] && lab_require dnsmasq dnsmasq-base unshare util-linux
[ "$MODE" = netns ] && lab_require ip iproute2

WORK="$LAB_DIR/work/$NAME"
rm -rf "$WORK"; mkdir -p "$WORK" "$OUT"
EVENTS_CSV="$OUT/events.csv"
rm -f "$EVENTS_CSV"
LAB_PIDFILE="$WORK/pids"
trap lab_cleanup EXIT
trap 'exit 130' INT TERM

# in_node NODE: sets NX to the command prefix that runs a program in NODE's namespace (netns mode).
NX=()
in_node() { if [ "$MODE" = netns ]; then NX=(ip netns exec "sa-$1"); else NX=(); fi; }

# ---- topology ----
if [ "$MODE" = netns ]; then
  . "$LAB_DIR/netns.sh"
  netns_up
fi

# ---- backends ----
declare -A BACKEND_PID=()
start_backend() {
  local hostport=$1 ip=${1%:*} port=${1##*:} node defs=() code
  node=$(node_of "$ip")
  for code in $BACKEND_REJECT; do
    [ "${code%%=*}" = "$hostport" ] && defs+=(-A "REJECT_CODE=${code#*=}")
  done
  for code in $BACKEND_OPTIONS_CODE; do
    [ "${code%%=*}" = "$hostport" ] && defs+=(-A "OPTIONS_CODE=${code#*=}")
  done
  for code in $BACKEND_ANSWER_EVERY; do   # ip:port=MOD/REM
    [ "${code%%=*}" = "$hostport" ] && code=${code#*=} && defs+=(-A "ANSWER_MOD=${code%/*}" -A "ANSWER_REM=${code#*/}")
  done
  [ -n "$RING_US" ] && defs+=(-A "RING_US=$RING_US")
  in_node "$node"
  lab_spawn "$WORK/backend-$hostport.log" "${NX[@]}" kamailio -f "$LAB_DIR/cfg/backend.cfg" -DD -E -m 16 -M 4 -n 4 \
      -w "$WORK" -Y "$WORK" -l "udp:$ip:$port" -l "tcp:$ip:$port" "${defs[@]}"
  BACKEND_PID[$hostport]=$LAB_SPAWNED
  wait_listen "$node" udp "$ip" "$port" || lab_die "backend $hostport did not start (see $WORK/backend-$hostport.log)"
}
# stop_backend IP:PORT: SIGKILL the backend's process group; KILLED_AT is the time right after the signal
# (bash's EPOCHREALTIME: epoch seconds with microseconds).
KILLED_AT=""
stop_backend() {
  local pid=${BACKEND_PID[$1]:-}
  [ -n "$pid" ] || lab_die "no backend $1 to kill"
  kill -KILL -- "-$pid" 2>/dev/null || kill -KILL "$pid" 2>/dev/null || true
  KILLED_AT=${EPOCHREALTIME/,/.}
  lab_stop "$pid" KILL
  unset "BACKEND_PID[$1]"
}
node_of() { if [ "$MODE" = netns ]; then netns_node_of "$1"; else echo host; fi; }
wait_listen() {
  local node=$1; shift
  if [ "$MODE" = netns ]; then
    local i
    for i in $(seq 1 100); do
      ip netns exec "sa-$node" ss -lun | awk '{print $4}' | grep -qx "$2:$3" && return 0
      sleep 0.1
    done
    return 1
  fi
  lab_wait_listen "$@"
}

for b in $BACKENDS; do start_backend "$b"; done
lab_log "$NAME: backends up: $BACKENDS"

# ---- capture ----
CAPTURE="$OUT/capture.pcap"
rm -f "$CAPTURE"
if [ "$MODE" = netns ]; then
  CAPTURE_CMD=(ip netns exec sa-lb tcpdump -i veth-lb -s 0 -U -w "$CAPTURE")
else
  CAPTURE_CMD=(tcpdump -i lo -s 0 -U -w "$CAPTURE" "net ${BALANCER_IP%.*}.0/24")
fi
lab_spawn "$WORK/tcpdump.log" "${CAPTURE_CMD[@]}"
TCPDUMP_PID=$LAB_SPAWNED
for i in $(seq 1 50); do grep -q 'listening on' "$WORK/tcpdump.log" && break; sleep 0.1; done
grep -q 'listening on' "$WORK/tcpdump.log" || lab_die "tcpdump did not start: $(cat "$WORK/tcpdump.log")"

# ---- DNS (srv mode) ----
if [ "$MODE" = srv ]; then
  : >"$OUT/srv.zone"
  DNSMASQ_ARGS=(--keep-in-foreground --no-resolv --no-hosts --no-daemon --bind-interfaces
                --listen-address="$DNS_IP" --port=53 --pid-file= --log-queries --log-facility=-)
  IFS=';' read -r -a recs <<<"$SRV_RECORDS"
  for r in "${recs[@]}"; do
    read -r prio weight port target addr <<<"$r"
    [ -n "${prio:-}" ] || continue
    DNSMASQ_ARGS+=(--srv-host="_sip._${TRANSPORT}.$SRV_DOMAIN,$target,$port,$prio,$weight"
                   --host-record="$target,$addr")
    printf '_sip._%s.%s. 60 IN SRV %s %s %s %s.\n' "$TRANSPORT" "$SRV_DOMAIN" "$prio" "$weight" "$port" "$target" >>"$OUT/srv.zone"
    printf '%s. 60 IN A %s\n' "$target" "$addr" >>"$OUT/srv.zone"
  done
  lab_spawn "$WORK/dnsmasq.log" dnsmasq "${DNSMASQ_ARGS[@]}"
  lab_wait_listen udp "$DNS_IP" 53 || lab_die "dnsmasq did not start: $(cat "$WORK/dnsmasq.log")"
  printf 'nameserver %s\noptions attempts:1 timeout:1\n' "$DNS_IP" >"$WORK/resolv.conf"
fi

# ---- balancer ----
DEFS=(-A "ALG=$ALG" -A "SETID=$SETID" -A "PING_INTERVAL=$PING_INTERVAL"
      -A "PROBING_THRESHOLD=$PROBING_THRESHOLD" -A "INACTIVE_THRESHOLD=$INACTIVE_THRESHOLD"
      -A "PROBING_MODE=$PROBING_MODE" -A "FR_TIMER=$FR_TIMER" -A "FR_INV_TIMER=$FR_INV_TIMER"
      -A "DNS_SRV_LB=$DNS_SRV_LB")
case $EVENTS in *probes-o*) DEFS+=(-A WITH_CTL) ;; esac
[ "$ALG" = 12 ] && DEFS+=(-A WITH_BRANCH_LOG)   # log the parallel branches ds_select_dst appends (alg 12)   # the RPC socket the probes-off/on events use
if [ "$MODE" = srv ]; then
  DEFS+=(-A MODE_SRV -A "SRV_URI=\"sip:$SRV_DOMAIN;transport=$TRANSPORT\"")
  # DST_BLOCKLIST=N: use_dst_blocklist=on, entries kept N seconds (Kamailio's default is off)
  [ -z "$DST_BLOCKLIST" ] || DEFS+=(-A WITH_DST_BLOCKLIST -A "DST_BLOCKLIST_EXPIRE=$DST_BLOCKLIST")
else
  printf '%s\n' "$DISPATCHER_LIST" | sed '/^[[:space:]]*$/d' >"$OUT/dispatcher.list"
  DEFS+=(-A "DSLIST=\"$OUT/dispatcher.list\"")
  case $IN_DIALOG in
    route) ;;
    dispatch) DEFS+=(-A WITH_INDIALOG_DISPATCH) ;;
    *) lab_die "IN_DIALOG must be route or dispatch" ;;
  esac
  [ -n "$HASH_PVAR" ] && DEFS+=(-A "HASH_PVAR=\"$HASH_PVAR\"")
  [ "$LOAD" = 1 ] && DEFS+=(-A WITH_LOAD)
  if [ "$FAILOVER" = 1 ]; then
    DEFS+=(-A "DSFLAGS=2" -A WITH_FAILOVER)
    [ "$MARK" = 1 ] && DEFS+=(-A WITH_MARK)
  fi
fi
# The defines, one per line, so that the sample's balancer.cfg can be read back (sipaudit --define-file).
# Paths inside the sample directory are written relative to it.
for ((i = 1; i < ${#DEFS[@]}; i += 2)); do printf '%s\n' "${DEFS[$i]//$OUT\//}"; done >"$OUT/balancer.defines"
BAL_CMD=(kamailio -f "$LAB_DIR/cfg/balancer.cfg" -DD -E -m 32 -M 8 -w "$WORK" -Y "$WORK"
         -l "udp:$BALANCER_IP:5060" -l "tcp:$BALANCER_IP:5060" "${DEFS[@]}")
"${BAL_CMD[@]}" --cfg-print 2>/dev/null | sed "s#$REPO_ROOT/##g" >"$OUT/balancer.cfg" || true
if [ "$MODE" = srv ]; then
  # Kamailio resolves through libc: give it our resolv.conf in a private mount namespace.
  lab_spawn "$WORK/balancer.log" unshare -m sh -c 'mount --bind "$1" /etc/resolv.conf && shift && exec "$@"' sh \
      "$WORK/resolv.conf" "${BAL_CMD[@]}"
else
  in_node lb
  lab_spawn "$WORK/balancer.log" "${NX[@]}" "${BAL_CMD[@]}"
fi
BAL_PID=$LAB_SPAWNED
wait_listen lb udp "$BALANCER_IP" 5060 || lab_die "balancer did not start: $(tail -5 "$WORK/balancer.log")"
sleep "$SETTLE_S"     # let the first OPTIONS probes go out before traffic starts

# ---- traffic ----
case $AUTH in none|proxy|www|mixed) ;; *) lab_die "AUTH must be none, proxy, www or mixed" ;; esac
awk -v n="$CALLS" -v style="$USER_STYLE" -v auth="$AUTH" 'BEGIN {
  print "SEQUENTIAL"
  split("alice bob carol dave erin frank grace heidi ivan judy mallory niaj olivia peggy rupert sybil trent victor walter yolanda", names, " ")
  for (i = 0; i < n; i++) {
    if (style == "names") printf "%s.%d;%s.%d\n", names[i % 20 + 1], int(i / 20), names[(i * 7 + 3) % 20 + 1], i
    else if (style == "e164") printf "+4930%07d;+4940%07d\n", 1000 + i * 37, 5000 + i * 101
    else if (style == "dominant") printf "%s;%s.%d\n", (i % 5 ? "hotline" : names[i % 20 + 1] "." int(i / 20)), names[(i * 7 + 3) % 20 + 1], i
    else printf "%d;%d\n", 1000 + i, 2000 + (i * 17) % 900
  }
}' >"$WORK/users.csv"
if [ "$AUTH" != none ]; then
  # a third field per call: digest credentials (not checked by anyone; alg 5 only reads the username), or, for
  # every third call with AUTH=mixed, a harmless header so that the call has none
  awk -F';' -v auth="$AUTH" 'NR == 1 { print; next } {
    n = NR - 2
    hdr = (auth == "www" ? "Authorization" : "Proxy-Authorization")
    if (auth == "mixed" && n % 3 == 2) cred = "X-Lab-Auth: none"
    else cred = sprintf("%s: Digest username=\"%s@lab.example\", realm=\"lab.example\", nonce=\"lab%d\", uri=\"sip:%s@lab.example\", response=\"00112233445566778899aabbccddeeff\"", hdr, $1, n, $2)
    print $0 ";" cred
  }' "$WORK/users.csv" >"$WORK/users-auth.csv" && mv "$WORK/users-auth.csv" "$WORK/users.csv"
fi
EXTRA=""
for i in $(seq 1 "$EXTRA_SDP_LINES"); do EXTRA+="      a=x-lab-padding:$(printf '%060d' "$i")"$'\n'; done
awk -v hold="$HOLD_MS" -v extra="$EXTRA" -v auth="$AUTH" '
  /^@EXTRA_SDP@$/ { printf "%s", extra; next }
  /^ *@AUTH@$/ { if (auth != "none") print "      [field2]"; next }
  { gsub(/HOLD_MS/, hold); gsub(/BRANCH_OFFSET/, "22"); print }' "$LAB_DIR/sipp/uac.xml" >"$WORK/uac.xml"

case $TRANSPORT in udp) SIPP_T=u1 ;; tcp) SIPP_T=t1 ;; *) lab_die "TRANSPORT must be udp or tcp" ;; esac

# events.csv: one row per event carried out, `time,event,target`, time in epoch seconds with microseconds:
# for kill right after the SIGKILL was sent, for start when the backend was seen listening again (ss, polled
# every 0.1 s), for probes-off/probes-on when Kamailio's RPC (dispatcher.ping_active) returned.
record_event() { printf '%s,%s,%s\n' "$1" "$2" "$3" >>"$EVENTS_CSV"; }
ping_active() {
  kamcmd -s "unix:$WORK/ctl.sock" dispatcher.ping_active "$1" >>"$WORK/kamcmd.log" 2>&1 \
    || lab_die "kamcmd dispatcher.ping_active $1 failed (see $WORK/kamcmd.log)"
}
run_events() {
  local ev action target at
  IFS=';' read -r -a evs <<<"$EVENTS"
  local start=$SECONDS
  for ev in "${evs[@]}"; do
    read -r action target at <<<"$ev"
    [ -n "${action:-}" ] || continue
    while [ $((SECONDS - start)) -lt "$at" ]; do sleep 0.2; done
    case $action in
      kill) lab_log "$NAME: t+${at}s kill backend $target"; stop_backend "$target"
        record_event "$KILLED_AT" kill "$target" ;;
      start) lab_log "$NAME: t+${at}s restart backend $target"; start_backend "$target"
        record_event "${EPOCHREALTIME/,/.}" start "$target" ;;
      probes-off|probes-on)
        lab_log "$NAME: t+${at}s $action on the balancer"
        ping_active "$([ "$action" = probes-on ] && echo 1 || echo 0)"
        record_event "${EPOCHREALTIME/,/.}" "$action" "$target" ;;
      *) lab_die "unknown event $action" ;;
    esac
  done
}
if [ -n "$EVENTS" ]; then
  echo "time,event,target" >"$EVENTS_CSV"
  run_events &
  lab_track $!
fi

lab_log "$NAME: $CALLS calls at $RATE cps over $TRANSPORT (alg $ALG, mode $MODE)"
set +e
in_node client
"${NX[@]}" sipp -sf "$WORK/uac.xml" -inf "$WORK/users.csv" -t "$SIPP_T" \
    -i "$CLIENT_IP" -p 5060 -m "$CALLS" -r "$RATE" -l 1000 -cid_str "$CALLID_FORMAT" \
    -default_behaviors all,-abortunexp -recv_timeout 10s -nostdin -timeout 300s -timeout_error -max_retrans 4 -trace_err -error_file "$WORK/sipp-errors.log" \
    -trace_stat -stf "$WORK/sipp-stats.csv" \
    "$BALANCER_IP:5060" >"$WORK/sipp.out" 2>&1 </dev/null
SIPP_RC=$?
set -e
lab_log "$NAME: sipp exited $SIPP_RC (0 = all calls succeeded, 1 = some failed)"
[ $SIPP_RC -le 1 ] || lab_die "sipp failed ($SIPP_RC): $(tail -5 "$WORK/sipp.out")"
sleep 1

lab_stop $BAL_PID TERM
lab_stop $TCPDUMP_PID INT
grep -o 'LBTRUTH .*' "$WORK/balancer.log" >"$OUT/lbtruth.log" || true
[ -s "$OUT/lbtruth.log" ] || lab_die "the balancer logged no decisions (see $WORK/balancer.log)"
rm -f "$OUT/indialog.log"
if [ "$IN_DIALOG" = dispatch ]; then
  grep -o 'LBINDIALOG .*' "$WORK/balancer.log" >"$OUT/indialog.log" || true
fi
cp "$SCENARIO_FILE" "$OUT/scenario.env"
{ echo "sipp exit code: $SIPP_RC"; tail -n 1 "$WORK/sipp-stats.csv" 2>/dev/null | tr ';' '\n' | paste -d= <(head -n 1 "$WORK/sipp-stats.csv" | tr ';' '\n') - | grep -E '^(SuccessfulCall|FailedCall|OutgoingCall)\(C\)' || true; } >"$OUT/sipp-stats.txt"

if [ $NO_TRUTH = 0 ]; then
  "${SIPAUDIT:-$REPO_ROOT/sipaudit}" lab-truth "$OUT/lbtruth.log" --out "$OUT"
fi
lab_log "$NAME: done -> $OUT ($(stat -c %s "$CAPTURE") bytes of capture)"
