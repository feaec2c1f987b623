"""Writes theta.json: statsforecast 2.1.1 Theta (STM), OptimizedTheta (OTM), DynamicTheta (DSTM) and
DynamicOptimizedTheta (DOTM) on twelve yearly training series (six M1, six Tourism, short to long).
Used only to make the fixture; the Swift product never runs it.

Per series and model: the fitted initial level, alpha and theta (`model_["par"]`), statsforecast's
objective at them (`model_["mse"]`: the sum of squared one-step errors from the fourth on, divided by
the mean absolute value of the series), the point forecasts and the 95% bounds (simulated).

Command (from the repository root, with `pip install statsforecast==2.1.1`; ~5 s):
    python3 Tests/TCModelsTests/Fixtures/make_theta_fixture.py /work/shared/data/m1_yearly.csv \
        /work/shared/data/tourism_yearly.csv > Tests/TCModelsTests/Fixtures/theta.json
"""
import json
import sys

import pandas as pd
import statsforecast
from statsforecast.models import DynamicOptimizedTheta, DynamicTheta, OptimizedTheta, Theta

# The four M1 series of the first fixture, two more M1 (the shortest length, 9, and the longest, 52)
# and six Tourism series of lengths 7 to 43.
SERIES = ["YAI1", "YAG15", "YAD8", "YAM19", "YAD16", "YAF14", "Y1", "Y79", "Y137", "Y192", "Y375", "Y72"]
H = 6
MODELS = (("stm", Theta), ("otm", OptimizedTheta), ("dstm", DynamicTheta), ("dotm", DynamicOptimizedTheta))

frames = [pd.read_csv(path) for path in sys.argv[1:]]
data = pd.concat(frames, ignore_index=True)
train = data[data.split == "train"].sort_values(["series", "t"])
out = {"generator": f"statsforecast {statsforecast.__version__}", "horizon": H, "series": []}
for sid in SERIES:
    y = train[train.series == sid].value.to_numpy(dtype=float)
    assert len(y) > 0, sid
    entry = {"id": sid, "y": y.tolist()}
    for key, cls in MODELS:
        model = cls(season_length=1).fit(y)
        fc = model.predict(H, level=[95])
        par = model.model_["par"]
        entry[key] = {
            "level0": float(par["initial_smoothed"]), "alpha": float(par["alpha"]),
            "theta": float(par["theta"]), "mse": float(model.model_["mse"]),
            "mean": fc["mean"].tolist(), "lo95": fc["lo-95"].tolist(), "hi95": fc["hi-95"].tolist(),
        }
    out["series"].append(entry)
json.dump(out, sys.stdout, indent=1)
