"""scripts/petition_to_real_train.py: a petition's own words become a real_train line."""

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "scripts"))

from petition_to_real_train import petition_line  # noqa: E402

PETITION = {
    "id": 209543,
    "type": "petition",
    "attributes": {
        "action": "stop charging the public 15p to call the non-emergency 101 line",
        "background": "After 15 minutes with no reply\r\nrang off but was charged 15p.",
        "additional_details": "",
        "government_response": {"details": "The Home Office does not set call charges."},
    },
}


def test_the_line_holds_the_petitioners_words_and_never_the_government_response():
    line = petition_line(PETITION, ["police_visibility_response"], archived=True)
    assert line["text"] == (
        "stop charging the public 15p to call the non-emergency 101 line. "
        "After 15 minutes with no reply rang off but was charged 15p."
    )
    assert "Home Office" not in line["text"]
    assert line["url"] == "https://petition.parliament.uk/archived/petitions/209543"
    assert line["licence"] == "Open Parliament Licence v3.0" and line["source"]


@pytest.mark.parametrize("labels", [["no_such_area"], ["other", "asb"], []])
def test_labels_outside_the_guide_are_refused(labels):
    with pytest.raises(ValueError):
        petition_line(PETITION, labels)


def test_the_command_prints_one_line_or_a_clear_error(tmp_path):
    good = tmp_path / "p.json"
    good.write_text(json.dumps({"data": PETITION}), "utf-8")
    script = str(ROOT / "scripts" / "petition_to_real_train.py")
    done = subprocess.run([sys.executable, script, str(good), "--labels", "asb"], capture_output=True, text=True)
    assert done.returncode == 0 and json.loads(done.stdout)["labels"] == ["asb"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", "utf-8")
    done = subprocess.run([sys.executable, script, str(bad), "--labels", "asb"], capture_output=True, text=True)
    assert done.returncode == 1 and "error:" in done.stderr
