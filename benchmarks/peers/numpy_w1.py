#!/usr/bin/env python3
"""W1 reference workload in vectorized, chunked numpy: the peer for the engine's performance.

Same workload as benchmarks/scenarios/w1.yaml (K = 6 correlated sectors, H = 10 years,
log-growth g = mu + sigma * (L z)), same outputs:
  - 5/50/95 percentiles of each sector's level per year, from fixed log-level histograms
    (8192 bins per sector and year over a range fixed from a 4096-path pilot, counts merged
    across chunks: the same sketch the engine uses, so memory does not grow with N);
  - P(level >= 2 x start at any year up to 3) and up to 5, per sector;
  - P(sum of levels in year 2 >= 4500);
each probability with its Monte Carlo standard error.

Chunks of paths are spread over worker threads (numpy releases the GIL in its kernels); each
worker has its own numpy Generator (PCG64 seeded from SeedSequence(seed).spawn), so results
depend on --threads but not on scheduling.

Usage:
  python3 benchmarks/peers/numpy_w1.py --paths 10000000 --threads 1
  python3 benchmarks/peers/numpy_w1.py --paths 10000000 --threads 2 --chunk 4096
  python3 benchmarks/peers/numpy_w1.py --target-se 0.0005   # paths needed for s.e. <= 0.0005
"""
import argparse
import os
import time
from concurrent.futures import ThreadPoolExecutor

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import numpy as np  # noqa: E402

BASES = np.array([1400.0, 700, 300, 250, 200, 150])
MU = np.array([0.12, 0.15, 0.18, 0.20, 0.22, 0.25])
SIGMA = np.array([0.05, 0.07, 0.09, 0.11, 0.13, 0.15])
H = 10
K = 6
BINS = 8192


def correlation():
    c = np.full((K, K), 0.2)
    c[:3, :3] = 0.5
    c[3:, 3:] = 0.5
    c[0, 3] = c[3, 0] = 0.3
    c[2, 5] = c[5, 2] = 0.3
    np.fill_diagonal(c, 1.0)
    return c


L = np.linalg.cholesky(correlation())
SCALE = L * SIGMA[:, None]  # row k of diag(sigma) L
LOG_BASE = np.log(BASES)
LOG2 = np.log(2.0)
CELL = ((np.arange(H)[:, None] * K + np.arange(K)[None, :]) * (BINS + 2)).astype(np.int32)


def simulate_chunk(rng, n):
    """Log-levels, shape (n, H, K): one (n·H) × K matrix product (dgemm), then in place."""
    g = (rng.standard_normal((n * H, K)) @ SCALE.T).reshape(n, H, K)  # correlated shocks
    g += MU
    g[:, 0, :] += LOG_BASE
    np.add.accumulate(g, axis=1, out=g)  # running sums of log-growth: log-levels
    return g


def chunk_stats(y, lo, width):
    """Target counts and histogram counts of a chunk; overwrites y (it is not used again)."""
    n = y.shape[0]
    doubled = LOG_BASE + LOG2  # log(2 x start)
    max3 = y[:, :3, :].max(axis=1)
    max5 = np.maximum(max3, y[:, 3:5, :].max(axis=1))
    hits3 = (max3 >= doubled).sum(axis=0)
    hits5 = (max5 >= doubled).sum(axis=0)
    hit_total = int((np.exp(y[:, 1, :]).sum(axis=1) >= 4500).sum())
    # Histogram storage index 1 + (y - lo) / width per (year, sector), clamped to the under- and
    # overflow bins 0 and BINS + 1, offset to the cell's block of counts; in place.
    y -= lo - width
    y /= width
    np.clip(y, 0, BINS + 1, out=y)
    idx = y.astype(np.int32)
    idx += CELL
    counts = np.bincount(idx.ravel(), minlength=H * K * (BINS + 2))
    return n, hits3, hits5, hit_total, counts


def quantiles(counts, lo, width, ps):
    out = np.empty((H, K, len(ps)))
    for t in range(H):
        for k in range(K):
            c = counts[(t * K + k) * (BINS + 2):(t * K + k + 1) * (BINS + 2)].astype(np.float64)
            cum = np.cumsum(c)
            total = cum[-1]
            for i, p in enumerate(ps):
                j = int(np.searchsorted(cum, p * total))
                below = cum[j - 1] if j > 0 else 0.0
                frac = (p * total - below) / c[j] if c[j] > 0 else 0.0
                left = lo[t, k] + (j - 1) * width[t, k]
                out[t, k, i] = np.exp(left + frac * width[t, k])
    return out


def run(paths, threads, chunk, seed):
    pilot = simulate_chunk(np.random.default_rng(seed), 4096)
    pmin, pmax = pilot.min(axis=0), pilot.max(axis=0)  # (H, K)
    span = pmax - pmin
    lo, width = pmin - span / 2, span * 2 / BINS
    chunks = [chunk] * (paths // chunk) + ([paths % chunk] if paths % chunk else [])
    generators = [np.random.default_rng(s) for s in np.random.SeedSequence(seed).spawn(threads)]

    def worker(w):
        acc = None
        for i in range(w, len(chunks), threads):
            n, h3, h5, ht, counts = chunk_stats(simulate_chunk(generators[w], chunks[i]), lo, width)
            part = [n, h3, h5, ht, counts]
            acc = part if acc is None else [a + b for a, b in zip(acc, part)]
        return acc

    with ThreadPoolExecutor(threads) as pool:
        parts = [p for p in pool.map(worker, range(threads)) if p is not None]
    n = sum(p[0] for p in parts)
    h3 = sum(p[1] for p in parts)
    h5 = sum(p[2] for p in parts)
    ht = sum(p[3] for p in parts)
    counts = sum(p[4] for p in parts)
    q = quantiles(counts, lo, width, [0.05, 0.5, 0.95])
    probabilities = np.concatenate([h3 / n, h5 / n, [ht / n]])
    se = np.sqrt(probabilities * (1 - probabilities) / n)
    return n, probabilities, se, q


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--paths", type=int, default=1_000_000)
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--chunk", type=int, default=16384)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--target-se", type=float, default=None,
                        help="print the paths plain Monte Carlo needs for every probability's s.e. <= this, from a pilot")
    args = parser.parse_args()
    if args.target_se is not None:
        _, p, _, _ = run(min(args.paths, 1_000_000), args.threads, args.chunk, args.seed)
        need = int(np.ceil((p * (1 - p)).max() / args.target_se ** 2))
        print(f"paths for s.e. <= {args.target_se}: {need} (worst p = {p[np.argmax(p * (1 - p))]:.4f})")
        args.paths = need
    start = time.perf_counter()
    n, p, se, q = run(args.paths, args.threads, args.chunk, args.seed)
    seconds = time.perf_counter() - start
    names = [f"s{k + 1} doubles within 3" for k in range(K)] + [f"s{k + 1} doubles within 5" for k in range(K)]
    names.append("total >= 4500 in year 2")
    for name, pi, si in zip(names, p, se):
        print(f"P({name}) = {pi:.4f} ± {si:.4f}")
    print(f"median levels in year {H}: " + ", ".join(f"{v:.1f}" for v in q[H - 1, :, 1]))
    print(f"numpy_w1: {n} paths, {args.threads} thread(s), chunk {args.chunk}: {seconds:.3f} s")


if __name__ == "__main__":
    main()
