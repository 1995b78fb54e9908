"""Shared by the MNIST peer scripts: read the IDX files and report like `nabla bench mnist --json`."""
import json
import statistics
import struct
import sys

import numpy as np


def read_idx(path):
    with open(path, "rb") as f:
        data = f.read()
    if data[0] != 0 or data[1] != 0 or data[2] != 0x08:
        sys.exit(f"{path}: not an unsigned-byte IDX file")
    rank = data[3]
    dims = struct.unpack(">" + "I" * rank, data[4 : 4 + 4 * rank])
    values = np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * rank)
    if values.size != int(np.prod(dims)):
        sys.exit(f"{path}: truncated")
    return values.reshape(dims)


def load(directory):
    """MNIST as float32 rows scaled to [0, 1] and int64 labels, the same preprocessing as Nabla's MnistDataset."""
    def pair(prefix):
        x = read_idx(f"{directory}/{prefix}-images-idx3-ubyte").reshape(-1, 784).astype(np.float32) / np.float32(255)
        y = read_idx(f"{directory}/{prefix}-labels-idx1-ubyte").astype(np.int64)
        return x, y

    return pair("train") + pair("t10k")


def report(name, epoch_seconds, test_accuracy, threads, n_train):
    median = statistics.median(epoch_seconds)
    print(json.dumps({
        "peer": name,
        "epoch_seconds": epoch_seconds,
        "epoch_seconds_median": median,
        "samples_per_second": n_train / median,
        "test_accuracy": test_accuracy,
        "threads": threads,
    }))
