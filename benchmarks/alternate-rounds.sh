# Sourced by run-hotloops.sh and run-fitting.sh: builds a release timing tool and runs it and
# its Python peer in alternating rounds, so that a burst of load on this shared machine hits
# both sides alike.
#
#   alternate_rounds TOOL-PRODUCT PEER-SCRIPT OUT-DIR
#
# Appends the tool's lines to OUT-DIR/swift.tsv and the peer's to OUT-DIR/peer.tsv (peer
# standard error to OUT-DIR/peer.err), and prints a header: date, CPU model, load, Swift
# version, rounds. Reads ROUNDS, REPEATS, MIN_TIME, PYTHON, CPU and ONLY (a key prefix: only those
# kernels, on both sides) from the environment; as in
# the Makefile, the tool is built for the host's AVX2/FMA units (-target-cpu haswell) when it has
# them, unless CPU is set (CPU= builds portably).
alternate_rounds() {
  local product=$1 peer=$2 out=$3 tool round cpu flags=()
  cpu=${CPU-$(grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null && echo haswell)}
  [ -n "$cpu" ] && flags=(-Xswiftc -target-cpu -Xswiftc "$cpu")
  swift build -c release "${flags[@]}" --product "$product" >&2
  tool="$(swift build -c release "${flags[@]}" --show-bin-path)/$product"
  echo "# $(date -u '+%Y-%m-%d %H:%M UTC') | $(lscpu | sed -n 's/^Model name:[[:space:]]*//p') | $(getconf _NPROCESSORS_ONLN) cores | load $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "# $(swift --version 2>/dev/null | head -1); build: -c release ${flags[*]}"
  echo "# rounds $ROUNDS, repeats $REPEATS, min time per repeat ${MIN_TIME}s${ONLY:+, only $ONLY}"
  for round in $(seq 1 "$ROUNDS"); do
    echo "round $round/$ROUNDS: $product" >&2
    "$tool" --repeats "$REPEATS" --min-time "$MIN_TIME" ${ONLY:+--only "$ONLY"} >>"$out/swift.tsv" 2>/dev/null
    echo "round $round/$ROUNDS: $peer" >&2
    "$PYTHON" "$peer" --repeats "$REPEATS" --min-time "$MIN_TIME" ${ONLY:+--only "$ONLY"} >>"$out/peer.tsv" 2>>"$out/peer.err"
  done
  head -1 "$out/peer.err" | sed 's/^/# /'
}
