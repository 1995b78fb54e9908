"""Nabla's Gaussian Bayes classifier against scikit-learn's GaussianNB, LinearDiscriminantAnalysis and
QuadraticDiscriminantAnalysis on real tables (the vega-datasets tables converted to CSV), on the same 80/20 split.

The script drops the rows without a target, splits the rest 80/20 stratified by class (train_test_split, random_state
0; not stratified when a class has one row), writes the two parts as CSV files, and then
- scikit-learn: the standard pipeline (numbers: SimpleImputer(median) + StandardScaler; text: SimpleImputer(most_frequent)
  + OneHotEncoder(handle_unknown='ignore')) in front of each classifier, fitted on the training part;
- Nabla: `nabla train --data train.csv --test-fraction 0 --model bayes-gaussian --covariance KIND` with its own defaults
  for everything else (imputation, rare categories, dates, identifiers, scaling), then `nabla evaluate` on the test part.
It prints one table (Markdown) of test accuracies, dataset by classifier.

Usage: /usr/bin/python3 bench/peers/bayes_tables.py [--data /tmp/vega] [--nabla "dotnet run --project src/Nabla.Cli --no-build --"]
(build first: dotnet build src/Nabla.Cli -v q)
"""
import argparse
import json
import os
import shlex
import subprocess
import tempfile
import warnings

import numpy as np
import pandas as pd
from sklearn.compose import ColumnTransformer
from sklearn.discriminant_analysis import LinearDiscriminantAnalysis, QuadraticDiscriminantAnalysis
from sklearn.impute import SimpleImputer
from sklearn.model_selection import train_test_split
from sklearn.naive_bayes import GaussianNB
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import OneHotEncoder, StandardScaler

TABLES = [
    ("penguins.csv", "Species"),
    ("penguins.csv", "Sex"),
    ("cars.csv", "Origin"),
    ("movies.csv", "Major Genre"),
    ("seattle-weather.csv", "weather"),
    ("weather.csv", "weather"),
]
KINDS = ["full", "diagonal", "shared", "regularized"]
PEERS = {
    "GaussianNB": lambda: GaussianNB(),
    "LDA": lambda: LinearDiscriminantAnalysis(),
    "QDA": lambda: QuadraticDiscriminantAnalysis(),
    "QDA reg 0.1": lambda: QuadraticDiscriminantAnalysis(reg_param=0.1),
}

parser = argparse.ArgumentParser()
parser.add_argument("--data", default="/tmp/vega")
parser.add_argument("--nabla", default="dotnet run --project src/Nabla.Cli --no-build --")
args = parser.parse_args()
nabla = shlex.split(args.nabla)


def sklearn_accuracy(make, train, test, target):
    x_train, y_train = train.drop(columns=[target]), train[target].astype(str)
    x_test, y_test = test.drop(columns=[target]), test[target].astype(str)
    numeric = [c for c in x_train.columns if pd.api.types.is_numeric_dtype(x_train[c])]
    text = [c for c in x_train.columns if c not in numeric]
    prep = ColumnTransformer([
        ("num", make_pipeline(SimpleImputer(strategy="median"), StandardScaler()), numeric),
        ("cat", make_pipeline(SimpleImputer(strategy="most_frequent"), OneHotEncoder(handle_unknown="ignore", sparse_output=False)), text),
    ])
    model = make_pipeline(prep, make())
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            model.fit(x_train, y_train)
            return float(np.mean(model.predict(x_test) == y_test.to_numpy()))
        except Exception as e:  # a peer that cannot fit the table
            return f"fails ({type(e).__name__})"


def nabla_accuracy(kind, train_csv, test_csv, target, work):
    model = os.path.join(work, f"{kind}.json")
    run = subprocess.run([*nabla, "train", "--data", train_csv, "--target", target, "--test-fraction", "0", "--model", "bayes-gaussian",
                          "--covariance", kind, "--save", model, "--quiet"], capture_output=True, text=True)
    if run.returncode != 0:
        return "fails: " + run.stderr.strip().splitlines()[-1][:80]
    run = subprocess.run([*nabla, "evaluate", "--model", model, "--data", test_csv, "--json"], capture_output=True, text=True)
    if run.returncode != 0:
        return "fails: " + run.stderr.strip().splitlines()[-1][:80]
    return json.loads(run.stdout)["accuracy"]


def cell(v):
    return f"{v:.4f}" if isinstance(v, float) else v


rows = []
with tempfile.TemporaryDirectory() as work:
    for file, target in TABLES:
        table = pd.read_csv(os.path.join(args.data, file))
        table = table[table[target].notna()].reset_index(drop=True)
        # Stratified by class, unless a class has a single row (penguins' Sex has one '.').
        stratify = table[target] if table[target].value_counts().min() >= 2 else None
        train, test = train_test_split(table, test_size=0.2, random_state=0, stratify=stratify)
        train_csv, test_csv = os.path.join(work, "train.csv"), os.path.join(work, "test.csv")
        train.to_csv(train_csv, index=False)
        test.to_csv(test_csv, index=False)
        result = {kind: nabla_accuracy(kind, train_csv, test_csv, target, work) for kind in KINDS}
        result.update({name: sklearn_accuracy(make, train, test, target) for name, make in PEERS.items()})
        rows.append((f"{file} → {target} ({len(train)}/{len(test)})", result))

columns = [f"Nabla {k}" for k in KINDS] + list(PEERS)
print("| table (train/test rows) | " + " | ".join(columns) + " |")
print("| --- |" + " --- |" * len(columns))
for name, result in rows:
    print(f"| {name} | " + " | ".join(cell(result[k]) for k in KINDS + list(PEERS)) + " |")
