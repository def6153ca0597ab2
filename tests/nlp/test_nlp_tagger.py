import pytest

from nlp import LABELS, TagResult, get_tagger
from nlp.tagger import MODEL_PATH_ENV, clean, load_tagger


@pytest.fixture
def rules_only(monkeypatch, tmp_path):
    monkeypatch.setenv(MODEL_PATH_ENV, str(tmp_path / "no-model-here"))
    get_tagger.cache_clear()
    yield get_tagger()
    get_tagger.cache_clear()


@pytest.fixture(scope="module")
def trained(trained_model):
    return load_tagger(trained_model)


def assert_consistent(result: TagResult, text: str):
    assert set(result.scores) == set(LABELS)
    assert all(0.0 <= s <= 1.0 for s in result.scores.values())
    assert set(result.labels) <= set(LABELS)
    passing = [label for label in LABELS if result.scores[label] >= 0.5]
    if passing:  # everything at or above 0.5 is tagged, and nothing else
        assert passing == sorted(result.labels, key=LABELS.index)
    elif text.strip():  # nothing reached 0.5: the label is the best-scoring one
        (guess,) = result.labels
        assert result.scores[guess] == max(result.scores.values())
    for hits in result.evidence.values():
        for hit in hits:
            assert text[hit["start"] : hit["end"]] == hit["text"]


def test_without_a_model_the_tagger_is_rules_only_and_cached(rules_only):
    assert rules_only.version == "rules-only"
    assert get_tagger() is rules_only
    result = rules_only.tag("Drug dealing outside the school gates")
    assert result.labels == ["drugs"]


def test_trained_tagger_reports_its_version(trained):
    assert trained.version.startswith("priority-")
    assert "road_safety" in trained.tag("cars speeding past the school").labels


RAMBLE = (
    "I have lived here for thirty years and I want to say a few things. " * 80
    + "The speeding on the main road is dangerous. "
    + "Anyway, as I was saying. " * 60
    + "There is drug dealing by the shops most nights. "
    + "Thank you for listening. " * 150
)
ODD_INPUTS = [
    "",
    " ",
    "\n\n",
    "🙂🙂🙂",
    "<p>speeding <b>boy racers</b> &amp; noise</p>",
    "<script>alert('x')</script> drug dealing",
    "Il y a beaucoup de cambriolages ici",
    "Hay mucho tráfico de drogas en mi barrio",
    "كثير من السرقات",
    "\x00\x07speeding\x1b[31m",
    "lone surrogate \ud83d here burglary",
    "\u200bburglary\u200b",
    "a" * 12000,
    RAMBLE,
    "BURGLARY!!!! SPEEDING!!!! DRUGS!!!!",
    "n0 pr0blems",
    "?" * 500,
    "\t".join(["asb"] * 2000),
    " ".join(["the", "speeding", "on", "our", "road"] * 4000),  # 20,000 words
    "Burglary 入室盗窃 на нашей улице, speeding 🚗💨 حوادث every night",
    "🚔🚔🚔😡😡",
    "Wir haben Angst vor Einbrüchen und Drogenhandel",
]


@pytest.mark.parametrize("text", ODD_INPUTS, ids=range(len(ODD_INPUTS)))
def test_odd_input_never_raises_and_stays_consistent(rules_only, trained, text):
    for tagger in (rules_only, trained):
        result = tagger.tag(text)
        assert_consistent(result, text)
        assert (result.labels == []) == (not text.strip())


def test_long_rambling_text_finds_several_topics(rules_only):
    result = rules_only.tag(RAMBLE)
    assert {"road_safety", "drugs"} <= set(result.labels)
    assert len(RAMBLE) > 10_000


def test_html_and_control_characters_keep_offsets_in_the_original(rules_only):
    text = "<div>\x00Speeding\x07 on <i>Main St</i></div>"
    hit = rules_only.tag(text).evidence["road_safety"][0]
    assert (hit["start"], hit["text"]) == (text.index("Speeding"), "Speeding")
    assert len(clean(text)) == len(text)


def test_none_is_blank_but_other_types_are_an_error(rules_only):
    assert rules_only.tag(None).labels == []
    with pytest.raises(TypeError):
        rules_only.tag(42)


def test_tag_many_matches_tag_in_order(trained):
    texts = ["speeding", "", "dealing on the corner", "bins not emptied", "no burglary here"]
    many = list(trained.tag_many(iter(texts), batch_size=2))
    assert many == [trained.tag(t) for t in texts]
    assert many[1].labels == [] and many[3].labels == ["other"]


@pytest.mark.filterwarnings("ignore:.*fork.*:DeprecationWarning")
def test_worker_processes_give_the_same_results(rules_only):
    texts = [f"speeding and dealing number {i}" if i % 3 else "" for i in range(30)]
    assert list(rules_only.tag_many(texts, batch_size=4, n_process=2)) == [rules_only.tag(t) for t in texts]
