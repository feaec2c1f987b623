"""Writes theta.json: statsforecast 2.1.1 Theta (STM) and OptimizedTheta (OTM) on four M1 yearly
training series. Used only to make the fixture; the Swift product never runs it.

Command (from the repository root, with `pip install statsforecast==2.1.1`):
    python Tests/TCModelsTests/Fixtures/make_theta_fixture.py /work/shared/data/m1_yearly.csv \
        > Tests/TCModelsTests/Fixtures/theta.json
"""
import json
import sys

import pandas as pd
import statsforecast
from statsforecast.models import OptimizedTheta, Theta

SERIES = ["YAI1", "YAG15", "YAD8", "YAM19"]
H = 6
LEVELS = [80, 95]

data = pd.read_csv(sys.argv[1])
train = data[data.split == "train"].sort_values(["series", "t"])
out = {"generator": f"statsforecast {statsforecast.__version__}", "horizon": H, "series": []}
for sid in SERIES:
    y = train[train.series == sid].value.to_numpy(dtype=float)
    entry = {"id": sid, "y": y.tolist()}
    for key, model in (("stm", Theta(season_length=1)), ("otm", OptimizedTheta(season_length=1))):
        model = model.fit(y)
        fc = model.predict(H, level=LEVELS)
        par = model.model_["par"]
        entry[key] = {
            "level0": float(par["initial_smoothed"]), "alpha": float(par["alpha"]),
            "theta": float(par["theta"]), "mse": float(model.model_["mse"]),
            "mean": fc["mean"].tolist(), "lo95": fc["lo-95"].tolist(), "hi95": fc["hi-95"].tolist(),
        }
    out["series"].append(entry)
json.dump(out, sys.stdout, indent=1)
