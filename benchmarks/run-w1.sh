#!/usr/bin/env bash
# W1 reference workload (issue 4): the engine against the chunked numpy peer in the same run.
#
#   benchmarks/run-w1.sh                      # N = 10^7, threads 1 and 2, 3 alternating rounds
#   PATHS=1000000 ROUNDS=5 benchmarks/run-w1.sh
#   THREADS= ROUNDS=7 benchmarks/run-w1.sh    # part 2 only
#
# Part 1, throughput: `targetcast run benchmarks/scenarios/w1.yaml --paths N --threads T` and
# `peers/numpy_w1.py --paths N --threads T`, alternating round by round so that load on this
# shared machine hits both alike; wall time, user time and peak RSS from /usr/bin/time, medians
# over rounds. Both walls are whole processes (start-up, pilot, simulation, and for the engine
# every output file); numpy's own timer (simulation only) is shown too.
#
# Part 2, time to a standard error of 0.0005 on every W1 probability:
# `targetcast run benchmarks/scenarios/w1-precision.yaml` (paths: auto, control variates) against
# `peers/numpy_w1.py --target-se 0.0005` (plain Monte Carlo with the paths that s.e. needs; its
# path count comes from an untimed pilot run; compared are its timed simulation, and the whole
# process of a plain `--paths <that count>` run, start-up and pilot included, as the engine's is).
#
# The engine is built as `make run` builds it: for the host's AVX2/FMA units when it has them
# (CPU= for a portable build).
set -euo pipefail
cd "$(dirname "$0")/.."
PATHS=${PATHS:-10000000}
ROUNDS=${ROUNDS:-3}
THREADS=${THREADS-"1 2"}
PYTHON=${PYTHON:-python3}
cpu=${CPU-$(grep -qw avx2 /proc/cpuinfo 2>/dev/null && grep -qw fma /proc/cpuinfo 2>/dev/null && echo haswell)}
flags=()
[ -n "$cpu" ] && flags=(-Xswiftc -target-cpu -Xswiftc "$cpu")
swift build -c release "${flags[@]}" --product targetcast >&2
bin="$(swift build -c release "${flags[@]}" --show-bin-path)/targetcast"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

echo "# $(date -u '+%Y-%m-%d %H:%M UTC') | $(lscpu | sed -n 's/^Model name:[[:space:]]*//p') | $(getconf _NPROCESSORS_ONLN) cores | load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "# $(swift --version 2>/dev/null | head -1); build: -c release ${flags[*]}; $("$PYTHON" -c 'import numpy; print("numpy", numpy.__version__)')"
echo "# N = $PATHS, rounds $ROUNDS"

# timed LABEL COMMAND...: appends "LABEL wall user rss_kb [numpy-seconds]" to $out/times.
timed() {
  local label=$1
  shift
  /usr/bin/time -f "%e %U %M" -o "$out/t" "$@" >"$out/stdout" 2>"$out/stderr"
  local inner
  inner=$(sed -n 's/^numpy_w1: .*: \([0-9.]*\) s$/\1/p' "$out/stdout")
  echo "$label $(cat "$out/t") ${inner:--}" >>"$out/times"
}

for round in $(seq 1 "$ROUNDS"); do
  for t in $THREADS; do
    echo "round $round/$ROUNDS, $t thread(s)" >&2
    timed "engine-$t" "$bin" run benchmarks/scenarios/w1.yaml --paths "$PATHS" --threads "$t" --quiet --output "$out/w1"
    timed "numpy-$t" env OPENBLAS_NUM_THREADS=1 "$PYTHON" benchmarks/peers/numpy_w1.py --paths "$PATHS" --threads "$t"
  done
  timed "precision-engine" "$bin" run benchmarks/scenarios/w1-precision.yaml --threads 1 --quiet --output "$out/w1p"
  grep -o '"paths" : [0-9]*' "$out/w1p/run.json" | head -1 | sed 's/.* /precision-paths /' >>"$out/times"
  timed "precision-numpy" env OPENBLAS_NUM_THREADS=1 "$PYTHON" benchmarks/peers/numpy_w1.py --target-se 0.0005 --threads 1
  needed=$(sed -n 's/^numpy_w1: \([0-9]*\) paths.*/\1/p' "$out/stdout")
  echo "precision-numpy-paths $needed" >>"$out/times"
  timed "precision-numpy-process" env OPENBLAS_NUM_THREADS=1 "$PYTHON" benchmarks/peers/numpy_w1.py --paths "$needed" --threads 1
done

"$PYTHON" - "$out/times" <<'PY'
import statistics, sys
rows = {}
for line in open(sys.argv[1]):
    label, *values = line.split()
    rows.setdefault(label, []).append(values)

def med(label, i):
    vals = [float(v[i]) for v in rows.get(label, []) if v[i] != "-"]
    return statistics.median(vals) if vals else float("nan")

def runs(label):
    return ", ".join(v[0] for v in rows.get(label, []))

print("\n| threads | engine wall s (runs) | median | numpy wall s (runs) | median | numpy timed s | numpy/engine wall | engine RSS MB | numpy RSS MB |")
print("|---|---|---|---|---|---|---|---|---|")
threads = sorted({int(k.split("-")[1]) for k in rows if k.startswith("engine-")})
for t in threads:
    e, n = f"engine-{t}", f"numpy-{t}"
    print(f"| {t} | {runs(e)} | {med(e, 0):.2f} | {runs(n)} | {med(n, 0):.2f} | {med(n, 3):.2f} | "
          f"{med(n, 0) / med(e, 0):.1f}× | {med(e, 2) / 1024:.1f} | {med(n, 2) / 1024:.0f} |")
pe, pn = "precision-engine", "precision-numpy"
paths_e = rows.get("precision-paths", [["?"]])[0][0]
paths_n = rows.get("precision-numpy-paths", [["?"]])[0][0]
print("\nTime to s.e. <= 0.0005 on every W1 probability (1 thread):")
print(f"- engine, control variates, paths: auto ({paths_e} paths): wall {runs(pe)} s, median {med(pe, 0):.3f} s (whole process)")
print(f"- numpy, plain Monte Carlo ({paths_n} paths): timed simulation {', '.join(v[3] for v in rows.get(pn, []))} s, "
      f"median {med(pn, 3):.2f} s (whole process incl. its untimed path-count pilot: median {med(pn, 0):.2f} s)")
pp = "precision-numpy-process"
print(f"- numpy whole process of a plain --paths {paths_n} run (start-up, import, pilot, simulation): {runs(pp)} s, median {med(pp, 0):.2f} s")
print(f"- ratio, numpy timed simulation / engine whole process: {med(pn, 3) / med(pe, 0):.1f}×")
print(f"- ratio, whole process / whole process: {med(pp, 0) / med(pe, 0):.1f}×")
PY
