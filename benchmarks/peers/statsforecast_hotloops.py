"""statsforecast / numpy / scipy peer of TargetCast's fitting benchmarks (fitting-timing).

Times, on one thread, the peer counterparts of the Swift fitting kernels and prints one
tab-separated line per kernel, in the same format as `fitting-timing`:
key, rate (units per second), unit, median seconds per call, repeats x calls.

    OPENBLAS_NUM_THREADS=1 python3 benchmarks/peers/statsforecast_hotloops.py [--repeats 11] [--min-time 0.2]

Kernels (keys shared with the Swift tool where the work is the same):
  fit.ets.ANN, fit.ets.AAdN, fit.ets.MAdN
                  statsforecast AutoETS(season_length=1, model=..., damped=...).fit(y): one fixed
                  form, maximum likelihood, on M1 yearly YAC19 (33 training values)
  lik.ets.AAdN    one likelihood evaluation of ETS(A,Ad,N) on the same series at the fitted
                  parameters through statsforecast.ets.pegelsresid_C (Python wrapper + C++ loop)
  lik.ets.AAdN.calc  the same through the C++ kernel statsforecast._lib.ets.calc alone
                  (TargetCast has no public counterpart of either: its likelihood is internal)
  fit.theta       statsforecast Theta(season_length=1).fit(y) (standard theta model)
  fit.otm         statsforecast OptimizedTheta(season_length=1).fit(y)
  fit.dstm        statsforecast DynamicTheta(season_length=1).fit(y)
  fit.dotm        statsforecast DynamicOptimizedTheta(season_length=1).fit(y)
  lstsq.MxNxK     numpy.linalg.lstsq (LAPACK dgelsd, SVD-based) on an M x N design with K
                  right-hand sides, Fortran order
  lstsq.MxNxK.dgels  scipy.linalg.lapack.dgels (Householder QR, TargetCast's algorithm)
  nm.rosenbrock   scipy.optimize.minimize(rosen, [-1.2, 1], method="Nelder-Mead") (TargetCast's
                  Nelder-Mead is internal, so this row has no Swift counterpart)
  autoets.m1      AutoETS(season_length=1).fit(y) + predict(h=6, level=[80, 95]) for each of the
                  181 M1 yearly training series in turn; unit: series
  autoarima.m1    AutoARIMA(season_length=1).fit(y) + predict(h=6, level=[80, 95]) (default
                  stepwise search) for each of the same 181 series; unit: series
  panel.m1        StatsForecast([AutoETS(season_length=1)], freq=1, n_jobs=1).forecast(df, h=6,
                  level=[80, 95]) on the same 181 series, as peers/statsforecast_accuracy.py does

Keep the constants below in step with benchmarks/Benchmarks/HotLoops/FittingWorkloads.swift.
"""
import argparse
import os
import sys
import time

for _v in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "NUMBA_NUM_THREADS"):
    os.environ.setdefault(_v, "1")

import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from numpy_hotloops import median_seconds  # noqa: E402  (the same repeat/median rule)

HERE = os.path.dirname(os.path.abspath(__file__))
M1 = os.path.join(HERE, "..", "data", "m1_yearly.csv")
HORIZON = 6
LEVELS = [80, 95]
FIT_SERIES = "YAC19"
LSTSQ_SHAPES = [(10_000, 5, 1), (10_000, 5, 6), (30, 3, 1)]
SEED = 20240101


def m1_training():
    """{series: training values} in file order, as FittingData.m1Training()."""
    d = pd.read_csv(M1)
    d = d[d["split"] == "train"].sort_values(["series", "t"], kind="stable")
    order = pd.unique(pd.read_csv(M1, usecols=["series"])["series"])
    groups = {s: g["value"].to_numpy(dtype=float) for s, g in d.groupby("series", sort=False)}
    return {s: groups[s] for s in order}


def fit_kernel(make, y):
    def call():
        make().fit(y)

    return call, 1.0


def likelihood_kernels(y):
    """One ETS(A,Ad,N) likelihood evaluation at the parameters statsforecast fits to y."""
    from statsforecast.ets import ets_f, pegelsresid_C, switch
    from statsforecast._lib import ets as _ets

    fit = ets_f(y, m=1, model="AAN", damped=True)
    par = fit["par"]  # alpha, beta, gamma (nan: no season), phi, initial level, initial trend
    alpha, beta, phi = par[0], par[1], par[3]
    state = np.asarray(par[4:6], dtype=float)
    lik = pegelsresid_C(y, 1, state, "A", "A", "N", True, alpha, beta, 0.0, phi, 3)[3]
    # The C++ kernel returns n log(SSE), i.e. -2 log L up to constants; check it is the optimum.
    assert np.isfinite(lik), lik

    def wrapper():
        pegelsresid_C(y, 1, state, "A", "A", "N", True, alpha, beta, 0.0, phi, 3)

    n, p = len(y), len(state)
    x = np.full(p * (n + 1), np.nan)
    e = np.full(n, np.nan)
    amse = np.full(3, np.nan)
    error, trend, season = switch("A"), switch("A"), switch("N")

    def kernel():
        x[:p] = state
        _ets.calc(x, e, amse, 3, y, error, trend, season, alpha, beta, 0.0, phi, 1)

    return [("lik.ets.AAdN", wrapper), ("lik.ets.AAdN.calc", kernel)]


