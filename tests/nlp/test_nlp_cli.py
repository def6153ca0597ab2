import json

import pytest

from nlp import LABELS

GOOD_TEXT = '{"id": 1, "text": "speeding"}\n'
GOOD_GOLD = '{"text": "speeding", "labels": ["road_safety"]}\n'


@pytest.mark.parametrize(
    "command, good, bad, problem",
    [
        ("tag", GOOD_TEXT, '{"id": 3, "text": "unterminated\n', "invalid JSON"),
        ("tag", GOOD_TEXT, '{"id": 3}\n', 'missing key "text"'),
        ("tag", GOOD_TEXT, '{"id": [3], "text": "x"}\n', '"id" must be'),
        ("evaluate", GOOD_GOLD, '{"text": 5, "labels": []}\n', '"text" must be a string'),
        ("evaluate", GOOD_GOLD, '{"text": "x", "labels": ["burglary"]}\n', "unknown label"),
        ("train", GOOD_GOLD, '["text", "labels"]\n', "expected a JSON object"),
    ],
)
def test_malformed_line_is_an_error_naming_file_and_line(cli, tmp_path, command, good, bad, problem):
    path = tmp_path / "data.jsonl"
    path.write_text(good + "\n" + bad + good, encoding="utf-8")  # blank line 2, bad line 3
    args = {
        "tag": [path, tmp_path / "out.jsonl"],
        "evaluate": [path],
        "train": ["--train", path, "--dev", path, "--output", tmp_path / "m"],
    }[command]
    result = cli(command, *args)
    assert result.returncode != 0
    assert f"{path}:3:" in result.stderr and problem in result.stderr
    assert not (tmp_path / "out.jsonl").exists() and not (tmp_path / "m").exists()


def test_train_saves_a_versioned_pipeline_with_tuned_thresholds(trained_model):
    meta = json.loads((trained_model / "meta.json").read_text())
    assert meta["engage"]["version"].startswith("priority-")
    scorer = json.loads((trained_model / "engage_priority_tagger" / "scorer.json").read_text())
    assert set(scorer["thresholds"]) == set(LABELS) - {"other"}


def test_tag_writes_one_line_per_input_in_order(cli, jsonl, tmp_path, trained_model):
    rows = [
        {"id": "a", "text": "cars speeding past the school"},
        {"id": 7, "text": ""},
        {"id": "c", "text": "dealing by the school"},
    ]
    out = tmp_path / "out.jsonl"
    result = cli("tag", jsonl(tmp_path / "in.jsonl", rows), out, "--model", trained_model)
    assert result.returncode == 0, result.stderr
    lines = [json.loads(line) for line in out.read_text().splitlines()]
    assert [line["id"] for line in lines] == ["a", 7, "c"]
    assert lines[1]["labels"] == [] and "road_safety" in lines[0]["labels"]
    assert all(set(line["scores"]) == set(LABELS) for line in lines)


def test_evaluate_prints_precision_recall_f1(cli, tiny_data, trained_model):
    result = cli("evaluate", tiny_data[1], "--model", trained_model)
    assert result.returncode == 0, result.stderr
    micro = float(result.stdout.split("micro F1")[1].split()[0])
    assert 0.5 < micro <= 1.0
    assert "road_safety" in result.stdout and "macro F1" in result.stdout


def test_training_is_deterministic(cli, tmp_path, tiny_data, trained_model):
    again = tmp_path / "again"
    result = cli("train", "--train", tiny_data[0], "--dev", tiny_data[1], "--output", again)
    assert result.returncode == 0, result.stderr
    assert "micro F1" in result.stdout and "vawg" in result.stdout
    for part in ("textcat_multilabel/model", "engage_priority_tagger/scorer.json"):
        assert (again / part).read_bytes() == (trained_model / part).read_bytes()


def test_train_extra_files_are_validated_too(cli, tmp_path, tiny_data):
    extra = tmp_path / "corrections.jsonl"
    extra.write_text('{"text": "x", "labels": ["asb"]}\n{"text": "y"}\n', encoding="utf-8")
    result = cli(
        "train",
        "--train",
        tiny_data[0],
        "--extra",
        extra,
        "--dev",
        tiny_data[1],
        "--output",
        tmp_path / "m",
    )
    assert result.returncode != 0 and f"{extra}:2:" in result.stderr


def test_a_command_run_beside_training_reports_after_it_and_fails_it_when_it_fails(capsys, tmp_path):
    """``python -m nlp train`` builds the safeguarding classifier in a second process: its
    output follows the tagger's, not interleaved, and its failure fails the training."""
    from nlp.cli import beside

    missing = tmp_path / "missing.jsonl"
    with pytest.raises(ValueError, match="exit code 1"), beside("evaluate", str(missing)):
        print("tagger saved")
    out = capsys.readouterr().out
    assert out.index("tagger saved") < out.index(f"error: {missing}")

    with beside("evaluate", "--help"):
        print("tagger saved")
    out = capsys.readouterr().out
    assert out.index("tagger saved") < out.index("usage: python -m nlp evaluate")
