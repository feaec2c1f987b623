"""Accuracy metrics for the yearly benchmark (M1 yearly, Tourism yearly).

One implementation, used for every model: the statsforecast peers (statsforecast_accuracy.py) and
any forecasts CSV scored through score.py (TargetCast's own output). numpy only.

Notation for one series: training values y_1..y_T, held-out values y_{T+1}..y_{T+H}, point forecast
f_h, interval [L_h, U_h], quantile forecasts q_h(tau).

Scale (shared by MASE, MSIS and CRPS): the in-sample MAE of the naive-1 forecast on the training part,
    scale = 1/(T-1) * sum_{t=2..T} |y_t - y_{t-1}|      (yearly data, seasonal period m = 1)
as in Hyndman & Koehler (2006), "Another look at measures of forecast accuracy", IJF 22(4), and the
M4 competitor's guide (M4 Team 2018). A series with scale 0 would make the scaled metrics infinite;
none of the series in these two sets has one (checked in per_series_scale()).

Every metric is computed per series (mean over the H horizons) and then averaged over series with
equal weight, as in M4.

- sMAPE (M4 definition): 1/H * sum_h 200 * |y - f| / (|y| + |f|), in percent.
- MASE: 1/H * sum_h |y - f| / scale.
- cov80, cov95: share of the (series, horizon) points with L <= y <= U for the 80% and 95% intervals.
- MSIS (M4 definition, alpha = 0.05, i.e. the 95% interval):
    1/H * sum_h [ (U - L) + 2/alpha * (L - y) * 1{y < L} + 2/alpha * (y - U) * 1{y > U} ] / scale
  (Gneiting & Raftery 2007 interval score; scaled as in the M4 competitor's guide).
- CRPS (scaled): CRPS(F, y) = 2 * integral_0^1 pinball_tau(q(tau), y) dtau (Gneiting & Ranjan 2011,
  JBES 29(3); Laio & Tamea 2007). We approximate the integral by the mean over the quantile grid
  tau = 0.05, 0.10, ..., 0.95 (19 levels), so
    crps = 1/H * sum_h 2 * mean_tau pinball_tau(q_h(tau), y_h) / scale,
    pinball_tau(q, y) = (y - q) * tau if y >= q else (q - y) * (1 - tau).
  The factor 2 makes it an estimate of the CRPS itself (for a point forecast it equals MAE/scale,
  so crps is directly comparable with MASE). The grid omits the tails beyond 5%/95%, so it slightly
  understates the true CRPS for every model alike.
- Brier scores for two growth events, with y_T the last training value:
    event "h3_1.5x": y_{T+3} >= 1.5 * y_T;   event "h2_1.2x": y_{T+2} >= 1.2 * y_T.
  brier = mean over series of (p - o)^2, o in {0, 1} the observed outcome, p the model's probability.
  Reference forecast ("base rate"): the frequency b of the same event over every window of every
  training part in the set (all t with t + k <= T in each series, k = 3 or 2: o_t = y_{t+k} >= c*y_t);
  brier_base = mean over series of (b - o)^2 and skill = 1 - brier / brier_base (Brier 1950;
  skill score as in Wilks, Statistical Methods in the Atmospheric Sciences, ch. 9).

Probability of an event from a forecast without explicit probabilities (gaussian_event_probability):
the predictive distribution at that horizon is taken as Normal(mu, sigma^2) with mu = the mean
forecast and sigma fitted to the interval half-widths by least squares through the origin,
    sigma = sum_L z_L * w_L / sum_L z_L^2,   w_L = (U_L - L_L) / 2,   z_L = Phi^{-1}((1 + L/100) / 2),
over the levels available (80 and 95; plus the symmetric quantile pairs q(tau), q(1 - tau) read as
levels 1 - 2*tau when quantile columns are present). For a Gaussian interval every level gives the
same sigma, so this is exact; for a skewed interval it is the best symmetric fit. Then
    p = P(Y >= c * y_T) = 1 - Phi((c * y_T - mu) / sigma).
"""
from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