def lstsq_kernels(m, n, k):
    gen = np.random.Generator(np.random.Philox(SEED))
    a = np.asfortranarray(gen.standard_normal((m, n)))
    a[:, 0] = 1.0
    b = np.asfortranarray(gen.standard_normal((m, k)))
    from scipy.linalg import lapack

    def numpy_lstsq():
        np.linalg.lstsq(a, b, rcond=None)

    def dgels():
        # dgels overwrites its inputs unless told not to; the copies are part of the cost, as
        # TargetCast copies A and B before factorizing.
        lapack.dgels(a, b)

    key = f"lstsq.{m}x{n}x{k}"
    return [(key, numpy_lstsq), (key + ".dgels", dgels)]


def rosenbrock_kernel():
    from scipy.optimize import minimize, rosen

    def call():
        minimize(rosen, np.array([-1.2, 1.0]), method="Nelder-Mead")

    return call


def auto_kernel(series, make):
    """make() fitted and predicted (h=6, level 80/95) on every series in turn."""
    values = list(series.values())

    def call():
        for y in values:
            model = make().fit(y)
            model.predict(h=HORIZON, level=LEVELS)

    return call, float(len(values))


def panel_kernel(series):
    from statsforecast import StatsForecast
    from statsforecast.models import AutoETS

    df = pd.concat([pd.DataFrame({"unique_id": s, "ds": np.arange(1, len(v) + 1), "y": v})
                    for s, v in series.items()], ignore_index=True)

    def call():
        StatsForecast(models=[AutoETS(season_length=1)], freq=1, n_jobs=1).forecast(df=df, h=HORIZON, level=LEVELS)

    return call, float(len(series))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--only", default="", help="run only kernels whose key starts with this")
    args = parser.parse_args()

    import scipy
    import statsforecast

    try:
        from threadpoolctl import threadpool_limits

        threadpool_limits(1)
    except ImportError:
        pass
    print(f"statsforecast {statsforecast.__version__}, numpy {np.__version__}, scipy {scipy.__version__}",
          file=sys.stderr)

    from statsforecast.models import AutoARIMA, AutoETS, DynamicOptimizedTheta, DynamicTheta, OptimizedTheta, Theta

    series = m1_training()
    y = series[FIT_SERIES]
    kernels = [
        ("fit.ets.ANN", "fits", lambda: fit_kernel(lambda: AutoETS(season_length=1, model="ANN"), y)),
        ("fit.ets.AAdN", "fits", lambda: fit_kernel(lambda: AutoETS(season_length=1, model="AAN", damped=True), y)),
        ("fit.ets.MAdN", "fits", lambda: fit_kernel(lambda: AutoETS(season_length=1, model="MAN", damped=True), y)),
        ("fit.theta", "fits", lambda: fit_kernel(lambda: Theta(season_length=1), y)),
        ("fit.otm", "fits", lambda: fit_kernel(lambda: OptimizedTheta(season_length=1), y)),
        ("fit.dstm", "fits", lambda: fit_kernel(lambda: DynamicTheta(season_length=1), y)),
        ("fit.dotm", "fits", lambda: fit_kernel(lambda: DynamicOptimizedTheta(season_length=1), y)),
    ]
    kernels += [(key, "evaluations", lambda call=call: (call, 1.0)) for key, call in likelihood_kernels(y)]
    for shape in LSTSQ_SHAPES:
        kernels += [(key, "solves", lambda call=call: (call, 1.0)) for key, call in lstsq_kernels(*shape)]
    kernels += [
        ("nm.rosenbrock", "minimizations", lambda: (rosenbrock_kernel(), 1.0)),
        ("autoets.m1", "series", lambda: auto_kernel(series, lambda: AutoETS(season_length=1))),
        ("autoarima.m1", "series", lambda: auto_kernel(series, lambda: AutoARIMA(season_length=1))),
        ("panel.m1", "series", lambda: panel_kernel(series)),
    ]
    for key, unit, make in kernels:
        if not key.startswith(args.only):
            continue
        call, work = make()
        seconds, calls = median_seconds(call, args.repeats, args.min_time)
        print(f"{key}\t{work / seconds}\t{unit}/s\t{seconds}\t{args.repeats}x{calls}", flush=True)


if __name__ == "__main__":
    main()
