"""Research prototype (numpy only): cheap point methods and calibrated intervals on M1/Tourism yearly.

    python3 benchmarks/peers/prototypes/cheap_methods.py > benchmarks/peers/prototypes/results.md

Everything is fitted and calibrated on the training parts only; the test parts are touched only by
metrics.score_set at the very end. Hyper-parameters of the global model (lag count, weighting) are chosen
on a validation split carved out of the training parts (last H training values of each series).

Point methods (per series unless said otherwise):
- drift: y_T + h (y_T - y_1)/(T-1).
- theta: classic Theta (Assimakopoulos & Nikolopoulos 2000; SES-with-drift form of Hyndman & Billah 2003):
  SES level l_T (alpha on a grid by one-step SSE) + b/2 * (h - 1 + (1 - (1-alpha)^T)/alpha), b = OLS slope.
- damped: additive damped-trend Holt (Gardner & McKenzie 1985), (alpha, beta, phi) on a grid by one-step SSE.
- glar: one global linear autoregression for the whole set (Montero-Manso & Hyndman 2021, "Principles and
  algorithms for forecasting groups of time series: locality and globality", IJF 37(4)): inputs are the
  last p log values minus log y_t, target log y_{t+h} - log y_t, one least-squares fit per horizon over
  every window of every training part; forecast = y_T * exp(prediction).
- combinations: plain means of the point forecasts.

Intervals, quantiles and event probabilities (all methods alike): rolling-origin errors inside the
training parts. For every series and origin t (t >= 3, t < T) the method is refitted on y_1..y_t and the
log errors e = log(y_{t+h} / f_h) are collected per horizon h. Each error is divided by the series'
volatility v = mean |diff(log y)| over its training part; the standardized errors are pooled across
series per horizon, every series weighted equally (weight 1/n_i for its n_i errors at that horizon).
The forecast distribution at horizon h is f_h * exp(v * E_h), E_h the pooled standardized errors:
interval bounds and quantiles are weighted quantiles of it, the event probability is the weighted share
of E_h with f_k * exp(v * e) >= c * y_T. (This is split-conformal calibration with pooled residuals; with
thousands of pooled errors the finite-sample correction ceil((n+1)(1-a))/n changes nothing visible.)
For glar the rolling-origin errors are its in-sample residuals (p+1 parameters per horizon, thousands
of windows).
"""
from __future__ import annotations

import os
import sys
from collections import OrderedDict

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, ".."))

from io_forecasts import load_set  # noqa: E402
from metrics import EVENTS, QUANTILE_GRID, SeriesForecast, score_set  # noqa: E402

MIN_ORIGIN = 3
ALPHAS = np.linspace(0.05, 1.0, 20)


# ---------------------------------------------------------------- point methods

def drift(y, H):
    T = len(y)
    slope = (y[-1] - y[0]) / (T - 1)
    return y[-1] + slope * np.arange(1, H + 1)


def _ses_levels(y, alphas):
    level = np.full(len(alphas), y[0])
    sse = np.zeros(len(alphas))
    for v in y[1:]:
        e = v - level
        sse += e * e
        level = level + alphas * e
    return level, sse


def theta(y, H):
    T = len(y)
    level, sse = _ses_levels(y, ALPHAS)
    i = int(np.argmin(sse))
    a, l = ALPHAS[i], level[i]
    t = np.arange(1, T + 1)
    b = np.polyfit(t, y, 1)[0] if T > 1 else 0.0
    h = np.arange(1, H + 1)
    return l + 0.5 * b * (h - 1 + (1 - (1 - a) ** T) / a)


_A, _B, _P = np.meshgrid(np.linspace(0.1, 1.0, 10), np.array([0.01, 0.05, 0.1, 0.2, 0.4]),
                         np.array([0.8, 0.85, 0.9, 0.95, 0.98]), indexing="ij")
_A, _B, _P = _A.ravel(), _B.ravel(), _P.ravel()


def damped(y, H):
    if len(y) < 3:
        return drift(y, H)
    level = np.full(_A.shape, y[0])
    trend = np.full(_A.shape, y[1] - y[0])
    sse = np.zeros(_A.shape)
    for v in y[1:]:
        f = level + _P * trend
        e = v - f
        sse += e * e
        new_level = f + _A * e
        trend = _P * trend + _A * _B * e
        level = new_level
    i = int(np.argmin(sse))
    phis = np.cumsum(_P[i] ** np.arange(1, H + 1))
    return level[i] + phis * trend[i]


# ---------------------------------------------------------------- global linear AR on log ratios

def _glar_features(logy, t, p):
    """Features at origin index t (0-based, inclusive): log y_{t-j} - log y_t, j = 1..p-1, padded at start."""
    idx = np.maximum(np.arange(t - 1, t - p, -1), 0)
    return logy[idx] - logy[t]


