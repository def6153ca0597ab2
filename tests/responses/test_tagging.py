"""Tagging in the app: history, analysts' corrections winning over retags, agreement."""

import json

import pytest

from engage.errors import ValidationFailed
from engage.responses.corrections import agreement_by_model_version, apply_tag_correction
from engage.responses.models import Response, ResponseTagChange
from engage.responses.retag import retag_responses
from engage.responses.tagging import apply_model_tags


class FakeResult:
    """A fixed tagger output, to drive apply_model_tags through a 'new model version'."""

    def __init__(self, labels):
        self.labels = labels
        self.scores = {lb: 0.9 for lb in labels}
        self.evidence = {lb: [] for lb in labels}


def history(db, response):
    return [
        (c.label, c.action, c.source)
        for c in db.session.scalars(
            db.select(ResponseTagChange).filter_by(response_id=response.id).order_by(ResponseTagChange.id)
        )
    ]


def test_model_tags_are_recorded_in_the_history(create_response, db):
    r = create_response("Speeding vans through the village every morning, someone will be killed")
    assert "road_safety" in r.labels
    assert ("road_safety", "added", "model") in history(db, r)
    assert r.model_labels == r.labels


def test_analyst_removal_and_addition_survive_a_retag(create_response, db, dummy_analyst):
    r = create_response("Speeding vans through the village every morning")
    apply_tag_correction(r, add=["police_visibility_response"], remove=["road_safety"], actor=dummy_analyst)
    db.session.commit()
    assert "road_safety" not in r.labels and "police_visibility_response" in r.labels
    apply_model_tags(r, FakeResult(["road_safety", "asb"]), "v-next")
    db.session.commit()
    assert set(r.labels) == {"police_visibility_response", "asb"}
    tags = {t.label: t for t in r.tags}
    assert tags["police_visibility_response"].source == "human"
    assert ("road_safety", "removed", "human") in history(db, r)
    assert ("asb", "added", "model") in history(db, r)


def test_corrections_refuse_unknown_or_contradictory_labels(create_response, dummy_analyst):
    r = create_response()
    with pytest.raises(ValidationFailed, match="Unknown"):
        apply_tag_correction(r, add=["knitting"], remove=[], actor=dummy_analyst)
    with pytest.raises(ValidationFailed, match="both"):
        apply_tag_correction(r, add=["asb"], remove=["asb"], actor=dummy_analyst)


def test_agreement_compares_model_labels_with_analysts(create_response, db, dummy_analyst):
    r = create_response("Speeding vans through the village every morning")
    apply_tag_correction(r, add=["asb"], remove=[], actor=dummy_analyst)
    db.session.commit()
    result = agreement_by_model_version()[r.tagged_model_version]
    rows = {row["label"]: row for row in result["labels"]}
    assert rows["asb"]["fn"] == 1 and rows["asb"]["recall"] == 0.0
    assert rows["road_safety"]["tp"] == 1


def test_retag_is_resumable_and_skips_the_current_version(create_response, db):
    rs = [create_response(f"Drug dealing from the flats on Radford Road, number {i}") for i in range(5)]
    for r in rs[:3]:
        r.tagged_model_version = "old-model"
    db.session.commit()
    assert retag_responses(batch_size=2) == 3
    assert retag_responses(batch_size=2) == 0
    assert all(db.session.get(Response, r.id).tagged_model_version != "old-model" for r in rs)


def test_retag_and_export_corrections_commands(runner, create_response, db, dummy_analyst, tmp_path):
    r = create_response("Lads on scramblers ripping up the fields by the river")
    r.tagged_model_version = "old"
    apply_tag_correction(r, add=["rural_crime"], remove=[], actor=dummy_analyst)
    db.session.commit()
    result = runner.invoke(args=["nlp", "retag"])
    assert result.exit_code == 0, result.output
    assert "Tagged 1 responses" in result.output
    out = tmp_path / "corrections.jsonl"
    assert runner.invoke(args=["nlp", "export-corrections", str(out)]).exit_code == 0
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert lines == [{"text": r.text, "labels": r.labels}]
    assert "rural_crime" in lines[0]["labels"]


def test_patch_tags_api(client, create_response, dummy_analyst, bearer, db):
    r = create_response("Someone keeps ringing my nan pretending to be her bank")
    headers = bearer(dummy_analyst)
    resp = client.patch(f"/api/v1/responses/{r.id}/tags", json={"add": ["victim_support"]}, headers=headers)
    assert resp.status_code == 200, resp.get_json()
    body = resp.get_json()
    assert "victim_support" in body["labels"]
    assert {"label": "victim_support", "action": "added", "source": "human"}.items() <= body["history"][-1].items()
    assert body["history"][-1]["actor"] == dummy_analyst.email
    bad = client.patch(f"/api/v1/responses/{r.id}/tags", json={"add": ["nonsense"]}, headers=headers)
    assert bad.status_code == 422 and "add" in bad.get_json()["errors"]
    assert client.patch("/api/v1/responses/999999/tags", json={"add": ["asb"]}, headers=headers).status_code == 404
    assert client.patch(f"/api/v1/responses/{r.id}/tags", data="add=asb", headers=headers).status_code == 400


def test_tag_api_tags_without_storing(client, dummy_officer, bearer, db):
    resp = client.post(
        "/api/v1/tag", json={"text": "Hare coursing on the fields near Southwell again"}, headers=bearer(dummy_officer)
    )
    body = resp.get_json()
    assert resp.status_code == 200
    assert "rural_crime" in body["labels"]
    assert body["evidence"]["rural_crime"][0]["text"].lower().startswith("hare")
    assert db.session.scalar(db.select(db.func.count(Response.id))) == 0
    assert client.post("/api/v1/tag", json={"text": "x" * 10_001}, headers=bearer(dummy_officer)).status_code == 422


def test_tagger_page_highlights_evidence_safely(client, dummy_analyst, sign_in):
    sign_in(dummy_analyst)
    html = client.post("/staff/tagger", data={"text": "<script>alert(1)</script> fly tipping in the lane"}).get_data(
        as_text=True
    )
    assert "&lt;script&gt;" in html and "<script>alert" not in html
    assert '<mark class="engage-evidence"' in html
    assert "Rural crime" in html or "rural" in html.lower()
