"""en_core_web_sm is used when installed: its lemmas come first, and a model trained with it
carries its components, so the model loads where the package is not installed.

The package is not installable here (spaCy's models are not on PyPI), so the test installs a
small stand-in with the same name, metadata and ``load()`` entry point into a folder on the
path: an attribute ruler whose lemmas the lookup table would never give.
"""

from __future__ import annotations

import importlib.util
import sys
import textwrap
from pathlib import Path

import pytest

from nlp.pipeline import LEMMATIZER, SMALL_MODEL_ENV, build_nlp, load_nlp

ROOT = Path(__file__).resolve().parents[2]

PACKAGE = '''
import spacy


def load(vocab=True, disable=(), enable=(), exclude=(), config=None):
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"LOWER": "saw"}]], {"LEMMA": "see"})
    ruler.add([[{"LOWER": "nicked"}]], {"LEMMA": "steal"})
    nlp.meta["version"] = "3.8.0"
    return nlp
'''


@pytest.fixture
def small_model(tmp_path, monkeypatch):
    folder = tmp_path / "site"
    (folder / "en_core_web_sm").mkdir(parents=True)
    (folder / "en_core_web_sm" / "__init__.py").write_text(textwrap.dedent(PACKAGE))
    dist = folder / "en_core_web_sm-3.8.0.dist-info"
    dist.mkdir()
    (dist / "METADATA").write_text("Metadata-Version: 2.1\nName: en_core_web_sm\nVersion: 3.8.0\n")
    monkeypatch.syspath_prepend(str(folder))
    monkeypatch.delenv(SMALL_MODEL_ENV, raising=False)
    yield folder
    sys.modules.pop("en_core_web_sm", None)


def test_its_lemmas_come_before_the_lookup_table(small_model):
    nlp = build_nlp(with_textcat=False)
    assert nlp.pipe_names.index("attribute_ruler") < nlp.pipe_names.index(LEMMATIZER)
    doc = nlp("I saw they nicked the quad bikes")
    assert (doc[1].lemma_, doc[3].lemma_) == ("see", "steal")
    assert doc[-1].lemma_ == "bike"  # tokens it leaves alone still get the table's lemma


def test_it_can_be_switched_off(small_model, monkeypatch):
    monkeypatch.setenv(SMALL_MODEL_ENV, "off")
    assert "attribute_ruler" not in build_nlp(with_textcat=False).pipe_names


def test_a_model_trained_with_it_loads_without_it(small_model, tmp_path, tiny_data, cli):
    output = tmp_path / "model"
    env = {"PYTHONPATH": f"{small_model}:{ROOT}"}
    result = cli("train", "--train", tiny_data[0], "--dev", tiny_data[1], "--output", output, env=env)
    assert result.returncode == 0, result.stderr
    nlp = load_nlp(output)  # loaded here through the saved config, not the package
    assert "attribute_ruler" in nlp.pipe_names
    assert nlp("we saw nothing")[1].lemma_ == "see"


def test_without_it_the_pipeline_is_lookup_only(monkeypatch):
    if importlib.util.find_spec("en_core_web_sm") is not None:
        pytest.skip("en_core_web_sm is really installed here")
    assert build_nlp(with_textcat=False).pipe_names[0] == LEMMATIZER
