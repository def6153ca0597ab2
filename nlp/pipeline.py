"""Build the pipeline from ``config.cfg`` or load a trained one from disk."""

from __future__ import annotations

import importlib.util
import logging
import os
from pathlib import Path

import spacy
from spacy.language import Language
from spacy.util import load_config

import nlp.components  # noqa: F401  (registers factories before any config is resolved)

CONFIG_PATH = Path(__file__).with_name("config.cfg")
TEXTCAT = "textcat_multilabel"
TAGGER = "engage_priority_tagger"
LEMMATIZER = "engage_lemmatizer"
SMALL_MODEL = "en_core_web_sm"
SMALL_MODEL_ENV = "ENGAGE_NLP_SMALL_MODEL"  # "off": do not use en_core_web_sm even if installed
SMALL_MODEL_PIPES = ("tok2vec", "tagger", "attribute_ruler", "lemmatizer")

logger = logging.getLogger(__name__)


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
    add_small_model(nlp)
    if not with_textcat:
        initialize(nlp)
    return nlp


def initialize(nlp: Language, get_examples=None) -> None:
    """``nlp.initialize`` that leaves en_core_web_sm's trained components as they came."""
    sourced = [name for name in SMALL_MODEL_PIPES if name in nlp.pipe_names]
    with nlp.select_pipes(disable=sourced):
        nlp.initialize(get_examples)


def add_small_model(nlp: Language) -> bool:
    """Put en_core_web_sm's part-of-speech-aware lemmatizer before ours, when it is installed.

    Its lemmas know "saw" the verb from "saw" the tool; ``engage_lemmatizer`` (``overwrite =
    false``) then only fills in tokens it left without one. The components are copied into
    the pipeline, so a model trained with them loads without the package. The price is
    speed: its tagger reads every token through a CNN, far slower than the lookup table,
    so ``ENGAGE_NLP_SMALL_MODEL=off`` keeps the lookup-only pipeline for bulk tagging.
    """
    if os.environ.get(SMALL_MODEL_ENV, "").lower() == "off" or importlib.util.find_spec(SMALL_MODEL) is None:
        return False
    source = spacy.load(SMALL_MODEL)
    names = [name for name in SMALL_MODEL_PIPES if name in source.pipe_names]
    for name in names:
        nlp.add_pipe(name, source=source, before=LEMMATIZER)
    logger.info("using %s %s for lemmas: %s", SMALL_MODEL, source.meta.get("version", "?"), ", ".join(names))
    return bool(names)


def load_nlp(path: Path | str) -> Language:
    """A trained pipeline saved by ``nlp.train`` (its own config, no downloads)."""
    return spacy.load(path)
