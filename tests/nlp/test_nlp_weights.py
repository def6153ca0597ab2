"""Training files weighted in config.cfg (``file_weights``) count that many times in the fit."""

from __future__ import annotations

import json
import re

import spacy

from nlp.pipeline import CONFIG_PATH
from nlp.train import train

TEXT = "the lads on the corner again tonight"


def _asb_score(tmp_path, tiny_data, jsonl, weight: int) -> float:
    config = CONFIG_PATH.read_text("utf-8")
    config = re.sub(r"(?m)^file_weights = .*$", f'file_weights = {{"voices.jsonl": {weight}}}', config)
    config_path = tmp_path / f"config-{weight}.cfg"
    config_path.write_text(config, encoding="utf-8")
    tiny = [json.loads(line) for line in tiny_data[0].read_text("utf-8").splitlines()]
    team = jsonl(tmp_path / "team.jsonl", [*tiny, *[{"text": TEXT, "labels": ["other"]}] * 2])
    voices = jsonl(tmp_path / "voices.jsonl", [{"text": TEXT, "labels": ["asb"]}])
    output = tmp_path / f"model-{weight}"
    train([team, voices], tiny_data[1], output, config_path=config_path, log=lambda _: None)
    return spacy.load(output)(TEXT).cats["asb"]


def test_a_weighted_file_outvotes_more_lines_from_an_unweighted_one(tmp_path, tiny_data, jsonl):
    # Two team lines call the text "other", one line in the weighted file calls it asb.
    assert _asb_score(tmp_path, tiny_data, jsonl, 1) < 0.5 < _asb_score(tmp_path, tiny_data, jsonl, 6)
