#!/usr/bin/python3
"""Measures numpy's matrix product (OpenBLAS sgemm/dgemm) in GFLOP/s, for comparison with Nabla.

Prints one line per size in the format of Nabla's `--gflops` mode:
    numpy float 256 NN gflops=234.5 best_ms=0.143 threads=2 kernel=Cooperlake

Run with Debian's interpreter; unset OPENBLAS_CORETYPE and OPENBLAS_L2_SIZE in that command only so that
OpenBLAS picks its kernel for this processor (bench/compare.sh does this):
    env -u OPENBLAS_CORETYPE -u OPENBLAS_L2_SIZE /usr/bin/python3 bench/peers/sgemm_numpy.py --sizes 256,512
"""
import argparse
import time

import numpy as np

try:
    from threadpoolctl import threadpool_info
except ImportError:  # threadpoolctl only labels the output
    threadpool_info = None


def blas_description():
    if threadpool_info is None:
        return "threads=? kernel=?"
    for pool in threadpool_info():
        if pool.get("user_api") == "blas":
            return "threads={} kernel={}-{}-{}".format(
                pool.get("num_threads"), pool.get("internal_api"), pool.get("version"), pool.get("architecture"))
    return "threads=? kernel=no-blas"


def measure(size, dtype, seconds, ta, tb):
    rng = np.random.default_rng(1)
    a = (rng.random((size, size)) - 0.5).astype(dtype)
    b = (rng.random((size, size)) - 0.5).astype(dtype)
    opa = a.T if ta else a
    opb = b.T if tb else b
    c = np.empty((size, size), dtype=dtype)
    # Warm up, then time batches of about 20 ms and keep the best time per product.
    start = time.perf_counter()
    reps = 0
    while time.perf_counter() - start < min(0.3, seconds / 2) or reps < 3:
        np.matmul(opa, opb, out=c)
        reps += 1
    per_call = (time.perf_counter() - start) / reps
    batch = max(1, int(0.02 / per_call))
    best = float("inf")
    start = time.perf_counter()
    while time.perf_counter() - start < seconds:
        t0 = time.perf_counter()
        for _ in range(batch):
            np.matmul(opa, opb, out=c)
        best = min(best, (time.perf_counter() - t0) / batch)
    return best


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="256,512,1024,2048")
    parser.add_argument("--type", choices=["float", "double"], default="float")
    parser.add_argument("--seconds", type=float, default=1.0)
    parser.add_argument("--ta", action="store_true")
    parser.add_argument("--tb", action="store_true")
    args = parser.parse_args()
    dtype = np.float32 if args.type == "float" else np.float64
    info = blas_description()
    for size in (int(s) for s in args.sizes.split(",")):
        best = measure(size, dtype, args.seconds, args.ta, args.tb)
        gflops = 2.0 * size ** 3 / best / 1e9
        print("numpy {} {} {}{} gflops={:.1f} best_ms={:.3f} {}".format(
            args.type, size, "T" if args.ta else "N", "T" if args.tb else "N", gflops, best * 1e3, info), flush=True)


if __name__ == "__main__":
    main()
