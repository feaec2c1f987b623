#!/usr/bin/env bash
# Times TargetCast's fitting loops (release-built `fitting-timing`) and their statsforecast /
# numpy / scipy peers (peers/statsforecast_hotloops.py) in the same run, and prints a table of
# median times with peer/Swift ratios.
#
#   benchmarks/run-fitting.sh              # 3 alternating rounds, 11 repeats each
#   ROUNDS=5 REPEATS=15 benchmarks/run-fitting.sh
#   ONLY=autoarima ROUNDS=3 REPEATS=3 benchmarks/run-fitting.sh   # kernels whose key starts so
#
# Swift and Python alternate round by round so that a burst of load on this shared machine hits
# both sides alike; each figure is the median over rounds of each round's median repeat.
# Both sides run on one thread (PanelForecaster threads 1, n_jobs=1, OPENBLAS_NUM_THREADS=1).
set -euo pipefail
cd "$(dirname "$0")"
ROUNDS=${ROUNDS:-3}
REPEATS=${REPEATS:-11}
MIN_TIME=${MIN_TIME:-0.2}
PYTHON=${PYTHON:-python3}
export OPENBLAS_NUM_THREADS=1 OMP_NUM_THREADS=1 MKL_NUM_THREADS=1 NUMBA_NUM_THREADS=1

out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
source ./alternate-rounds.sh
alternate_rounds fitting-timing peers/statsforecast_hotloops.py "$out"

"$PYTHON" - "$out/swift.tsv" "$out/peer.tsv" <<'PY'
import statistics, sys

def load(path):
    """key -> median over rounds of seconds per unit of work (rate column inverted)."""
    rates = {}
    for line in open(path):
        key, rate, unit, *_ = line.rstrip("\n").split("\t")
        rates.setdefault(key, (unit, []))[1].append(float(rate))
    return {k: (u.removesuffix("/s"), 1 / statistics.median(v)) for k, (u, v) in rates.items()}

swift, peer = load(sys.argv[1]), load(sys.argv[2])
ls = lambda m, n, k: f"{m}×{n}, {k} rhs"
rows = [
    ("ETSModel(A,N,N) fit, n=33", "fit.ets.ANN", "AutoETS(model='ANN').fit", "fit.ets.ANN"),
    ("ETSModel(A,Ad,N) fit, n=33", "fit.ets.AAdN", "AutoETS(model='AAN', damped).fit", "fit.ets.AAdN"),
    ("ETSModel(M,Ad,N) fit, n=33", "fit.ets.MAdN", "AutoETS(model='MAN', damped).fit", "fit.ets.MAdN"),
    ("(ETS likelihood: internal)", None, "pegelsresid_C, ETS(A,Ad,N), n=33", "lik.ets.AAdN"),
    ("(ETS likelihood: internal)", None, "_lib.ets.calc, ETS(A,Ad,N), n=33", "lik.ets.AAdN.calc"),
    ("ThetaModel fit, n=33", "fit.theta", "Theta().fit", "fit.theta"),
    ("OptimizedThetaModel fit, n=33", "fit.otm", "OptimizedTheta().fit", "fit.otm"),
    ("DynamicThetaModel fit, n=33", "fit.dstm", "DynamicTheta().fit", "fit.dstm"),
    ("DynamicOptimizedThetaModel fit, n=33", "fit.dotm", "DynamicOptimizedTheta().fit", "fit.dotm"),
    ("(NelderMead: internal)", None, "scipy Nelder-Mead, Rosenbrock", "nm.rosenbrock"),
]
for m, n, k in [(10000, 5, 1), (10000, 5, 6), (30, 3, 1)]:
    key = f"lstsq.{m}x{n}x{k}"
    rows += [(f"LAPACK.leastSquares {ls(m, n, k)}", key, "numpy.linalg.lstsq (gelsd)", key),
             (f"LAPACK.leastSquares {ls(m, n, k)}", key, "scipy lapack.dgels", key + ".dgels")]
rows += [
    ("AutoETSModel fit+fc+80/95, M1 (181)", "autoets.m1", "AutoETS fit+predict per series", "autoets.m1"),
    ("AutoARIMAModel fit+fc+80/95, M1 (181)", "autoarima.m1", "AutoARIMA fit+predict per series", "autoarima.m1"),
    ("PanelForecaster auto, M1 (181), 1 thr", "panel.m1", "StatsForecast AutoETS, n_jobs=1", "panel.m1"),
    ("PanelForecaster auto, M1 (181), 1 thr", "panel.m1", "AutoETS fit+predict per series", "autoets.m1"),
]

def show(seconds):
    for scale, label in ((1e-3, "ms"), (1e-6, "µs")):
        if seconds >= scale:
            return f"{seconds / scale:.3g} {label}"
    return f"{seconds * 1e9:.3g} ns"

print(f"| {'TargetCast':<40} | {'time':>9} | {'peer':<36} | {'time':>9} | per           | peer/TargetCast |")
print(f"|{'-'*42}|{'-'*10}:|{'-'*38}|{'-'*10}:|{'-'*15}|{'-'*16}:|")
for name, skey, pname, pkey in rows:
    if pkey not in peer or (skey is not None and skey not in swift):
        continue
    unit, p = peer[pkey]
    s = swift[skey][1] if skey else None
    stime, ratio = (show(s), f"{p / s:.1f}") if s else ("—", "—")
    print(f"| {name:<40} | {stime:>9} | {pname:<36} | {show(p):>9} | {unit:<13} | {ratio:>15} |")
print("\nTimes are medians over rounds (each round: median of its repeats) per unit of work;")
print("peer/TargetCast > 1 means TargetCast is faster.")
PY
