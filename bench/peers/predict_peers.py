"""Single-sample prediction latency of the MNIST benchmark network (784-256-128-10, ReLU, softmax) in PyTorch (eager,
no_grad) and scikit-learn (MLPClassifier.predict_proba), as `nabla bench predict` measures Nabla's. Random weights:
latency does not depend on them. Prints one JSON line per peer.

Usage: /usr/bin/python3 bench/peers/predict_peers.py [--calls N] [--threads N] [--rows N]
(--rows: rows per call, as `nabla bench predict --rows N`; with more than one row, calls run for about a second)
"""
import argparse
import json
import time
import warnings

import numpy as np
import torch
from torch import nn
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

parser = argparse.ArgumentParser()
parser.add_argument("--calls", type=int, default=20000)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--rows", type=int, default=1)
args = parser.parse_args()


def measure(predict, x):
    """Microseconds per call."""
    warm = time.perf_counter()
    while time.perf_counter() - warm < 1:
        predict(x)
    calls = args.calls
    if args.rows > 1:
        start = time.perf_counter()
        predict(x)
        calls = max(20, int(1 / max(time.perf_counter() - start, 1e-7)))
    start = time.perf_counter()
    for _ in range(calls):
        predict(x)
    return (time.perf_counter() - start) / calls * 1e6


def line(peer, micros):
    return json.dumps({"peer": peer, "rows": args.rows, "microseconds_per_call": micros, "microseconds_per_sample": micros / args.rows,
                       "rows_per_second": args.rows / (micros * 1e-6), "threads": args.threads})


rng = np.random.default_rng(0)
x = rng.random((args.rows, 784), dtype=np.float32)

torch.set_num_threads(args.threads)
model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10), nn.Softmax(dim=1)).eval()
tx = torch.from_numpy(x)


def torch_predict(v):
    with torch.no_grad():
        return model(v)


print(line("pytorch", measure(torch_predict, tx)))

classifier = MLPClassifier(hidden_layer_sizes=(256, 128), max_iter=1)
with warnings.catch_warnings(), threadpool_limits(limits=args.threads):
    warnings.simplefilter("ignore")
    classifier.fit(rng.random((20, 784), dtype=np.float32), np.arange(20) % 10)
    print(line("scikit-learn", measure(classifier.predict_proba, x)))
