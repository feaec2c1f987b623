"""Writes auto.json: statsforecast 2.1.1 AutoETS and AutoARIMA on 14 yearly training series, 7 of
M1 and 7 of Tourism, taken by a fixed rule (every 26th M1 series and every 74th Tourism series in
file order, starting with the first), not by how the fits come out. Used only to make the fixture;
the Swift product never runs it.

Per series: the training values; AutoETS's chosen form, parameters, log-likelihood, AICc and point
forecasts; for each of the six non-seasonal forms, statsforecast's optimum (parameters,
log-likelihood, AICc); AutoARIMA's chosen orders, coefficients, sigma2, log-likelihood, AICc and point
forecasts, both with statsforecast's default stepwise search and with the full grid p, q <= 2
(`stepwise=False, max_p=2, max_q=2`, the search TargetCast's AutoARIMA does).

Command (from the repository root, with `pip install statsforecast==2.1.1`; about 1 minute):
    python Tests/TCModelsTests/Fixtures/make_auto_fixture.py /work/shared/data \
        > Tests/TCModelsTests/Fixtures/auto.json
"""
import json
import math
import os
import sys
import warnings

import pandas as pd
import statsforecast
from statsforecast.models import AutoARIMA, AutoETS

warnings.simplefilter("ignore")
SETS = [("m1", "m1_yearly.csv", 6, 26), ("tourism", "tourism_yearly.csv", 4, 74)]
FORMS = [("A", "N", False), ("A", "A", False), ("A", "A", True),
         ("M", "N", False), ("M", "A", False), ("M", "A", True)]


def number(v):
    """JSON has no NaN: absent parameters are written as null."""
    v = float(v)
    return None if math.isnan(v) else v


def ets_entry(model):
    m = model.model_
    # par: alpha, beta, gamma, phi, l0, [b0]
    return {"method": m["method"], "par": [number(v) for v in m["par"]],
            "loglik": float(m["loglik"]), "aicc": float(m["aicc"])}


def arima_entry(model, h):
    m = model.model_
    p, q, _, _, _, d, _ = m["arma"]
    return {"p": int(p), "d": int(d), "q": int(q),
            "coef": {k: float(v) for k, v in m["coef"].items()},
            "sigma2": float(m["sigma2"]), "loglik": float(m["loglik"]), "aicc": float(m["aicc"]),
            "mean": model.predict(h)["mean"].tolist()}


out = {"generator": f"statsforecast {statsforecast.__version__}", "series": []}
for set_name, file_name, h, step in SETS:
    data = pd.read_csv(os.path.join(sys.argv[1], file_name))
    ids = list(dict.fromkeys(data.series))
    train = data[data.split == "train"]
    for sid in ids[::step]:
        y = train[train.series == sid].sort_values("t").value.to_numpy(dtype=float)
        auto = AutoETS(season_length=1).fit(y)
        entry = {"set": set_name, "id": sid, "horizon": h, "y": y.tolist(),
                 "autoETS": {**ets_entry(auto), "mean": auto.predict(h)["mean"].tolist()}, "forms": []}
        for err, trend, damped in FORMS:
            if err == "M" and y.min() <= 0:
                continue
            try:
                fit = AutoETS(season_length=1, model=err + trend + "N", damped=damped).fit(y)
            except Exception:  # a form too long for the series
                continue
            entry["forms"].append(ets_entry(fit))
        entry["autoARIMA"] = {
            "stepwise": arima_entry(AutoARIMA(season_length=1).fit(y), h),
            "grid": arima_entry(AutoARIMA(season_length=1, stepwise=False, max_p=2, max_q=2).fit(y), h),
        }
        out["series"].append(entry)
json.dump(out, sys.stdout, indent=1)
