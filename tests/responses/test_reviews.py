"""Analysts review tags: confirm them as right or change them, with an optional reason;
the agreement page scores the model on every reviewed response; reviews retrain the model."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from engage.errors import ValidationFailed
from engage.responses.corrections import (
    agreement_by_model_version,
    apply_tag_correction,
    confirm_tags,
    corrections_as_training_data,
)
from engage.responses.models import ResponseTagChange

ROOT = Path(__file__).resolve().parents[2]


def changes(db, response):
    stmt = db.select(ResponseTagChange).filter_by(response_id=response.id, source="human")
    return [(c.label, c.action, c.reason) for c in db.session.scalars(stmt.order_by(ResponseTagChange.id))]


def test_confirming_records_a_review_with_its_reason(create_response, db, dummy_analyst):
    r = create_response("Speeding vans through the village every morning")
    labels = list(r.labels)
    confirm_tags(r, dummy_analyst, reason="  right as it is ")
    db.session.commit()
    assert r.labels == labels
    assert changes(db, r) == [(label, "confirm", "right as it is") for label in sorted(labels)]
    with pytest.raises(ValidationFailed, match="reason"):
        confirm_tags(r, dummy_analyst, reason="x" * 301)


def test_agreement_counts_confirmed_responses_not_only_corrected_ones(create_response, db, dummy_analyst):
    right = create_response("Speeding vans through the village every morning")
    wrong = create_response("Speeding vans through the village every evening")
    assert "road_safety" in right.labels and "road_safety" in wrong.labels
    confirm_tags(right, dummy_analyst)
    apply_tag_correction(wrong, add=["police_visibility_response"], remove=[], actor=dummy_analyst,
                         reason="second concern: nobody came")
    db.session.commit()
    result = agreement_by_model_version()[right.tagged_model_version]
    rows = {row["label"]: row for row in result["labels"]}
    assert result["responses"] == 2
    assert rows["road_safety"]["tp"] == 2 and rows["road_safety"]["precision"] == 1.0
    assert rows["police_visibility_response"]["fn"] == 1
    assert 0 < result["micro"]["recall"] < 1 and result["micro"]["precision"] == 1.0
    exported = list(corrections_as_training_data())
    assert {line["text"] for line in exported} == {right.text, wrong.text}


def test_confirming_on_the_page_and_reading_the_agreement_page(client, sign_in, dummy_analyst,
                                                                create_response, db):
    r = create_response("Hare coursing on the fields near Southwell again")
    sign_in(dummy_analyst)
    resp = client.post(f"/analysis/responses/{r.id}/tags",
                       data={"labels": list(r.labels), "reason": "checked against the text"})
    assert resp.status_code == 302
    page = client.get(resp.headers["Location"]).get_data(as_text=True)
    assert "confirmed as correct" in page
    assert changes(db, r)[0][1:] == ("confirm", "checked against the text")
    agreement = client.get("/staff/tagging/agreement").get_data(as_text=True)
    assert "1 reviewed response." in agreement and "Micro precision 1.0, recall 1.0, F1 1.0" in agreement
    too_long = client.post(f"/analysis/responses/{r.id}/tags", data={"labels": list(r.labels), "reason": "x" * 301})
    assert too_long.status_code == 400


def test_confirm_through_the_api(client, create_response, dummy_analyst, bearer, db):
    r = create_response("Someone keeps ringing my nan pretending to be her bank")
    headers = bearer(dummy_analyst)
    resp = client.patch(f"/api/v1/responses/{r.id}/tags", json={"confirm": True, "reason": "fine"}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    last = resp.get_json()["history"][-1]
    assert (last["action"], last["source"], last["reason"]) == ("confirm", "human", "fine")
    bad = client.patch(f"/api/v1/responses/{r.id}/tags", json={"confirm": True, "reason": "x" * 301}, headers=headers)
    assert bad.status_code == 422 and "reason" in bad.get_json()["errors"]


def test_reviews_retrain_the_model(runner, create_response, db, dummy_analyst, tmp_path):
    """The documented path: flask nlp export-corrections, then python -m nlp train --extra."""
    r = create_response("Fly-tipping in the lay-by on the A614 again, mattresses and tyres everywhere")
    apply_tag_correction(r, add=["rural_crime", "asb"], remove=[], actor=dummy_analyst)
    db.session.commit()
    exported = tmp_path / "corrections.jsonl"
    assert runner.invoke(args=["nlp", "export-corrections", str(exported)]).exit_code == 0
    assert [json.loads(line)["labels"] for line in exported.read_text().splitlines()] == [r.labels]

    train = tmp_path / "train.jsonl"
    rows = [{"text": f"speeding cars on the main road {i}", "labels": ["road_safety"]} for i in range(6)]
    rows += [{"text": f"bins and potholes on the estate {i}", "labels": ["other"]} for i in range(6)]
    train.write_text("".join(json.dumps(row) + "\n" for row in rows), "utf-8")
    dev = tmp_path / "dev.jsonl"
    dev.write_text("".join(json.dumps({"text": f"dev {row['text']}", "labels": row["labels"]}) + "\n"
                           for row in rows), "utf-8")

    def fit(*extra):
        done = subprocess.run(
            [sys.executable, "-m", "nlp", "train", "--train", str(train), "--dev", str(dev), *extra,
             "--output", str(tmp_path / "model")],
            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)}, capture_output=True, text=True, timeout=300)
        assert done.returncode == 0, done.stderr
        return done.stdout

    assert "fitted 12 examples" in fit()
    assert "fitted 13 examples" in fit("--extra", str(exported))


def test_the_response_page_shows_who_changed_its_areas_and_why(client, sign_in, dummy_analyst,
                                                                create_response):
    r = create_response("Burglars took my bike from the shed and the police never came")
    sign_in(dummy_analyst)
    labels = [lb for lb in r.labels if lb != "police_visibility_response"] + ["police_visibility_response"]
    client.post(f"/analysis/responses/{r.id}/tags",
                data={"labels": labels + ["victim_support"], "reason": "second concern: left without support"})
    page = client.get(f"/analysis/responses/{r.id}").get_data(as_text=True)
    history = page[page.index('id="tag-history"'):page.index("</table>", page.index('id="tag-history"'))]
    assert "Victim and witness support" in history
    assert "Added" in history and "second concern: left without support" in history
    assert dummy_analyst.name in history or dummy_analyst.email in history
