#!/usr/bin/python3
"""Nabla's defaults against scikit-learn's standard pipeline on real tables, on the same split.

For each table, target and model: the rows with a target are split 80/20 (seeded; stratified for classes), both parts
written as CSV exactly as read; Nabla trains on the training part with no option but the model
(`nabla train --data train.csv --target T --model M --test-fraction 0`) and is scored by `nabla evaluate` on the test
part; scikit-learn fits its standard pipeline (numbers: SimpleImputer(median) + StandardScaler; text:
SimpleImputer(most_frequent) + OneHotEncoder(handle_unknown='ignore')) and the peer model with its defaults, and is
scored on the same rows. Prints a Markdown table: accuracy for classifiers, R² for regressors.

  bench/tables/fetch.sh && /usr/bin/python3 bench/tables/compare.py [--data DIR] [--nabla PATH] [--seed N]
"""
import argparse, csv, json, math, subprocess, sys, tempfile, warnings
from pathlib import Path

import numpy as np
from sklearn.compose import ColumnTransformer
from sklearn.discriminant_analysis import QuadraticDiscriminantAnalysis
from sklearn.exceptions import ConvergenceWarning
from sklearn.impute import SimpleImputer
from sklearn.linear_model import LinearRegression, LogisticRegression, Perceptron
from sklearn.metrics import accuracy_score, r2_score
from sklearn.model_selection import train_test_split
from sklearn.neural_network import MLPClassifier, MLPRegressor
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

MISSING = {"", "na", "n/a", "nan", "null", "?", "-"}

# (table, target, task)
PROBLEMS = [
    ("iris", "target", "classification"),
    ("wine", "target", "classification"),
    ("breast-cancer", "target", "classification"),
    ("penguins", "Species", "classification"),
    ("penguins", "Sex", "classification"),
    ("cars", "Origin", "classification"),
    ("movies", "Major Genre", "classification"),
    ("seattle-weather", "weather", "classification"),
    ("diabetes", "target", "regression"),
    ("cars", "Miles_per_Gallon", "regression"),
    ("movies", "IMDB Rating", "regression"),
    ("countries", "life_expect", "regression"),
]

PEERS = {
    "classification": {
        "mlp": lambda: MLPClassifier(random_state=0),
        "logistic": lambda: LogisticRegression(),
        "perceptron": lambda: Perceptron(random_state=0),
        "bayes-gaussian": lambda: QuadraticDiscriminantAnalysis(),
    },
    "regression": {
        "mlp": lambda: MLPRegressor(random_state=0),
        "linear": lambda: LinearRegression(),
    },
}


def number(cell):
    try:
        return float(cell.replace(",", "")) if cell.strip().lower() not in MISSING else math.nan
    except ValueError:
        return None


def read(path):
    with open(path, newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def sklearn_score(header, train, test, target, task, make):
    t = header.index(target)
    inputs = [j for j in range(len(header)) if j != t]
    numeric = [j for j in inputs if all(number(r[j]) is not None for r in train)]
    text = [j for j in inputs if j not in numeric]

    def matrix(rows):
        x = np.empty((len(rows), len(inputs)), dtype=object)
        for i, r in enumerate(rows):
            for k, j in enumerate(inputs):
                x[i, k] = number(r[j]) if j in numeric else (r[j].strip() or np.nan)
        return x

    at = {j: k for k, j in enumerate(inputs)}
    prep = ColumnTransformer([
        ("numbers", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), [at[j] for j in numeric]),
        ("text", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore")), [at[j] for j in text]),
    ], sparse_threshold=0)
    y_train = [r[t].strip() for r in train]
    y_test = [r[t].strip() for r in test]
    if task == "regression":
        y_train, y_test = [float(v) for v in y_train], [float(v) for v in y_test]
    model = make_pipeline(prep, make())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model.fit(matrix(train), y_train)
            predicted = model.predict(matrix(test))
        except Exception as e:  # a peer that cannot fit this table
            return None, type(e).__name__
    return (accuracy_score(y_test, predicted) if task == "classification" else r2_score(y_test, predicted)), None


def nabla_score(nabla, header, train, test, target, task, kind, work):
    def write(name, rows):
        path = work / name
        with open(path, "w", newline="") as f:
            w = csv.writer(f)
            w.writerow(header)
            w.writerows(rows)
        return str(path)

    train_csv, test_csv, model = write("train.csv", train), write("test.csv", test), str(work / "model.json")
    task_option = ["--task", task]
    run = subprocess.run([nabla, "train", "--data", train_csv, "--target", target, "--model", kind, "--test-fraction", "0", *task_option,
                          "--save", model, "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip().splitlines()[-1][:120]
    run = subprocess.run([nabla, "evaluate", "--model", model, "--data", test_csv, "--target", target, "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        return None, run.stderr.strip().splitlines()[-1][:120]
    result = json.loads(run.stdout)
    return (result["accuracy"] if task == "classification" else result["r2"]), None


def main():
    here = Path(__file__).resolve().parent
    parser = argparse.ArgumentParser()
    parser.add_argument("--data", default=str(here / "data"))
    parser.add_argument("--nabla", default=str(here.parent.parent / "src/Nabla.Cli/bin/Release/net10.0/Nabla.Cli"))
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    print("| table | target | model | Nabla | scikit-learn | |")
    print("| --- | --- | --- | ---: | ---: | --- |")
    wins = total = 0
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        for table, target, task in PROBLEMS:
            header, rows = read(Path(args.data) / f"{table}.csv")
            t = header.index(target)
            rows = [r for r in rows if r[t].strip().lower() not in MISSING]
            labels = [r[t].strip() for r in rows] if task == "classification" else None
            if labels is not None and min(labels.count(c) for c in set(labels)) < 2:
                labels = None  # a class of one row cannot be stratified
            train, test = train_test_split(rows, test_size=0.2, random_state=args.seed, stratify=labels)
            for kind, make in PEERS[task].items():
                ours, our_error = nabla_score(args.nabla, header, train, test, target, task, kind, work)
                theirs, their_error = sklearn_score(header, train, test, target, task, make)
                if ours is not None and theirs is not None:
                    total += 1
                    wins += ours >= theirs - 1e-12
                mark = "" if ours is None or theirs is None else ("≥" if ours >= theirs - 1e-12 else "<")
                show = lambda v, e: f"{v:.4f}" if v is not None else f"fails ({e})"
                print(f"| {table} | {target} | {kind} | {show(ours, our_error)} | {show(theirs, their_error)} | {mark} |", flush=True)
    print(f"\nNabla at or above scikit-learn on {wins} of {total} pairs where both fit (accuracy for classes, R² for numbers; seed {args.seed}).")


if __name__ == "__main__":
    sys.exit(main())
