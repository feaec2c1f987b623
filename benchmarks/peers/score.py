"""Scores a forecasts CSV (long format, see README.md) on one benchmark set with metrics.py.

    python benchmarks/peers/score.py --set m1 --forecasts FILE.csv --model TargetCast [--out row.csv]

Prints one summary row; with --out appends it (with header if the file is new) to a CSV whose
columns match results/statsforecast_<set>.csv (timing columns left empty unless given).
"""
from __future__ import annotations

import argparse
import csv
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from io_forecasts import SETS, load_set, read_forecasts  # noqa: E402
from metrics import score_set  # noqa: E402

COLUMNS = ["set", "model", "smape", "mase", "cov80", "cov95", "msis", "crps",
           "brier_h3_1.5x", "brier_h2_1.2x", "skill_h3_1.5x", "skill_h2_1.2x",
           "fit_seconds", "cpu_seconds_per_series",
           "brier_base_h3_1.5x", "brier_base_h2_1.2x", "base_rate_h3_1.5x", "base_rate_h2_1.2x",
           "event_freq_test_h3_1.5x", "event_freq_test_h2_1.2x", "n_series"]


def score_file(set_name: str, path: str) -> dict:
    trains, tests, _ = load_set(set_name)
    fcs = read_forecasts(path)
    extra = sorted(set(fcs) - set(trains))
    if extra:
        raise ValueError(f"{path}: series not in {set_name}: {extra[:5]}")
    return score_set(trains, tests, fcs)


def format_row(row: dict) -> list[str]:
    out = []
    for c in COLUMNS:
        v = row.get(c, "")
        out.append(f"{v:.6g}" if isinstance(v, float) else str(v))
    return out


def write_rows(path: str, rows: list[dict], append: bool = False) -> None:
    new = not (append and os.path.exists(path))
    with open(path, "a" if append else "w", newline="") as f:
        w = csv.writer(f)
        if new:
            w.writerow(COLUMNS)
        for r in rows:
            w.writerow(format_row(r))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--set", required=True, choices=sorted(SETS))
    ap.add_argument("--forecasts", required=True)
    ap.add_argument("--model", required=True)
    ap.add_argument("--fit-seconds", type=float)
    ap.add_argument("--cpu-seconds-per-series", type=float)
    ap.add_argument("--out")
    a = ap.parse_args(argv)
    row = score_file(a.set, a.forecasts)
    row.update({"set": a.set, "model": a.model})
    if a.fit_seconds is not None:
        row["fit_seconds"] = a.fit_seconds
    if a.cpu_seconds_per_series is not None:
        row["cpu_seconds_per_series"] = a.cpu_seconds_per_series
    w = csv.writer(sys.stdout)
    w.writerow(COLUMNS)
    w.writerow(format_row(row))
    if a.out:
        write_rows(a.out, [row], append=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
