"""Runs the statsforecast peers on M1 yearly and Tourism yearly and scores them with metrics.py.

    python benchmarks/peers/statsforecast_accuracy.py [--sets m1 tourism] [--models AutoETS ...]
        [--summary statsforecast_{set}.csv]

Models: AutoETS, AutoTheta, AutoARIMA, RandomWalkWithDrift (the default run), and the four Theta
models Theta, OptimizedTheta, DynamicTheta, DynamicOptimizedTheta, all with season_length=1 where
the model takes one. Single thread: StatsForecast(n_jobs=1) and BLAS/OpenMP pools pinned to 1 thread.

Per model and set this writes results/forecasts/statsforecast_<set>_<model>.csv in the long format of
README.md (mean, 80/95 intervals, quantiles 0.05..0.95 read off statsforecast's own intervals at levels
10..90, and the two event probabilities from metrics.gaussian_event_probability), then scores that
file through score.py's reader, i.e. exactly as TargetCast's output will be scored. Summary rows go to
results/statsforecast_<set>.csv (or the --summary name, `{set}` replaced by the set).

Timing: older statsforecast releases JIT-compile their models with numba on first use; 2.1.1 ships
compiled code (numba is not installed with it), but first calls still pay import and set-up costs.
Before timing a model it is therefore run once on the first 5 series of the set (warm-up, not timed). Then fitting + forecasting all series of the set is timed:
fit_seconds is wall-clock time, cpu_seconds_per_series is process CPU time / number of series.
"""
from __future__ import annotations

import os

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ[_v] = "1"

import argparse  # noqa: E402
import sys  # noqa: E402
import time  # noqa: E402
from collections import OrderedDict  # noqa: E402

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from io_forecasts import SETS, load_set, write_forecasts  # noqa: E402
from metrics import EVENTS, QUANTILE_GRID, SeriesForecast  # noqa: E402
from score import score_file, write_rows  # noqa: E402

RESULTS = os.path.join(os.path.dirname(os.path.abspath(__file__)), "results")
LEVELS = [10, 20, 30, 40, 50, 60, 70, 80, 90, 95]


def make_model(name: str):
    from statsforecast import models as m
    return {"AutoETS": lambda: m.AutoETS(season_length=1),
            "AutoTheta": lambda: m.AutoTheta(season_length=1),
            "AutoARIMA": lambda: m.AutoARIMA(season_length=1),
            "RandomWalkWithDrift": lambda: m.RandomWalkWithDrift(),
            "Theta": lambda: m.Theta(season_length=1),
            "OptimizedTheta": lambda: m.OptimizedTheta(season_length=1),
            "DynamicTheta": lambda: m.DynamicTheta(season_length=1),
            "DynamicOptimizedTheta": lambda: m.DynamicOptimizedTheta(season_length=1)}[name]()


def long_frame(trains) -> pd.DataFrame:
    parts = [pd.DataFrame({"unique_id": s, "ds": np.arange(1, len(v) + 1), "y": v}) for s, v in trains.items()]
    return pd.concat(parts, ignore_index=True)


def run_model(name: str, df: pd.DataFrame, h: int) -> tuple[pd.DataFrame, float, float]:
    from statsforecast import StatsForecast
    model = make_model(name)
    sf = StatsForecast(models=[model], freq=1, n_jobs=1)
    w0, c0 = time.perf_counter(), time.process_time()
    out = sf.forecast(df=df, h=h, level=LEVELS)
    wall, cpu = time.perf_counter() - w0, time.process_time() - c0
    # the output columns carry the model's alias (e.g. "RWD"), not its class name
    return out.rename(columns=lambda c: c.replace(repr(model), name, 1) if c.startswith(repr(model)) else c), wall, cpu


def to_series_forecasts(out: pd.DataFrame, name: str, trains) -> dict[str, SeriesForecast]:
    col = lambda suffix: name + suffix
    taus, qcols = [], []
    for tau in QUANTILE_GRID:
        if abs(tau - 0.5) < 1e-9:
            taus.append(0.5); qcols.append(col(""))  # median taken as the mean forecast
        elif tau < 0.5:
            taus.append(tau); qcols.append(col(f"-lo-{round(100 * (1 - 2 * tau))}"))
        else:
            taus.append(tau); qcols.append(col(f"-hi-{round(100 * (2 * tau - 1))}"))
    fcs = OrderedDict()
    for s, g in out.groupby("unique_id", sort=False):
        g = g.sort_values("ds")
        fc = SeriesForecast(mean=g[col("")].to_numpy(float),
                            lo80=g[col("-lo-80")].to_numpy(float), hi80=g[col("-hi-80")].to_numpy(float),
                            lo95=g[col("-lo-95")].to_numpy(float), hi95=g[col("-hi-95")].to_numpy(float),
                            taus=np.array(taus), quantiles=g[qcols].to_numpy(float))
        fc.probs = {e: fc.event_probability(e, float(trains[s][-1])) for e in EVENTS}
        fcs[str(s)] = fc
    return OrderedDict((s, fcs[s]) for s in trains)


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sets", nargs="+", default=list(SETS), choices=list(SETS))
    ap.add_argument("--models", nargs="+", default=["AutoETS", "AutoTheta", "AutoARIMA", "RandomWalkWithDrift"])
    ap.add_argument("--summary", default="statsforecast_{set}.csv",
                    help="summary file under results/; {set} is replaced by the set name")
    a = ap.parse_args(argv)
    os.makedirs(os.path.join(RESULTS, "forecasts"), exist_ok=True)
    for set_name in a.sets:
        trains, tests, h = load_set(set_name)
        df = long_frame(trains)
        warm = df[df["unique_id"].isin(list(trains)[:5])]
        rows = []
        for name in a.models:
            run_model(name, warm, h)  # warm-up (first-call costs), not timed
            out, wall, cpu = run_model(name, df, h)
            path = os.path.join(RESULTS, "forecasts", f"statsforecast_{set_name}_{name}.csv")
            write_forecasts(path, to_series_forecasts(out.reset_index(), name, trains))
            row = score_file(set_name, path)
            row.update({"set": set_name, "model": name, "fit_seconds": wall,
                        "cpu_seconds_per_series": cpu / len(trains)})
            rows.append(row)
            print(f"{set_name:8s} {name:20s} sMAPE {row['smape']:.2f} MASE {row['mase']:.3f} "
                  f"cov80 {row['cov80']:.3f} cov95 {row['cov95']:.3f} MSIS {row['msis']:.2f} "
                  f"CRPS {row['crps']:.3f} wall {wall:.2f}s", flush=True)
        write_rows(os.path.join(RESULTS, a.summary.replace("{set}", set_name)), rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
