"""Writes ets.json: statsforecast 2.1.1 ETS fits and statsmodels ETSModel fixed-parameter runs
on four M1 yearly training series. Used only to make the fixture; the Swift product never runs it.

Command (from the repository root, with `pip install statsforecast==2.1.1 statsmodels`):
    python Tests/TCModelsTests/Fixtures/make_ets_fixture.py /work/shared/data/m1_yearly.csv \
        > Tests/TCModelsTests/Fixtures/ets.json
"""
import json
import sys

import numpy as np
import pandas as pd
import statsforecast
import statsmodels
from statsforecast.models import AutoETS
from statsmodels.tsa.exponential_smoothing.ets import ETSModel

SERIES = ["YAI1", "YAG15", "YAD8", "YAM19"]
FORMS = [("A", "N", False), ("A", "A", False), ("A", "A", True),
         ("M", "N", False), ("M", "A", False), ("M", "A", True)]
H = 6
LEVELS = [80, 95]
# Fixed parameters for the exact-recursion check: alpha, beta, phi.
FIXED = {"N": (0.6, None, None), "A": (0.5, 0.2, None), "Ad": (0.5, 0.2, 0.9)}

data = pd.read_csv(sys.argv[1])
train = data[data.split == "train"].sort_values(["series", "t"])
out = {"generator": f"statsforecast {statsforecast.__version__}, statsmodels {statsmodels.__version__}",
       "horizon": H, "levels": LEVELS, "series": []}
for sid in SERIES:
    y = train[train.series == sid].value.to_numpy(dtype=float)
    entry = {"id": sid, "y": y.tolist(), "fits": [], "fixed": []}
    for err, trend, damped in FORMS:
        code = err + trend + "N"
        model = AutoETS(season_length=1, model=code, damped=damped).fit(y)
        fc = model.predict(H, level=LEVELS)
        m = model.model_
        entry["fits"].append({
            "form": f"{err}{'Ad' if damped else trend}N",
            "par": [float(v) for v in m["par"]],  # alpha, beta, gamma, phi, l0, [b0]
            "loglik": float(m["loglik"]), "aicc": float(m["aicc"]), "sigma2": float(m["sigma2"]),
            "mean": fc["mean"].tolist(),
            "lo80": fc["lo-80"].tolist(), "hi80": fc["hi-80"].tolist(),
            "lo95": fc["lo-95"].tolist(), "hi95": fc["hi-95"].tolist(),
        })
        key = "Ad" if damped else trend
        alpha, beta, phi = FIXED[key]
        level0 = float(y[0])
        trend0 = float(y[1] - y[0]) if trend == "A" else None
        kwargs = dict(error="add" if err == "A" else "mul",
                      trend=None if trend == "N" else "add", damped_trend=damped,
                      initialization_method="known", initial_level=level0)
        params = [alpha]
        if trend == "A":
            kwargs["initial_trend"] = trend0
            params.append(beta)
        if damped:
            params.append(phi)
        res = ETSModel(y, **kwargs).smooth(np.array(params))
        entry["fixed"].append({
            "form": f"{err}{'Ad' if damped else trend}N", "alpha": alpha, "beta": beta or 0.0,
            "phi": phi or 1.0, "level0": level0, "trend0": trend0 or 0.0,
            "llf": float(res.llf), "forecast": res.forecast(H).tolist(),
        })
    auto = AutoETS(season_length=1).fit(y)
    entry["auto"] = {"method": auto.model_["method"], "aicc": float(auto.model_["aicc"])}
    out["series"].append(entry)
json.dump(out, sys.stdout, indent=1)
