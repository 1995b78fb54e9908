#!/usr/bin/python3
"""Measures numpy's matrix product (OpenBLAS sgemm/dgemm) in GFLOP/s, for comparison with Nabla.

Prints one line per size in the format of Nabla's `--gflops` mode:
    numpy float 256 NN gflops=234.5 best_ms=0.143 threads=2 kernel=Cooperlake
With --shapes FILE [--batch N], the products listed in FILE instead (bench/compare-gemm.sh --mnist passes the eight of
an MNIST training step, as Nabla.Benchmarks --gflops --mnist-shapes lists them).

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


def read_shapes(path):
    """Products listed one per line as NAME|TT|m|n|k (TT: N or T for A and B), as `Nabla.Benchmarks --gflops
    --mnist-shapes` prints the eight of an MNIST training step: C (m x n) = op(A) op(B), A stored m x k (k x m when
    transposed)."""
    shapes = []
    for line in open(path, encoding="utf-8"):
        if line.strip():
            name, tt, m, n, k = line.rstrip("\n").split("|")
            shapes.append((name, tt[0] == "T", tt[1] == "T", int(m), int(n), int(k)))
    return shapes


def measure(size, dtype, seconds, ta, tb, shape=None):
    m, n, k = shape if shape else (size, size, size)
    rng = np.random.default_rng(1)
    a = (rng.random((k, m) if ta else (m, k)) - 0.5).astype(dtype)
    b = (rng.random((n, k) if tb else (k, n)) - 0.5).astype(dtype)
    opa = a.T if ta else a
    opb = b.T if tb else b
    c = np.empty((m, n), dtype=dtype)
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
    parser.add_argument("--shapes", help="a file of products NAME|TT|m|n|k to time instead of the squares")
    parser.add_argument("--batch", type=int, default=128, help="rows per training step, with --shapes (for the sum)")
    args = parser.parse_args()
    dtype = np.float32 if args.type == "float" else np.float64
    info = blas_description()
    if args.shapes:
        total = 0.0
        for name, ta, tb, m, n, k in read_shapes(args.shapes):
            best = measure(0, dtype, args.seconds, ta, tb, (m, n, k))
            total += best
            print("{:<14} {}x{}x{} {}{} {:8.1f} us  {:6.1f} GFLOP/s".format(
                name, m, n, k, "T" if ta else "N", "T" if tb else "N", best * 1e6, 2.0 * m * n * k / best / 1e9), flush=True)
        print("sum {:.1f} us per step of {} rows, {:.3f} s per epoch of products {}".format(
            total * 1e6, args.batch, total * -(-60000 // args.batch), info), flush=True)
        return
    for size in (int(s) for s in args.sizes.split(",")):
        best = measure(size, dtype, args.seconds, args.ta, args.tb)
        gflops = 2.0 * size ** 3 / best / 1e9
        print("numpy {} {} {}{} gflops={:.1f} best_ms={:.3f} {}".format(
            args.type, size, "T" if args.ta else "N", "T" if args.tb else "N", gflops, best * 1e3, info), flush=True)


if __name__ == "__main__":
    main()