def glar_fit(series_list, H, p, equal_weight, ridge=1e-3):
    """Returns coefficient matrix (H, p) [intercept + p-1 lags] and per-horizon residual lists."""
    coefs = np.zeros((H, p))
    resid = []
    for h in range(1, H + 1):
        X, z, w, who = [], [], [], []
        for si, y in enumerate(series_list):
            logy = np.log(y)
            origins = range(MIN_ORIGIN - 1, len(y) - h)
            n = len(origins)
            for t in origins:
                X.append(np.concatenate(([1.0], _glar_features(logy, t, p))))
                z.append(logy[t + h] - logy[t])
                w.append(1.0 / n if equal_weight else 1.0)
                who.append(si)
        X, z, w = np.array(X), np.array(z), np.array(w)
        sw = np.sqrt(w)
        A = X * sw[:, None]
        beta = np.linalg.solve(A.T @ A + ridge * np.eye(p), A.T @ (z * sw))
        coefs[h - 1] = beta
        resid.append((np.array(who), z - X @ beta))
    return coefs, resid


def glar_forecast(y, coefs):
    p = coefs.shape[1]
    logy = np.log(y)
    x = np.concatenate(([1.0], _glar_features(logy, len(y) - 1, p)))
    return y[-1] * np.exp(coefs @ x)


# ---------------------------------------------------------------- calibration

def volatility(y):
    v = float(np.mean(np.abs(np.diff(np.log(y)))))
    return max(v, 1e-6)


def mase_scale(y):
    return max(float(np.mean(np.abs(np.diff(y)))), 1e-9 * abs(y[-1]))


# How an error is standardized before pooling across series, and turned back into a forecast:
#   "log":   e = log(y/f);              Y = f * exp(e)        (relative errors, no per-series scale)
#   "logv":  e = log(y/f) / v_i;        Y = f * exp(v_i * e)  (v_i = mean |diff log y| of the series)
#   "scaled": e = (y - f) / s_i;        Y = f + s_i * e       (s_i = MASE scale of the series)
MODES = ("log", "logv", "scaled")


def standardize(mode, y_actual, f, y_train):
    if mode == "log":
        return np.log(y_actual / f)
    if mode == "logv":
        return np.log(y_actual / f) / volatility(y_train)
    return (y_actual - f) / mase_scale(y_train)


def unstandardize(mode, e, f, y_train):
    if mode == "log":
        return f * np.exp(e)
    if mode == "logv":
        return f * np.exp(volatility(y_train) * e)
    return f + mase_scale(y_train) * e


def rolling_errors(series_list, H, method):
    """Per horizon: list of (series index, actual, forecast) from rolling origins inside the training parts.
    The per-series scale used to standardize is always that of the full training part."""
    out = [[] for _ in range(H)]
    for si, y in enumerate(series_list):
        for t in range(MIN_ORIGIN, len(y)):
            hmax = min(H, len(y) - t)
            f = np.maximum(method(y[:t], hmax), 1e-9 * y[t - 1])
            for h in range(hmax):
                out[h].append((si, y[t + h], f[h]))
    return out


def pooled(errors_by_h, series_list, mode):
    """Per horizon: sorted standardized errors and equal-per-series weights summing to 1."""
    out = []
    for triples in errors_by_h:
        who = np.array([a for a, _, _ in triples])
        e = np.array([standardize(mode, ya, f, series_list[si]) for si, ya, f in triples])
        counts = np.bincount(who)
        w = 1.0 / counts[who]
        order = np.argsort(e)
        e, w = e[order], w[order]
        out.append((e, w / w.sum()))
    return out


def wquantile(e, w, taus):
    c = np.cumsum(w) - 0.5 * w
    return np.interp(taus, c, e)


def distribution_forecast(y, f, pools, mode):
    H = len(f)
    f = np.maximum(f, 1e-9 * y[-1])
    taus = list(QUANTILE_GRID) + [0.025, 0.975]
    q = np.array([unstandardize(mode, wquantile(*pools[h], np.array(taus)), f[h], y) for h in range(H)])
    probs = {}
    for name, (k, c) in EVENTS.items():
        e, w = pools[k - 1]
        probs[name] = float(np.sum(w[unstandardize(mode, e, f[k - 1], y) >= c * y[-1]]))
    grid = len(QUANTILE_GRID)
    i80, i20 = list(QUANTILE_GRID).index(0.9), list(QUANTILE_GRID).index(0.1)
    return SeriesForecast(mean=f, lo80=q[:, i20], hi80=q[:, i80], lo95=q[:, grid], hi95=q[:, grid + 1],
                          taus=QUANTILE_GRID.copy(), quantiles=q[:, :grid], probs=probs)


