"""scikit-learn's MLPClassifier on the same MNIST network and hyperparameters as `nabla bench mnist`:
784-256-128-10, ReLU, softmax + cross-entropy, SGD with momentum 0.9 (not Nesterov), learning rate 0.05 constant,
batch 128, reshuffled every epoch, no L2 penalty, float32 input. scikit-learn draws its own initial weights
(Glorot-style uniform); it cannot take He initialization. One partial_fit call is one epoch.

Usage: /usr/bin/python3 bench/peers/mnist_sklearn.py --data DIR [--epochs N] [--threads N] [--seed N]
(threads: the BLAS thread count, set through threadpoolctl)
"""
import argparse
import time
import warnings

import numpy as np
from sklearn.neural_network import MLPClassifier
from threadpoolctl import threadpool_limits

from mnist_common import load, report

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--seed", type=int, default=0)
args = parser.parse_args()

x_train, y_train, x_test, y_test = load(args.data)
model = MLPClassifier(hidden_layer_sizes=(256, 128), activation="relu", solver="sgd", alpha=0.0,
                      batch_size=128, learning_rate="constant", learning_rate_init=0.05, momentum=0.9,
                      nesterovs_momentum=False, shuffle=True, random_state=args.seed)
classes = np.arange(10)
seconds = []
with threadpool_limits(limits=args.threads), warnings.catch_warnings():
    warnings.simplefilter("ignore")
    for epoch in range(args.epochs):
        start = time.perf_counter()
        model.partial_fit(x_train, y_train, classes=classes)
        seconds.append(time.perf_counter() - start)
    accuracy = float((model.predict(x_test) == y_test).mean())
report("scikit-learn", seconds, accuracy, args.threads, x_train.shape[0])
