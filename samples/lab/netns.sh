# shellcheck shell=bash
# Network-namespace topology for run-scenario.sh (MODE=netns): one namespace per node (lb, client,
# and one per backend), each joined by a veth pair (MTU 1500) to a bridge in the namespace sa-sw.
# Addresses are whatever the scenario gives (BALANCER_IP, CLIENT_IP, BACKENDS); they exist only
# inside these namespaces. The capture runs on the balancer's veth (Ethernet link type), where
# datagrams larger than 1500 bytes really are IP-fragmented.

# netns_node_of IP: the node name of a backend address (b<last octet>), lb or client.
netns_node_of() {
  case $1 in
    "$BALANCER_IP") echo lb ;;
    "$CLIENT_IP") echo client ;;
    *) echo "b${1##*.}" ;;
  esac
}

netns_add_node() {
  local node=$1 ip=$2 ns="sa-$1"
  ip netns add "$ns"
  LAB_NETNS+=("$ns")
  ip -n sa-sw link add "p-$node" type veth peer name "veth-$node" netns "$ns"
  ip -n sa-sw link set "p-$node" master br0 mtu 1500 up
  ip netns exec "$ns" sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip -n "$ns" link set lo up
  ip -n "$ns" link set "veth-$node" mtu 1500 up
  ip -n "$ns" addr add "$ip/24" dev "veth-$node"
}

netns_up() {
  local ns b
  for ns in $(ip netns list | awk '/^sa-/ {print $1}'); do ip netns del "$ns"; done   # stale runs
  ip netns add sa-sw
  LAB_NETNS+=(sa-sw)
  ip netns exec sa-sw sysctl -qw net.ipv6.conf.all.disable_ipv6=1
  ip -n sa-sw link add br0 type bridge forward_delay 0 stp_state 0
  ip -n sa-sw link set br0 up
  netns_add_node lb "$BALANCER_IP"
  netns_add_node client "$CLIENT_IP"
  for b in $BACKENDS; do netns_add_node "$(netns_node_of "${b%:*}")" "${b%:*}"; done
}