def gaussian_residual_forecast(y, f, method, H):
    """Baseline for comparison: Normal intervals from the series' own one-step residual sd * sqrt(h)."""
    from metrics import norm_ppf
    res = [y[t] - method(y[:t], 1)[0] for t in range(MIN_ORIGIN, len(y))]
    sd = float(np.std(res)) if len(res) > 1 else abs(y[-1]) * 0.1
    s = sd * np.sqrt(np.arange(1, H + 1))
    z80, z95 = norm_ppf(0.9), norm_ppf(0.975)
    return SeriesForecast(mean=f, lo80=f - z80 * s, hi80=f + z80 * s, lo95=f - z95 * s, hi95=f + z95 * s)


# ---------------------------------------------------------------- experiment

def evaluate(trains, tests, H, point_fc, errors, mode):
    pools = pooled(errors, list(trains.values()), mode)
    fcs = OrderedDict((s, distribution_forecast(y, point_fc[s], pools, mode)) for s, y in trains.items())
    return score_set(trains, tests, fcs)


def choose_glar(trains, H):
    """Picks (p, equal_weight) on a validation split: last H training values of every series held out."""
    inner = [y[:-H] for y in trains.values() if len(y) - H >= MIN_ORIGIN + 1]
    held = [y[-H:] for y in trains.values() if len(y) - H >= MIN_ORIGIN + 1]
    best = None
    for p in (2, 3, 4, 5, 6):
        for ew in (False, True):
            coefs, _ = glar_fit(inner, H, p, ew)
            sm = np.mean([np.mean(200 * np.abs(t - f) / (np.abs(t) + np.abs(f)))
                          for y, t in zip(inner, held) for f in [glar_forecast(y, coefs)]])
            if best is None or sm < best[0]:
                best = (sm, p, ew)
    return best


def main():
    rows = []
    for set_name in ("m1", "tourism"):
        trains, tests, H = load_set(set_name)
        ys = list(trains.values())
        ids = list(trains)
        val_smape, p, ew = choose_glar(trains, H)
        coefs, resid = glar_fit(ys, H, p, ew)
        glar_pf = {s: glar_forecast(y, coefs) for s, y in trains.items()}

        base = {"drift": drift, "theta": theta, "damped": damped}
        pf = {name: {s: m(y, H) for s, y in trains.items()} for name, m in base.items()}
        pf["glar"] = glar_pf
        errs = {name: rolling_errors(ys, H, m) for name, m in base.items()}

        def glar_method(y, h):
            return glar_forecast(y, coefs)[:h]
        errs["glar"] = rolling_errors(ys, H, glar_method)  # in-sample coefficients

        combos = {"theta+damped+drift": ("theta", "damped", "drift"),
                  "theta+drift": ("theta", "drift"),
                  "glar+theta+drift": ("glar", "theta", "drift"),
                  "glar+theta+damped+drift": ("glar", "theta", "damped", "drift"),
                  "damped+drift": ("damped", "drift"),
                  "glar+drift": ("glar", "drift"),
                  "glar+damped+drift": ("glar", "damped", "drift")}
        for cname, parts in combos.items():
            pf[cname] = {s: np.mean([pf[m][s] for m in parts], axis=0) for s in ids}
            methods = [base[m] if m in base else glar_method for m in parts]
            errs[cname] = rolling_errors(ys, H, lambda y, h, ms=methods: np.mean([m(y, h) for m in ms], axis=0))

        for name in pf:
            for mode in MODES:
                r = evaluate(trains, tests, H, pf[name], errs[name], mode)
                r.update(set=set_name, model=f"{name} [{mode}]")
                rows.append(r)
        for name in ("theta", "damped"):
            m = base[name]
            fcs = OrderedDict((s, gaussian_residual_forecast(y, pf[name][s], m, H)) for s, y in trains.items())
            r = score_set(trains, tests, fcs)
            r.update(set=set_name, model=f"{name} (own Gaussian sd*sqrt(h))")
            rows.append(r)
        print(f"<!-- {set_name}: glar chosen on validation: p={p} (intercept + {p - 1} lags), "
              f"equal_series_weight={ew}, validation sMAPE {val_smape:.2f} -->")

    cols = ["set", "model", "smape", "mase", "cov80", "cov95", "msis", "crps",
            "brier_h3_1.5x", "brier_h2_1.2x", "skill_h3_1.5x", "skill_h2_1.2x"]
    print("| " + " | ".join(cols) + " |")
    print("|" + "---|" * len(cols))
    for r in rows:
        print("| " + " | ".join(f"{r[c]:.4g}" if isinstance(r[c], float) else str(r[c]) for c in cols) + " |")


if __name__ == "__main__":
    main()
