"""PyTorch (CPU, eager) on the same MNIST network and hyperparameters as `nabla bench mnist`:
784-256-128-10, ReLU, softmax + cross-entropy, He (Kaiming normal) weights with zero biases, SGD with momentum 0.9,
learning rate 0.05, batch 128, reshuffled every epoch, float32.

Usage: /usr/bin/python3 bench/peers/mnist_torch.py --data DIR [--epochs N] [--threads N] [--seed N]
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
args = parser.parse_args()

torch.set_num_threads(args.threads)
torch.manual_seed(args.seed)
x_train, y_train, x_test, y_test = (torch.from_numpy(a) for a in load(args.data))

model = nn.Sequential(nn.Linear(784, 256), nn.ReLU(), nn.Linear(256, 128), nn.ReLU(), nn.Linear(128, 10))
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
    for i in range(0, n, 128):
        idx = order[i : i + 128]
        optimizer.zero_grad(set_to_none=True)
        loss = loss_fn(model(x_train[idx]), y_train[idx])
        loss.backward()
        optimizer.step()
    seconds.append(time.perf_counter() - start)

with torch.no_grad():
    accuracy = (model(x_test).argmax(dim=1) == y_test).float().mean().item()
report("pytorch", seconds, accuracy, args.threads, n)
