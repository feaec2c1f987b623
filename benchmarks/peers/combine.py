#!/usr/bin/env python3
"""Scores the equal-weight combination of saved statsforecast forecasts (issue 11's peer benchmark:
"statsforecast's mean of ETS, Theta and ARIMA").

    python3 benchmarks/peers/combine.py [--models AutoETS,AutoTheta,AutoARIMA]

For each set, averages every numeric column (point, interval bounds and quantiles: the quantile
average, Vincentization) of results/forecasts/statsforecast_<set>_<model>.csv over the models, and
scores it with metrics.py like any other forecast file. Prints one row per set.
"""
from __future__ import annotations

import argparse
import csv
import os
import sys
import tempfile
from collections import defaultdict

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
from score import score_file  # noqa: E402


def combine(paths: list[str], out: str) -> None:
    rows: dict[tuple[str, str], list[dict]] = defaultdict(list)
    header: list[str] = []
    for path in paths:
        with open(path, newline="") as f:
            reader = csv.DictReader(f)
            header = reader.fieldnames or header
            for r in reader:
                rows[(r["series"], r["h"])].append(r)
    with open(out, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for (series, h), group in rows.items():
            if len(group) != len(paths):
                raise SystemExit(f"{series} h={h}: in {len(group)} of {len(paths)} files")
            w.writerow([series, h] + [sum(float(g[c]) for g in group) / len(group) for c in header[2:]])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--models", default="AutoETS,AutoTheta,AutoARIMA")
    args = ap.parse_args()
    models = args.models.split(",")
    print("| set | models | sMAPE | MASE | cov95 | MSIS |")
    print("|---|---|---|---|---|---|")
    for set_name in ("m1", "tourism"):
        paths = [os.path.join(HERE, "results", "forecasts", f"statsforecast_{set_name}_{m}.csv") for m in models]
        with tempfile.TemporaryDirectory() as tmp:
            out = os.path.join(tmp, "combined.csv")
            combine(paths, out)
            s = score_file(set_name, out)
        print(f"| {set_name} | {'+'.join(models)} | {s['smape']:.2f} | {s['mase']:.3f} | {s['cov95']:.3f} | {s['msis']:.2f} |")


if __name__ == "__main__":
    main()
