#!/usr/bin/env bash
# Regenerate every bundled lab sample: samples/<name>/ for each samples/lab/scenarios/<name>.env.
#   samples/lab/regenerate-all.sh              # all scenarios, one after the other
#   samples/lab/regenerate-all.sh rr-alg4 ...  # only these
# Needs root and the Debian packages kamailio, sip-tester, tcpdump, dnsmasq-base, iproute2.
set -euo pipefail
. "$(dirname "$0")/lib.sh"
lab_require kamailio kamailio sipp sip-tester tcpdump tcpdump dnsmasq dnsmasq-base ip iproute2
"${SIPAUDIT:-$REPO_ROOT/sipaudit}" --version >/dev/null    # build the CLI once, before the first scenario needs it

if [ $# -gt 0 ]; then
  names=("$@")
else
  names=()
  for f in "$LAB_DIR"/scenarios/*.env; do names+=("$(basename "$f" .env)"); done
fi
start=$SECONDS
for n in "${names[@]}"; do
  "$LAB_DIR/run-scenario.sh" "$LAB_DIR/scenarios/$n.env"
done
lab_log "regenerated ${#names[@]} samples in $((SECONDS - start)) s"
