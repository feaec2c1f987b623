#!/usr/bin/env python3
"""Builds the reference panel that calibrates a small file's forecast intervals.

TargetCast's intervals come from rolling-origin forecast errors pooled across a file's series. A
planner's file of one to ten series has too few errors to learn the tails from, so the errors of a
fixed set of public yearly series join the pool as a prior, with the weight of `reference_weight`
series (ForecastOptions.referenceWeight, default 20): dominant for a file of one or three series,
a few percent for a panel of hundreds. The errors are computed at run time with the method being
calibrated (so the prior matches the method); this script only picks the series.

Source: the training parts of the M1 yearly (Makridakis et al. 1982) and Tourism yearly
(Athanasopoulos et al. 2011) competition sets in benchmarks/data (copied from ../shared/data). Only
training values are used (never a set's held-out test values). Picked: every series with at least 10
training values, all positive, deterministically thinned to every 2nd M1 and every 5th Tourism series
(about 200 series: the cost of computing their errors stays a few hundredths of a second).

    python3 scripts/build-reference-panel.py   # writes Sources/TCForecast/Resources/reference-yearly.csv

A panel from one set only, to check the prior on the other (leave one set out), for
`targetcast forecast --reference-panel FILE` and `small_files.py --reference-panel FILE`:

    python3 scripts/build-reference-panel.py --sets m1 --output /tmp/reference-m1.csv
"""
import argparse
import csv
import os

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), ".."))
SETS = [("m1", "m1_yearly.csv", 2), ("tourism", "tourism_yearly.csv", 5)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", default="m1,tourism", help="comma-separated: m1, tourism (default both)")
    ap.add_argument("--output", default=os.path.join(ROOT, "Sources", "TCForecast", "Resources", "reference-yearly.csv"))
    args = ap.parse_args()
    wanted = args.sets.split(",")
    unknown = set(wanted) - {prefix for prefix, _, _ in SETS}
    if unknown:
        raise SystemExit(f"--sets: unknown {sorted(unknown)}; expected m1 and/or tourism")
    out_path = args.output
    rows = []
    for prefix, name, every in (s for s in SETS if s[0] in wanted):
        series: dict[str, list[tuple[int, float]]] = {}
        with open(os.path.join(ROOT, "benchmarks", "data", name), newline="") as f:
            for r in csv.DictReader(f):
                if r["split"] == "train":
                    series.setdefault(r["series"], []).append((int(r["t"]), float(r["value"])))
        kept = [k for k, v in series.items() if len(v) >= 10 and all(x > 0 for _, x in v)]
        for k in kept[::every]:
            for t, x in sorted(series[k]):
                rows.append((f"{prefix}-{k}", t, repr(x)))
    with open(out_path, "w", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(["series", "t", "value"])
        w.writerows(rows)
    print(f"wrote {out_path}: {len({r[0] for r in rows})} series, {len(rows)} values")


if __name__ == "__main__":
    main()
