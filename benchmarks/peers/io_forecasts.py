"""Reading the benchmark sets and reading/writing forecasts in the long CSV format of README.md."""
from __future__ import annotations

import csv
import os
from collections import OrderedDict

import numpy as np

from metrics import EVENTS, SeriesForecast

HERE = os.path.dirname(os.path.abspath(__file__))
DATA_DIR = os.path.join(HERE, "..", "data")
SETS = {"m1": ("m1_yearly.csv", 6), "tourism": ("tourism_yearly.csv", 4)}
PROB_COLUMNS = {name: f"p_{name}" for name in EVENTS}


def load_set(name: str):
    """Returns (trains, tests, horizon): dicts series -> np.ndarray in file order."""
    fname, horizon = SETS[name]
    trains, tests = OrderedDict(), OrderedDict()
    with open(os.path.join(DATA_DIR, fname), newline="") as f:
        for r in csv.DictReader(f):
            target = trains if r["split"] == "train" else tests
            target.setdefault(r["series"], []).append(float(r["value"]))
    trains = OrderedDict((k, np.array(v)) for k, v in trains.items())
    tests = OrderedDict((k, np.array(v)) for k, v in tests.items())
    for k, v in tests.items():
        if len(v) != horizon:
            raise ValueError(f"{name}/{k}: {len(v)} test values, expected {horizon}")
    return trains, tests, horizon


def quantile_column(tau: float) -> str:
    return f"q{tau:.2f}"


def write_forecasts(path: str, forecasts: dict[str, SeriesForecast]) -> None:
    first = next(iter(forecasts.values()))
    taus = [] if first.taus is None else list(first.taus)
    header = ["series", "h", "mean", "lo-80", "hi-80", "lo-95", "hi-95"]
    header += [quantile_column(t) for t in taus]
    header += list(PROB_COLUMNS.values()) if first.probs is not None else []
    with open(path, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        for s, fc in forecasts.items():
            for i in range(len(fc.mean)):
                row = [s, i + 1] + [repr(float(a[i])) for a in (fc.mean, fc.lo80, fc.hi80, fc.lo95, fc.hi95)]
                if taus:
                    row += [repr(float(x)) for x in fc.quantiles[i]]
                if fc.probs is not None:
                    row += [repr(float(fc.probs[n])) for n in PROB_COLUMNS]
                w.writerow(row)


def read_forecasts(path: str) -> dict[str, SeriesForecast]:
    """Reads the long format; rows of a series may come in any order but h must be 1..H."""
    with open(path, newline="") as f:
        reader = csv.DictReader(f)
        cols = reader.fieldnames or []
        need = ["series", "h", "mean", "lo-80", "hi-80", "lo-95", "hi-95"]
        absent = [c for c in need if c not in cols]
        if absent:
            raise ValueError(f"{path}: missing columns {absent}; expected at least {need}")
        qcols = [c for c in cols if c.startswith("q") and c[1:].replace(".", "", 1).isdigit()]
        taus = np.array([float(c[1:]) for c in qcols]) if qcols else None
        pcols = {n: c for n, c in PROB_COLUMNS.items() if c in cols}
        rows: dict[str, list] = OrderedDict()
        for r in reader:
            rows.setdefault(r["series"], []).append(r)
    out = OrderedDict()
    for s, rs in rows.items():
        rs.sort(key=lambda r: int(r["h"]))
        hs = [int(r["h"]) for r in rs]
        if hs != list(range(1, len(rs) + 1)):
            raise ValueError(f"{path}: series {s} has horizons {hs}, expected 1..{len(rs)}")
        col = lambda c: np.array([float(r[c]) for r in rs])
        probs = None
        if pcols:
            probs = {}
            for n, c in pcols.items():
                vals = {r[c] for r in rs if r[c] != ""}
                if len(vals) > 1:
                    raise ValueError(f"{path}: series {s} has differing {c} values {sorted(vals)}")
                probs[n] = float(vals.pop()) if vals else float("nan")
        out[s] = SeriesForecast(
            mean=col("mean"), lo80=col("lo-80"), hi80=col("hi-80"), lo95=col("lo-95"), hi95=col("hi-95"),
            taus=taus, quantiles=np.column_stack([col(c) for c in qcols]) if qcols else None, probs=probs)
    return out