QUANTILE_GRID = np.round(np.arange(0.05, 0.951, 0.05), 2)
EVENTS = {"h3_1.5x": (3, 1.5), "h2_1.2x": (2, 1.2)}
MSIS_ALPHA = 0.05


def norm_cdf(x):
    x = np.asarray(x, dtype=float)
    return 0.5 * (1.0 + np.vectorize(math.erf)(x / math.sqrt(2.0)))


def norm_ppf(p: float) -> float:
    """Inverse standard normal CDF by bisection on erf (only needed for a handful of levels)."""
    lo, hi = -10.0, 10.0
    for _ in range(200):
        mid = 0.5 * (lo + hi)
        if 0.5 * (1.0 + math.erf(mid / math.sqrt(2.0))) < p:
            lo = mid
        else:
            hi = mid
    return 0.5 * (lo + hi)


def per_series_scale(train: np.ndarray) -> float:
    """In-sample MAE of the naive-1 forecast (m = 1)."""
    d = np.abs(np.diff(np.asarray(train, dtype=float)))
    s = float(d.mean())
    if not s > 0:
        raise ValueError("series has a constant training part: scaled metrics undefined")
    return s


def smape(y, f):
    y, f = np.asarray(y, float), np.asarray(f, float)
    return float(np.mean(200.0 * np.abs(y - f) / (np.abs(y) + np.abs(f))))


def mase(y, f, scale):
    return float(np.mean(np.abs(np.asarray(y, float) - np.asarray(f, float))) / scale)


def coverage(y, lo, hi):
    y = np.asarray(y, float)
    return float(np.mean((y >= np.asarray(lo, float)) & (y <= np.asarray(hi, float))))


def msis(y, lo, hi, scale, alpha=MSIS_ALPHA):
    y, lo, hi = np.asarray(y, float), np.asarray(lo, float), np.asarray(hi, float)
    s = (hi - lo) + (2.0 / alpha) * (lo - y) * (y < lo) + (2.0 / alpha) * (y - hi) * (y > hi)
    return float(np.mean(s) / scale)


def scaled_crps(y, quantiles, taus, scale):
    """y: (H,), quantiles: (H, K) at levels taus (K,). 2 * mean pinball / scale, mean over H."""
    y = np.asarray(y, float)[:, None]
    q = np.asarray(quantiles, float)
    taus = np.asarray(taus, float)[None, :]
    diff = y - q
    loss = np.where(diff >= 0, diff * taus, -diff * (1.0 - taus))
    return float(np.mean(2.0 * loss.mean(axis=1)) / scale)


def gaussian_sigma(lo_hi_by_level: dict[float, tuple[float, float]]) -> float:
    """Least-squares sigma from interval half-widths at several central levels (percent)."""
    num = den = 0.0
    for level, (lo, hi) in lo_hi_by_level.items():
        z = norm_ppf((1.0 + level / 100.0) / 2.0)
        num += z * (hi - lo) / 2.0
        den += z * z
    return num / den


def gaussian_event_probability(mu: float, sigma: float, threshold: float) -> float:
    if sigma <= 0:
        return 1.0 if mu >= threshold else 0.0
    return float(1.0 - norm_cdf((threshold - mu) / sigma))


def event_outcome(train, test, k, c) -> int:
    return int(test[k - 1] >= c * train[-1])


def base_rate(trains, k, c) -> float:
    """Frequency of y[t+k] >= c*y[t] over all windows of all training parts."""
    hits = n = 0
    for tr in trains:
        tr = np.asarray(tr, float)
        if len(tr) > k:
            hits += int(np.sum(tr[k:] >= c * tr[:-k]))
            n += len(tr) - k
    return hits / n


