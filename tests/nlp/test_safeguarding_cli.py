"""``python -m nlp safeguard IN.jsonl OUT.jsonl``, run for real in a subprocess."""

import json


def test_safeguard_writes_flag_categories_and_evidence_per_line(cli, jsonl, tmp_path):
    rows = [
        {"id": 1, "text": "the street lights on our road are out. i wont be here by christmas anyway, its all sorted"},
        {"id": "b", "text": "Please fix the potholes on Derby Road."},
        {"id": 3, "text": ""},
        {"id": 4, "text": "😀😀😀 🚓🚓"},
        {"id": 5, "text": "bins again " * 20_000},
    ]
    out = tmp_path / "out.jsonl"
    result = cli("safeguard", jsonl(tmp_path / "in.jsonl", rows), out)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert [line["id"] for line in lines] == [1, "b", 3, 4, 5]
    assert all(set(line) == {"id", "flag", "categories", "evidence"} for line in lines)
    first = lines[0]
    assert first["flag"] and "self_harm" in first["categories"]
    evidence = first["evidence"][0]
    assert rows[0]["text"][evidence["start"] : evidence["end"]] == evidence["text"]
    assert "christmas" in " ".join(e["text"] for e in first["evidence"])
    assert [line["flag"] for line in lines[1:]] == [False, False, False, False]
    assert "1 of 5 flagged" in result.stderr


def test_a_bad_line_stops_the_run_and_writes_nothing(cli, tmp_path):
    path = tmp_path / "in.jsonl"
    path.write_text('{"id": 1, "text": "fine"}\n{"id": 2}\n', encoding="utf-8")
    result = cli("safeguard", path, tmp_path / "out.jsonl")
    assert result.returncode == 1
    assert f"{path}:2:" in result.stderr and 'missing key "text"' in result.stderr
    assert not (tmp_path / "out.jsonl").exists()


def test_a_text_the_detector_cannot_read_is_flagged_for_an_officer(monkeypatch):
    import nlp.safeguarding
    from nlp.safeguard_cli import screen

    def broken(text):
        raise RuntimeError("boom")

    monkeypatch.setattr(nlp.safeguarding, "assess", broken)
    assert screen("anything") == {"flag": True, "categories": ["detector_error"], "evidence": []}
