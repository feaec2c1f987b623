"""Writes growth.json: scipy.optimize.curve_fit (Levenberg-Marquardt) fits of logistic and
Gompertz curves to seeded noisy synthetic series. Used only to make the fixture.

Command (from the repository root, with `pip install scipy`):
    python Tests/TCModelsTests/Fixtures/make_growth_fixture.py > Tests/TCModelsTests/Fixtures/growth.json
"""
import json

import numpy as np
import scipy
from scipy.optimize import curve_fit


def logistic(t, k, r, t0):
    return k / (1 + np.exp(-r * (t - t0)))


def gompertz(t, k, b, c):
    return k * np.exp(-b * np.exp(-c * t))


rng = np.random.default_rng(20240611)
t = np.arange(1, 19, dtype=float)
out = {"generator": f"scipy {scipy.__version__}", "cases": []}
for name, f, truth, p0 in (("logistic", logistic, (250.0, 0.45, 10.0), (300.0, 0.3, 9.0)),
                           ("gompertz", gompertz, (80.0, 6.0, 0.25), (100.0, 4.0, 0.2))):
    y = f(t, *truth) * (1 + 0.03 * rng.standard_normal(t.size))
    popt, pcov = curve_fit(f, t, y, p0=p0, method="lm", xtol=1e-15, ftol=1e-15, gtol=1e-15, maxfev=100000)
    out["cases"].append({"model": name, "y": y.tolist(), "popt": popt.tolist(), "pcov": pcov.tolist()})
print(json.dumps(out, indent=1))