@dataclass
class SeriesForecast:
    """Forecast of one series over its horizon. quantiles: (H, K) at taus, or None."""
    mean: np.ndarray
    lo80: np.ndarray
    hi80: np.ndarray
    lo95: np.ndarray
    hi95: np.ndarray
    taus: np.ndarray | None = None
    quantiles: np.ndarray | None = None
    probs: dict[str, float] | None = None  # event name -> probability, optional

    def sigma(self, h_index: int) -> float:
        levels = {80.0: (self.lo80[h_index], self.hi80[h_index]),
                  95.0: (self.lo95[h_index], self.hi95[h_index])}
        if self.quantiles is not None:
            taus = list(np.round(self.taus, 4))
            for i, t in enumerate(taus):
                if t < 0.5 and round(1 - t, 4) in taus:
                    j = taus.index(round(1 - t, 4))
                    lvl = round(100 * (1 - 2 * t), 4)
                    levels.setdefault(lvl, (self.quantiles[h_index, i], self.quantiles[h_index, j]))
        return gaussian_sigma(levels)

    def event_probability(self, name: str, last_train: float) -> float:
        if self.probs is not None and name in self.probs and np.isfinite(self.probs[name]):
            return float(self.probs[name])
        k, c = EVENTS[name]
        return gaussian_event_probability(float(self.mean[k - 1]), self.sigma(k - 1), c * last_train)

    def gaussian_quantiles(self, taus) -> np.ndarray:
        H = len(self.mean)
        out = np.empty((H, len(taus)))
        z = np.array([norm_ppf(t) for t in taus])
        for i in range(H):
            out[i] = self.mean[i] + self.sigma(i) * z
        return out


def score_set(trains: dict, tests: dict, forecasts: dict[str, SeriesForecast]) -> dict:
    """Scores forecasts for every series of one set. Returns the summary row (metric -> value)."""
    ids = list(trains)
    missing = [s for s in ids if s not in forecasts]
    if missing:
        raise ValueError(f"forecasts missing for {len(missing)} series, e.g. {missing[:3]}")
    rates = {name: base_rate(trains.values(), k, c) for name, (k, c) in EVENTS.items()}
    acc = {k: [] for k in ["smape", "mase", "cov80", "cov95", "msis", "crps"]}
    brier = {name: [] for name in EVENTS}
    brier_b = {name: [] for name in EVENTS}
    outcomes = {name: [] for name in EVENTS}
    for s in ids:
        tr, te, fc = np.asarray(trains[s], float), np.asarray(tests[s], float), forecasts[s]
        H = len(te)
        if len(fc.mean) != H:
            raise ValueError(f"series {s}: {len(fc.mean)} horizons given, {H} expected")
        sc = per_series_scale(tr)
        acc["smape"].append(smape(te, fc.mean))
        acc["mase"].append(mase(te, fc.mean, sc))
        acc["cov80"].append(coverage(te, fc.lo80, fc.hi80))
        acc["cov95"].append(coverage(te, fc.lo95, fc.hi95))
        acc["msis"].append(msis(te, fc.lo95, fc.hi95, sc))
        if fc.quantiles is not None and np.allclose(np.sort(fc.taus), QUANTILE_GRID):
            order = np.argsort(fc.taus)
            q = fc.quantiles[:, order]
        else:
            q = fc.gaussian_quantiles(QUANTILE_GRID)
        acc["crps"].append(scaled_crps(te, q, QUANTILE_GRID, sc))
        for name, (k, c) in EVENTS.items():
            o = event_outcome(tr, te, k, c)
            p = fc.event_probability(name, tr[-1])
            brier[name].append((p - o) ** 2)
            brier_b[name].append((rates[name] - o) ** 2)
            outcomes[name].append(o)
    row = {k: float(np.mean(v)) for k, v in acc.items()}
    for name in EVENTS:
        b, bb = float(np.mean(brier[name])), float(np.mean(brier_b[name]))
        row[f"brier_{name}"] = b
        row[f"skill_{name}"] = 1.0 - b / bb
        row[f"brier_base_{name}"] = bb
        row[f"base_rate_{name}"] = rates[name]
        row[f"event_freq_test_{name}"] = float(np.mean(outcomes[name]))
    row["n_series"] = len(ids)
    return row
