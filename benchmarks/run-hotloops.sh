#!/usr/bin/env bash
# Times TargetCast's hot loops (release-built `hotloops-timing`) and their numpy peers
# (peers/numpy_hotloops.py) in the same run, and prints a table with Swift/numpy ratios.
#
#   benchmarks/run-hotloops.sh              # 3 alternating rounds, 11 repeats each
#   ROUNDS=5 REPEATS=15 benchmarks/run-hotloops.sh
#
# Swift and numpy alternate round by round so that a burst of load on this shared machine hits
# both sides alike; each figure is the median over rounds of each round's median repeat.
# Both sides run on one thread (engine threads 1, OPENBLAS_NUM_THREADS=1).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-3}
REPEATS=${REPEATS:-11}
MIN_TIME=${MIN_TIME:-0.2}
PYTHON=${PYTHON:-python3}
export OPENBLAS_NUM_THREADS=1

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
source ./alternate-rounds.sh
alternate_rounds hotloops-timing peers/numpy_hotloops.py "$out"

"$PYTHON" - "$out/swift.tsv" "$out/peer.tsv" <<'PY'
import statistics, sys

def load(path):
    rates = {}
    for line in open(path):
        key, rate, unit, *_ = line.rstrip("\n").split("\t")
        rates.setdefault(key, (unit, []))[1].append(float(rate))
    return {k: (u, statistics.median(v), len(v)) for k, (u, v) in rates.items()}

swift, numpy = load(sys.argv[1]), load(sys.argv[2])
scale = {"samples/s": (1e6, "M samples/s"), "bytes/s": (1e9, "GB/s"),
         "flop/s": (1e9, "GFLOP/s"), "path-years/s": (1e6, "M path·years/s")}
rows = [
    ("PathNormals.fill (engine)", "normals.paths", "Generator(PCG64).standard_normal", "normals.pcg64"),
    ("PathNormals.fill (engine)", "normals.paths", "Generator(Philox).standard_normal", "normals.philox"),
    ("RandomStream.fillNormals", "normals.fill", "Generator(Philox).standard_normal", "normals.philox"),
    ("RandomStream.fillNormals", "normals.fill", "Generator(PCG64).standard_normal", "normals.pcg64"),
    ("RandomStream.nextNormal", "normals.next", "Generator(Philox).standard_normal", "normals.philox"),
    ("Philox4x32.block raw bits", "philox.bytes", "Philox(4x64).random_raw", "philox.bytes"),
]
for n in (4096, 65536):
    rows += [
        (f"BLAS.gemm K=6 N={n}", f"gemm.{n}", f"L @ Z K=6 N={n}", f"gemm.{n}"),
        (f"BLAS.trmm K=6 N={n}", f"trmm.{n}", f"L @ Z K=6 N={n}", f"gemm.{n}"),
        (f"BLAS.triangularMultiply K=6 N={n}", f"trimul.{n}", f"L @ Z K=6 N={n}", f"gemm.{n}"),
        (f"multiplyRowsByLowerTransposed N={n}", f"rows.{n}", f"L @ Z K=6 N={n}", f"gemm.{n}"),
        (f"BLAS.trmm rows·Lᵀ (engine layout) N={n}", f"rowstrmm.{n}", f"L @ Z K=6 N={n}", f"gemm.{n}"),
    ]
rows.append(("Engine.run 6×10y×2^16, 1 thread", "engine", "vectorized numpy, same workload", "engine"))

print(f"| {'Swift kernel':<36} | {'Swift':>9} | {'numpy peer':<34} | {'numpy':>9} | {'unit':<15} | Swift/numpy |")
print(f"|{'-'*38}|{'-'*10}:|{'-'*36}|{'-'*10}:|{'-'*17}|{'-'*12}:|")
for name, skey, pname, pkey in rows:
    if skey not in swift:
        continue
    unit, s, _ = swift[skey]
    div, label = scale.get(unit, (1, unit))
    if pkey in numpy:
        p = numpy[pkey][1]
        print(f"| {name:<36} | {s/div:>9.3g} | {pname:<34} | {p/div:>9.3g} | {label:<15} | {s/p:>11.2f} |")
    else:
        print(f"| {name:<36} | {s/div:>9.3g} | {'—':<34} | {'—':>9} | {label:<15} | {'—':>11} |")
print("\nRates are medians over rounds (each round: median of its repeats); higher is faster.")
print("GFLOP/s counts 2·K²·N for every L·Z variant (trmm and the triangular kernel do about half that work).")
PY
