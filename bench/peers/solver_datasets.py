#!/usr/bin/python3
"""Writes scikit-learn's bundled data sets as CSV files for bench/solvers.sh (Debian's /usr/bin/python3 has scikit-learn).

    /usr/bin/python3 bench/peers/solver_datasets.py DIR

iris, wine, breast cancer ('cancer') and digits are classification tables (target: the class number), diabetes a
regression table; every column but the last is a feature (x1, x2, …), the last is 'target'.
"""
import os
import sys

from sklearn.datasets import load_breast_cancer, load_diabetes, load_digits, load_iris, load_wine


def main(directory):
    os.makedirs(directory, exist_ok=True)
    for name, load in [("iris", load_iris), ("wine", load_wine), ("cancer", load_breast_cancer), ("digits", load_digits), ("diabetes", load_diabetes)]:
        data = load()
        regression = name == "diabetes"
        with open(os.path.join(directory, f"{name}.csv"), "w") as f:
            f.write(",".join([f"x{i + 1}" for i in range(data.data.shape[1])] + ["target"]) + "\n")
            for row, target in zip(data.data, data.target):
                f.write(",".join(repr(float(v)) for v in row) + "," + (repr(float(target)) if regression else str(int(target))) + "\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "data/sklearn")
