"""Build the pipeline from ``config.cfg`` or load a trained one from disk."""

from __future__ import annotations

from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config

import nlp.components  # noqa: F401  (registers factories before any config is resolved)

CONFIG_PATH = Path(__file__).with_name("config.cfg")
TEXTCAT = "textcat_multilabel"
TAGGER = "engage_priority_tagger"


def load_pipeline_config(path: Path | str = CONFIG_PATH):
    """The pipeline config (a thinc ``Config``), without interpolation surprises."""
    return load_config(path, interpolate=False)


def build_nlp(config_path: Path | str = CONFIG_PATH, *, with_textcat: bool = True) -> Language:
    """A blank pipeline from the config; rules-only when ``with_textcat`` is false.

    The rules-only pipeline is initialized here (lemma tables, patterns) and ready to use;
    the full one still needs training (see ``nlp.train``).
    """
    config = load_pipeline_config(config_path)
    if not with_textcat:
        config["nlp"]["pipeline"] = [p for p in config["nlp"]["pipeline"] if p != TEXTCAT]
        del config["components"][TEXTCAT]
    nlp = spacy.util.load_model_from_config(config, auto_fill=True, validate=True)
    if not with_textcat:
        nlp.initialize()
    return nlp


def load_nlp(path: Path | str) -> Language:
    """A trained pipeline saved by ``nlp.train`` (its own config, no downloads)."""
    return spacy.load(path)
