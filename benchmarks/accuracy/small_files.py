#!/usr/bin/env python3
"""Calibration on a planner's file: random files of 1, 3 and 8 series from M1 and Tourism yearly.

A planner forecasts a file of one to ten series, not a 500-series panel, and the calibration (which
pools rolling-origin errors across the file's series) has only that file to learn from. This script
draws `--files` random files of each size from the training parts of `benchmarks/data/{m1,tourism}_yearly.csv`
(seeded: the same files on every run), forecasts each file on its own with the release binary, and
scores the held-out values:

- cov80, cov95: share of held-out values inside the 80% and 95% intervals (goal [0.75, 0.85], [0.92, 0.97]);
- excluded: rows whose 80% or 95% interval does not contain the point forecast (goal 0);
- beyond: rows whose 95% upper bound exceeds the largest value in the whole set's training history times
  the largest h-year growth ratio observed in it (goal 0);
- MSIS, and its ratio to the whole-set run (goal within 15%), with sMAPE and MASE of the point;
- msis_ratio_same_series: the same MSIS over the whole-set run's MSIS of the very series drawn (with
  their multiplicity). 100 one-series files are 100 series, and MSIS is heavy-tailed: the drawn
  series' own whole-set MSIS can sit 5-60% from the set's mean, so this ratio isolates what
  forecasting a small file on its own costs from which series happened to be drawn.

    swift build -c release
    python3 benchmarks/accuracy/small_files.py [--files 100] [--sizes 1,3,8] [--model auto]

Writes `small_files.csv` beside this script (one row per set, size) and prints the table.
"""
from __future__ import annotations

import argparse
import csv
import os
import random
import subprocess
import sys
import tempfile

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
sys.path.insert(0, os.path.join(ROOT, "benchmarks", "peers"))
from io_forecasts import SETS, load_set  # noqa: E402
from metrics import mase, msis, per_series_scale, smape  # noqa: E402


def write_file(path: str, trains: dict, names: list[str]) -> None:
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["series", "year", "value"])
        for name in names:
            for t, v in enumerate(trains[name]):
                w.writerow([name, 2000 + t, repr(float(v))])


def forecast(binary: str, path: str, horizon: int, model: str, extra: list[str]) -> dict[str, dict[str, np.ndarray]]:
    p = subprocess.run(
        [binary, "forecast", path, "--horizon", str(horizon), "--model", model, "--threads", "1"] + extra,
        capture_output=True, text=True, env=dict(os.environ, OPENBLAS_NUM_THREADS="1"))
    if p.returncode != 0:
        raise SystemExit(f"targetcast failed on {path} ({p.returncode}): {p.stderr}")
    rows: dict[str, dict[str, list[float]]] = {}
    for r in csv.DictReader(p.stdout.splitlines()):
        out = rows.setdefault(r["series"], {k: [] for k in ("median", "lo-80", "hi-80", "lo-95", "hi-95")})
        for k in out:
            out[k].append(float(r[k]))
    return {s: {k: np.array(v) for k, v in cols.items()} for s, cols in rows.items()}


def growth_bound(trains: dict, horizon: int) -> np.ndarray:
    """Largest value in the set's training history times its largest h-year growth ratio, per h."""
    top = max(float(np.max(y)) for y in trains.values())
    bound = []
    for h in range(1, horizon + 1):
        ratios = [float(np.max(y[h:] / y[:-h])) for y in trains.values() if len(y) > h and np.all(y > 0)]
        bound.append(top * max(ratios))
    return np.array(bound)


def score(forecasts, trains, tests, bound) -> dict[str, list[float]]:
    out: dict[str, list[float]] = {k: [] for k in ("cov80", "cov95", "excluded", "beyond", "msis", "smape", "mase")}
    for s, f in forecasts.items():
        y, scale = tests[s], per_series_scale(trains[s])
        out["cov80"] += list((y >= f["lo-80"]) & (y <= f["hi-80"]))
        out["cov95"] += list((y >= f["lo-95"]) & (y <= f["hi-95"]))
        point = f["median"]
        out["excluded"] += list((point < f["lo-80"]) | (point > f["hi-80"]) | (point < f["lo-95"]) | (point > f["hi-95"]))
        out["beyond"] += list(f["hi-95"] > bound)
        out["msis"].append(msis(y, f["lo-95"], f["hi-95"], scale))
        out["smape"].append(smape(y, point))
        out["mase"].append(mase(y, point, scale))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, ".build", "release", "targetcast"))
    ap.add_argument("--files", type=int, default=100)
    ap.add_argument("--sizes", default="1,3,8")
    ap.add_argument("--model", default="auto")
    ap.add_argument("--seed", type=int, default=20261207)
    ap.add_argument("--out", default=os.path.join(HERE, "small_files.csv"))
    ap.add_argument("--reference-weight", type=float, help="passed to targetcast forecast (default: its own)")
    ap.add_argument("--reference-panel", help="a reference panel file passed to targetcast forecast (default: the shipped one); "
                    "build one set's with scripts/build-reference-panel.py --sets m1 --output FILE")
    args = ap.parse_args()
    extra = [] if args.reference_weight is None else ["--reference-weight", str(args.reference_weight)]
    if args.reference_panel:
        extra += ["--reference-panel", args.reference_panel]
    sizes = [int(x) for x in args.sizes.split(",")]
    header = ["set", "series_per_file", "files", "rows", "cov80", "cov95", "excluded_rows", "beyond_bound_rows",
              "msis", "msis_whole_set", "msis_ratio", "msis_ratio_same_series", "smape", "mase"]
    table = []
    with tempfile.TemporaryDirectory() as work:
        for set_name in SETS:
            trains, tests, horizon = load_set(set_name)
            names = list(trains)
            bound = growth_bound(trains, horizon)
            whole_path = os.path.join(work, f"{set_name}_whole.csv")
            write_file(whole_path, trains, names)
            whole_forecasts = forecast(args.binary, whole_path, horizon, args.model, extra)
            whole = score(whole_forecasts, trains, tests, bound)
            whole_msis = float(np.mean(whole["msis"]))
            whole_by_series = dict(zip(whole_forecasts, whole["msis"]))
            rng = random.Random(f"{args.seed}-{set_name}")
            for size in sizes:
                pooled: dict[str, list[float]] = {}
                same_series: list[float] = []
                for k in range(args.files):
                    chosen = rng.sample(names, size)
                    same_series += [whole_by_series[name] for name in chosen]
                    path = os.path.join(work, f"{set_name}_{size}_{k}.csv")
                    write_file(path, trains, chosen)
                    for key, values in score(forecast(args.binary, path, horizon, args.model, extra), trains, tests, bound).items():
                        pooled.setdefault(key, []).extend(values)
                m = float(np.mean(pooled["msis"]))
                table.append([set_name, size, args.files, len(pooled["cov95"]), np.mean(pooled["cov80"]),
                              np.mean(pooled["cov95"]), int(np.sum(pooled["excluded"])), int(np.sum(pooled["beyond"])),
                              m, whole_msis, m / whole_msis, m / float(np.mean(same_series)),
                              np.mean(pooled["smape"]), np.mean(pooled["mase"])])
                print(f"# {set_name} {size}: done", file=sys.stderr)
    with open(args.out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for row in table:
            w.writerow([f"{x:.4f}" if isinstance(x, float) else x for x in row])
    print("| " + " | ".join(header) + " |")
    print("|" + "---|" * len(header))
    for row in table:
        print("| " + " | ".join(f"{x:.4g}" if isinstance(x, float) else str(x) for x in row) + " |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
