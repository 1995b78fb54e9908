"""PyTorch (CPU, eager) on the same MNIST network and hyperparameters as `nabla bench mnist`:
784-256-128-10, ReLU, softmax + cross-entropy, He (Kaiming normal) weights with zero biases, SGD with momentum 0.9,
learning rate 0.05, batch 128, reshuffled every epoch, float32.

Usage: /usr/bin/python3 bench/peers/mnist_torch.py --data DIR [--epochs N] [--threads N] [--seed N]
                        [--hidden 256,128] [--batch-size 128] [--precision float32|float64]
(the last three for the scaling table, bench/scaling.sh, as `nabla bench mnist` takes them)
"""
import argparse
import time

import torch
from torch import nn

from mnist_common import load, report

parser = argparse.ArgumentParser()
parser.add_argument("--data", required=True)
parser.add_argument("--epochs", type=int, default=10)
parser.add_argument("--threads", type=int, default=1)
parser.add_argument("--seed", type=int, default=0)
parser.add_argument("--hidden", default="256,128")
parser.add_argument("--batch-size", type=int, default=128)
parser.add_argument("--precision", choices=["float32", "float64"], default="float32")
args = parser.parse_args()
hidden = [int(w) for w in args.hidden.split(",")]
dtype = torch.float64 if args.precision == "float64" else torch.float32

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in load(args.data))
x_train, x_test = x_train.to(dtype), x_test.to(dtype)

layers, width = [], 784
for w in hidden:
    layers += [nn.Linear(width, w), nn.ReLU()]
    width = w
model = nn.Sequential(*layers, nn.Linear(width, 10)).to(dtype)
for layer in model:
    if isinstance(layer, nn.Linear):
        nn.init.kaiming_normal_(layer.weight, nonlinearity="relu")
        nn.init.zeros_(layer.bias)
loss_fn = nn.CrossEntropyLoss()
optimizer = torch.optim.SGD(model.parameters(), lr=0.05, momentum=0.9)

n = x_train.shape[0]
seconds = []
for epoch in range(args.epochs):
    start = time.perf_counter()
    order = torch.randperm(n)
    for i in range(0, n, args.batch_size):
        idx = order[i : i + args.batch_size]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()
    seconds.append(time.perf_counter() - start)

with torch.no_grad():
    accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
report("pytorch", seconds, accuracy, args.threads, n)
