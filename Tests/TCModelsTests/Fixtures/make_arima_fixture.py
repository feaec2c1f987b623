"""Writes arima.json: statsforecast 2.1.1 ARIMA / AutoARIMA fits and statsmodels SARIMAX exact
maximum-likelihood fits on M1 yearly training series. Used only to make the fixture; the Swift
product never runs it.

Command (from the repository root, with `pip install statsforecast==2.1.1 statsmodels`):
    python Tests/TCModelsTests/Fixtures/make_arima_fixture.py /work/shared/data/m1_yearly.csv \
        > Tests/TCModelsTests/Fixtures/arima.json
"""
import json
import sys
import warnings

import numpy as np
import pandas as pd
import statsforecast
import statsmodels
from statsforecast.models import ARIMA, AutoARIMA
from statsmodels.tsa.statespace.sarimax import SARIMAX

warnings.simplefilter("ignore")
SERIES = ["YAI1", "YAG15", "YAD8", "YAM19", "YAD16", "YAF8"]
# (p, d, q, constant): constant is the mean for d = 0 and the drift for d = 1.
ORDERS = [(1, 0, 0, True), (2, 0, 1, True), (0, 1, 0, True), (0, 1, 1, True), (1, 1, 0, True),
          (1, 1, 1, True), (2, 1, 0, False), (0, 2, 1, False), (1, 2, 1, False)]
H = 6
LEVELS = [80, 95]


def sarimax(y, p, d, q, constant):
    """Exact ML of the differenced series (statsmodels' own Kalman filter, concentrated scale)."""
    w = np.diff(y, n=d) if d > 0 else y
    trend = "c" if constant else "n"
    model = SARIMAX(w, order=(p, 0, q), trend=trend, concentrate_scale=False)
    best = None
    for start in (None, "zeros"):
        try:
            params = None if start is None else np.r_[[w.mean()] if constant else [], np.zeros(p + q), [w.var()]]
            res = model.fit(start_params=params, disp=False, method="lbfgs", maxiter=2000)
        except Exception:
            continue
        if best is None or res.llf > best.llf:
            best = res
    return float(best.llf)


data = pd.read_csv(sys.argv[1])
train = data[data.split == "train"].sort_values(["series", "t"])
out = {"generator": f"statsforecast {statsforecast.__version__}, statsmodels {statsmodels.__version__}",
       "horizon": H, "levels": LEVELS, "series": []}
for sid in SERIES:
    y = train[train.series == sid].value.to_numpy(dtype=float)
    entry = {"id": sid, "y": y.tolist(), "fits": []}
    for p, d, q, constant in ORDERS:
        if len(y) < d + p + q + int(constant) + 3:
            continue
        spec = {"p": p, "d": d, "q": q, "constant": constant, "sarimaxLoglik": sarimax(y, p, d, q, constant)}
        try:
            model = ARIMA(order=(p, d, q), include_mean=constant and d == 0,
                          include_drift=constant and d == 1).fit(y)
        except ValueError as error:  # statsforecast fails on some trending series with d = 0
            entry["fits"].append({**spec, "peerError": str(error)})
            continue
        fc = model.predict(H, level=LEVELS)
        m = model.model_
        coef = {k: float(v) for k, v in m["coef"].items()}
        ar = [coef.get(f"ar{i + 1}", 0.0) for i in range(p)]
        stationary = bool(p == 0 or np.all(np.abs(np.polynomial.polynomial.polyroots(np.r_[1, -np.array(ar)])) > 1))
        entry["fits"].append({
            **spec, "coef": coef, "peerStationary": stationary,
            "loglik": float(m["loglik"]), "aicc": float(m["aicc"]), "sigma2": float(m["sigma2"]),
            "mean": fc["mean"].tolist(),
            "lo80": fc["lo-80"].tolist(), "hi80": fc["hi-80"].tolist(),
            "lo95": fc["lo-95"].tolist(), "hi95": fc["hi-95"].tolist(),
        })
    auto = {}
    for key, kwargs in [("stepwise", {}), ("grid", {"stepwise": False, "max_p": 2, "max_q": 2})]:
        m = AutoARIMA(season_length=1, **kwargs).fit(y).model_
        p, q, _, _, _, d, _ = m["arma"]
        auto[key] = {"p": int(p), "d": int(d), "q": int(q),
                     "constant": any(k in m["coef"] for k in ("intercept", "drift")),
                     "aicc": float(m["aicc"])}
    entry["auto"] = auto
    out["series"].append(entry)
json.dump(out, sys.stdout, indent=1)
