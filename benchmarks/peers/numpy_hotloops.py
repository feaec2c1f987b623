"""numpy peer of TargetCast's hot-loop benchmarks (benchmarks/Benchmarks/HotLoops).

Times, on one thread, the numpy counterparts of the Swift kernels and prints one
tab-separated line per kernel, in the same format as `hotloops-timing`:
key, rate (units per second), unit, median seconds per call, repeats x calls.

    OPENBLAS_NUM_THREADS=1 python3 benchmarks/peers/numpy_hotloops.py [--repeats 11] [--min-time 0.2]

Kernels (keys shared with the Swift tool where the work is the same):
  normals.philox  Generator(Philox).standard_normal into a preallocated buffer of 65536
  normals.pcg64   Generator(PCG64).standard_normal, same
  philox.bytes    Philox.random_raw: raw random bytes per second (numpy's Philox is the
                  4x64-10 variant; TargetCast uses 4x32-10)
  gemm.N          np.matmul(L, Z, out=C), L 6x6 lower Cholesky factor, Z 6xN, column-major
                  like the Swift matrices; flop = 2*K*K*N
  engine          the engine's workload vectorized: draw, correlate, exp, cumulative product,
                  quantiles, mean/variance and target hit rates of 6 series x 10 years x 2^16 paths

Keep the constants below in step with HotLoops.swift and EngineWorkload.swift.
"""
import argparse
import os
import sys
import time

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np  # noqa: E402

K = 6
BLOCK_COLUMNS = [4096, 65536]
NORMALS_PER_CALL = 65536
PHILOX_BLOCKS_PER_CALL = 65536  # 16 bytes each in Swift; the same byte count is drawn here
SEED = 20240101
PATHS = 1 << 16
BASE_YEAR, HORIZON_YEAR = 2024, 2034
QUANTILE_LEVELS = [0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95]


def correlation(k):
    """rho_ij = 0.5^|i-j|, as HotLoops.correlation(order:)."""
    idx = np.arange(k)
    return 0.5 ** np.abs(idx[:, None] - idx[None, :])


def normals_kernel(bit_generator):
    gen = np.random.Generator(bit_generator)
    out = np.empty(NORMALS_PER_CALL)

    def call():
        gen.standard_normal(out=out)

    return call, NORMALS_PER_CALL


def philox_bytes_kernel():
    bits = np.random.Philox(SEED)
    words = PHILOX_BLOCKS_PER_CALL * 2  # 64-bit words: 16 bytes per Swift block

    def call():
        bits.random_raw(words)

    return call, 8 * words


def gemm_kernel(n):
    factor = np.asfortranarray(np.linalg.cholesky(correlation(K)))
    z = np.asfortranarray(np.random.Generator(np.random.Philox(SEED)).standard_normal((K, n)))
    c = np.asfortranarray(np.empty((K, n)))

    def call():
        np.matmul(factor, z, out=c)

    return call, 2.0 * K * K * n


def engine_kernel():
    """EngineWorkload.scenario: lognormal 1+r with means 1.03..1.08, sd 0.05, AR(1) 0.5
    correlation, base 100, targets '>= 160 in 2034' and '>= 130 by 2030' per series."""
    horizon = HORIZON_YEAR - BASE_YEAR
    mean = 0.03 + 0.01 * np.arange(K)
    m = 1.0 + mean
    sigma2 = np.log1p(0.05**2 / m**2)
    mu = (np.log(m) - sigma2 / 2)[:, None]
    sigma = np.sqrt(sigma2)[:, None]
    factor = np.linalg.cholesky(correlation(K))
    gen = np.random.Generator(np.random.Philox(SEED))
    by_year = 2030 - BASE_YEAR  # years 2025..2030 are indices 0..5

    def call():
        z = gen.standard_normal((horizon, K, PATHS))
        w = np.matmul(factor, z)  # (horizon, K, paths)
        levels = 100.0 * np.cumprod(np.exp(mu + sigma * w), axis=0)
        quantiles = np.quantile(levels, QUANTILE_LEVELS, axis=2)
        means = levels.mean(axis=2)
        variances = levels.var(axis=2, ddof=1)
        in_year = (levels[horizon - 1] >= 160.0).mean(axis=1)
        by = (levels[:by_year] >= 130.0).any(axis=0).mean(axis=1)
        return quantiles, means, variances, in_year, by

    return call, float(PATHS * horizon)


def median_seconds(call, repeats, min_time):
    start = time.perf_counter()
    call()
    first = time.perf_counter() - start
    calls = max(1, int(np.ceil(min_time / max(first, 1e-9))))
    per_call = []
    for _ in range(repeats):
        start = time.perf_counter()
        for _ in range(calls):
            call()
        per_call.append((time.perf_counter() - start) / calls)
    return float(np.median(per_call)), calls


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeats", type=int, default=11)
    parser.add_argument("--min-time", type=float, default=0.2)
    parser.add_argument("--only", default="", help="run only kernels whose key starts with this")
    args = parser.parse_args()

    try:
        from threadpoolctl import threadpool_info, threadpool_limits

        threadpool_limits(1)
        blas = [(i.get("internal_api"), i.get("version"), i.get("architecture"), i.get("num_threads"))
                for i in threadpool_info() if i.get("user_api") == "blas"]
    except ImportError:
        blas = "threadpoolctl not installed; relying on OPENBLAS_NUM_THREADS=1"
    print(f"numpy {np.__version__}, BLAS {blas}", file=sys.stderr)

    kernels = [
        ("normals.philox", "samples", lambda: normals_kernel(np.random.Philox(SEED))),
        ("normals.pcg64", "samples", lambda: normals_kernel(np.random.PCG64(SEED))),
        ("philox.bytes", "bytes", philox_bytes_kernel),
    ]
    kernels += [(f"gemm.{n}", "flop", lambda n=n: gemm_kernel(n)) for n in BLOCK_COLUMNS]
    kernels += [("engine", "path-years", engine_kernel)]
    for key, unit, make in kernels:
        if not key.startswith(args.only):
            continue
        call, work = make()
        seconds, calls = median_seconds(call, args.repeats, args.min_time)
        print(f"{key}\t{work / seconds}\t{unit}/s\t{seconds}\t{args.repeats}x{calls}", flush=True)


if __name__ == "__main__":
    main()
