"""Accuracy and speed of `targetcast forecast` on M1 yearly and Tourism yearly, next to statsforecast.

    swift build -c release
    python3 benchmarks/accuracy/accuracy.py [--binary .build/release/targetcast] [--skip-peer-timing]

For each set: the training rows of benchmarks/data/<set>_yearly.csv are written to a temporary long
CSV; `targetcast forecast` (auto, single thread) forecasts them with the h of the set (M1 6, Tourism 4),
quantiles 0.05..0.95 and growth targets 1.5 and 1.2; its output is turned into the format of
benchmarks/peers/score.py (h = year - last training year; p_h3_1.5x = p_ge_1.5x at h = 3,
p_h2_1.2x = p_ge_1.2x at h = 2) and scored with the same metrics as the saved statsforecast results
(benchmarks/peers/results/statsforecast_<set>.csv). The test values are read only by score.py.

Timing: process CPU time (user + system) of the whole `targetcast forecast` process (start-up, reading,
choosing, fitting, calibrating, writing), single thread (`--threads 1`, and OPENBLAS_NUM_THREADS=1 as
the peers pin their BLAS threads: otherwise OpenBLAS's idle worker spins at start-up), best of 3 (wall
time printed on stderr); statsforecast AutoETS is re-timed in the same run (process CPU
time of fit+forecast after a warm-up, as benchmarks/peers/statsforecast_accuracy.py does).
"""
from __future__ import annotations

import argparse
import csv
import os
import resource
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
PEERS = os.path.join(ROOT, "benchmarks", "peers")
sys.path.insert(0, PEERS)

from io_forecasts import SETS, load_set  # noqa: E402
from score import COLUMNS, score_file  # noqa: E402

TAUS = ",".join(f"{0.05 * k:.2f}" for k in range(1, 20))


def write_training(set_name: str, path: str) -> None:
    fname, _ = SETS[set_name]
    with open(os.path.join(ROOT, "benchmarks", "data", fname), newline="") as f, open(path, "w", newline="") as out:
        w = csv.writer(out)
        w.writerow(["series", "t", "value"])
        for r in csv.DictReader(f):
            if r["split"] == "train":
                w.writerow([r["series"], r["t"], r["value"]])


def to_score_format(tc_path: str, out_path: str) -> None:
    rows = list(csv.DictReader(open(tc_path, newline="")))
    last = {}
    for r in rows:
        last[r["series"]] = min(last.get(r["series"], 10**9), int(r["year"]) - 1)
    probs = {}
    for r in rows:
        h = int(r["year"]) - last[r["series"]]
        if h == 3:
            probs.setdefault(r["series"], {})["p_h3_1.5x"] = r["p_ge_1.5x"]
        if h == 2:
            probs.setdefault(r["series"], {})["p_h2_1.2x"] = r["p_ge_1.2x"]
    qcols = [c for c in rows[0] if c.startswith("q0")]
    with open(out_path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "h", "mean", "lo-80", "hi-80", "lo-95", "hi-95"] + qcols + ["p_h3_1.5x", "p_h2_1.2x"])
        for r in rows:
            s = r["series"]
            # The point forecast is the predictive median (the column `mean` is the distribution's mean).
            w.writerow([s, int(r["year"]) - last[s], r["median"], r["lo-80"], r["hi-80"], r["lo-95"], r["hi-95"]]
                       + [r[c] for c in qcols] + [probs[s]["p_h3_1.5x"], probs[s]["p_h2_1.2x"]])


def run_targetcast(binary: str, set_name: str, workdir: str, model: str) -> tuple[str, float]:
    _, horizon = SETS[set_name]
    data = os.path.join(workdir, f"{set_name}_train.csv")
    write_training(set_name, data)
    out = os.path.join(workdir, f"tc_{set_name}_{model}.csv")
    cmd = [binary, "forecast", data, "--horizon", str(horizon), "--year-column", "t", "--model", model,
           "--quantiles", TAUS, "--growth-target", "1.5", "--growth-target", "1.2", "--threads", "1",
           "--output", out]
    best = float("inf")
    wall = float("inf")
    for _ in range(3):
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        p = subprocess.run(cmd, capture_output=True, text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
        wall = min(wall, time.perf_counter() - t0)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        best = min(best, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime))
        if p.returncode != 0:
            raise SystemExit(f"targetcast failed ({p.returncode}): {p.stderr}")
    print(f"# {set_name} {model}: wall {wall:.3f} s (best of 3), CPU {best:.3f} s", file=sys.stderr)
    print(f"# {set_name} {model}: {p.stderr.strip()}", file=sys.stderr)
    scored = os.path.join(workdir, f"tc_{set_name}_{model}_score.csv")
    to_score_format(out, scored)
    return scored, best


def time_autoets(set_name: str) -> float:
    """Process CPU seconds of statsforecast AutoETS fit+forecast on the whole set (after warm-up)."""
    os.environ.setdefault("OMP_NUM_THREADS", "1")
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import pandas as pd
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS
    trains, _, horizon = load_set(set_name)
    df = pd.DataFrame([(s, t + 1, v) for s, y in trains.items() for t, v in enumerate(y)],
                      columns=["unique_id", "ds", "y"])
    warm = df[df.unique_id.isin(list(trains)[:5])]
    StatsForecast(models=[AutoETS(season_length=1)], freq=1, n_jobs=1).forecast(df=warm, h=horizon, level=[80, 95])
    t0 = time.process_time()
    StatsForecast(models=[AutoETS(season_length=1)], freq=1, n_jobs=1).forecast(df=df, h=horizon, level=[80, 95])
    return time.process_time() - t0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "targetcast"))
    ap.add_argument("--models", default="auto")
    ap.add_argument("--skip-peer-timing", action="store_true")
    ap.add_argument("--out", default=os.path.join(HERE, "results.csv"))
    a = ap.parse_args()
    rows = []
    with tempfile.TemporaryDirectory() as work:
        for set_name in ("m1", "tourism"):
            n = len(load_set(set_name)[0])
            for model in a.models.split(","):
                scored, seconds = run_targetcast(a.binary, set_name, work, model)
                row = score_file(set_name, scored)
                row.update(set=set_name, model=f"TargetCast {model}", fit_seconds=seconds,
                           cpu_seconds_per_series=seconds / n)
                rows.append(row)
            if not a.skip_peer_timing:
                cpu = time_autoets(set_name)
                rows.append({"set": set_name, "model": "statsforecast AutoETS (timing only, this run)",
                             "fit_seconds": cpu, "cpu_seconds_per_series": cpu / n})
    with open(a.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(COLUMNS)
        for r in rows:
            w.writerow([f"{r[c]:.6g}" if isinstance(r.get(c), float) else r.get(c, "") for c in COLUMNS])
    cols = ["set", "model", "smape", "mase", "cov80", "cov95", "msis", "crps", "skill_h3_1.5x", "skill_h2_1.2x",
            "fit_seconds", "cpu_seconds_per_series"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(f"{r[c]:.4g}" if isinstance(r.get(c), float) else str(r.get(c, "")) for c in cols) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
