"""Fixtures for the nlp package: blank pipelines with our components, tiny data, a tiny model."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import spacy

import nlp.components  # noqa: F401  (registers the factories)

ROOT = Path(__file__).resolve().parents[2]

# A deliberately small, made-up corpus: enough for the classifier to learn something
# in a second, not a stand-in for the real training data.
TINY = {
    "road_safety": [
        "cars speeding past the school every morning",
        "boy racers on the bypass again",
        "someone doing 60 in a 30 outside the shops",
        "drink drivers leaving the pub",
    ],
    "drugs": [
        "dealing on the corner by the chip shop",
        "smell of weed on the stairs all day",
        "nitrous canisters all over the park",
        "county lines lads in the flats",
    ],
    "neighbourhood_crime": [
        "our shed was broken into and the bikes taken",
        "burglary on our street",
        "catalytic converter stolen off the car",
        "shoplifting at the co-op",
    ],
    "police_visibility_response": [
        "never see a pcso round here any more",
        "on hold to 101 for an hour",
        "nobody came when we rang 999",
        "we want more bobbies on the beat",
    ],
    "other": [
        "the bins were not collected this week",
        "thank you for the leaflet",
        "how do I find the library opening times",
        "lovely weather for the fete",
    ],
}


def tiny_records(copies: int, tag: str = "train") -> list[dict]:
    rows = []
    for i in range(copies):
        for label, texts in TINY.items():
            rows += [{"text": f"{text} ({tag} {i})", "labels": [label]} for text in texts]
    return rows


def write_jsonl(path: Path, rows: list) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def run_cli(*args: str | Path, env: dict | None = None) -> subprocess.CompletedProcess:
    """``python -m nlp ...`` in a subprocess, as an operator would run it."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "nlp", *map(str, args)],
        cwd=ROOT,
        env=full_env,
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="session")
def cli():
    """Run ``python -m nlp`` with arguments; returns the CompletedProcess."""
    return run_cli


@pytest.fixture(scope="session")
def jsonl():
    """Write rows as JSON Lines to a path; returns the path."""
    return write_jsonl


def _blank_with(*pipes: str):
    nlp = spacy.blank("en")
    for pipe in pipes:
        nlp.add_pipe(pipe)
    nlp.initialize()
    return nlp


@pytest.fixture(scope="session")
def rules_nlp():
    """blank English + lower-case lemmatizer + rules, initialized from the taxonomy."""
    return _blank_with("engage_lemmatizer", "engage_priority_rules")


@pytest.fixture(scope="session")
def rules_tagger_nlp():
    """The rules-only pipeline: rules plus the final scorer, no classifier."""
    return _blank_with("engage_lemmatizer", "engage_priority_rules", "engage_priority_tagger")


@pytest.fixture(scope="session")
def tiny_data(tmp_path_factory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tiny")
    return (
        write_jsonl(folder / "train.jsonl", tiny_records(3)),
        write_jsonl(folder / "dev.jsonl", tiny_records(1, tag="dev")),
    )


@pytest.fixture(scope="session")
def trained_model(tmp_path_factory, tiny_data) -> Path:
    """A model trained by the real command on the tiny corpus."""
    output = tmp_path_factory.mktemp("model") / "model"
    result = run_cli("train", "--train", tiny_data[0], "--dev", tiny_data[1], "--output", output)
    assert result.returncode == 0, result.stderr
    return output
