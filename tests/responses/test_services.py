import pytest

from engage.errors import ValidationFailed
from engage.responses.models import Response, ResponseTag, TagSource
from engage.responses.services import create_response
from engage.responses.tagging import apply_model_tags


def test_response_is_stored_with_consent_privacy_version_and_tags(app, db):
    r = create_response("direct", "  Someone broke into three sheds on our allotments and took the tools  ",
                        district="Gedling", postcode="ng5 6lu", consent_to_quote=True)
    db.session.commit()
    stored = db.session.get(Response, r.id)
    assert stored.text.startswith("Someone broke into")
    assert stored.district == "gedling"
    assert stored.postcode_district == "NG5"
    assert stored.consent_to_quote is True
    assert stored.privacy_notice_version == app.config["PRIVACY_NOTICE_VERSION"]
    assert stored.tagged_model_version
    assert stored.labels, "every stored response is tagged"
    assert len(stored.reference) == 9


@pytest.mark.parametrize("text, message", [
    ("", "Enter your views"), ("   \n\t ", "Enter your views"), ("x" * 10_001, "10,000 characters"),
    (None, "as text"), (42, "as text")])
def test_bad_text_is_refused_with_a_clear_message(db, text, message):
    with pytest.raises(ValidationFailed, match=message):
        create_response("direct", text)


def test_text_of_exactly_the_limit_is_accepted(db):
    assert len(create_response("survey", "a" * 10_000).text) == 10_000


def test_control_characters_are_removed_but_lines_kept(db):
    r = create_response("direct", "line one\x00\x07\nline two")
    assert r.text == "line one\nline two"


def test_unknown_channel_and_district_are_refused(db):
    with pytest.raises(ValidationFailed, match="Channel"):
        create_response("fax", "hello")
    with pytest.raises(ValidationFailed, match="district"):
        create_response("direct", "hello", district="Derbyshire Dales")


def test_human_label_survives_a_retag(db):
    r = create_response("direct", "Speeding cars outside the school every morning")
    r.tags.append(ResponseTag(label="youth_prevention", source=TagSource.human))
    db.session.commit()

    class Result:
        labels = ["road_safety", "youth_prevention"]
        scores = {"road_safety": 0.9, "youth_prevention": 0.7}
        evidence = {"road_safety": [{"start": 0, "end": 8, "text": "Speeding"}]}

    apply_model_tags(r, Result(), "test-model")
    db.session.commit()
    tags = {t.label: t for t in db.session.get(Response, r.id).tags}
    assert tags["youth_prevention"].source == "human"
    assert tags["road_safety"].source == "model"
    assert tags["road_safety"].model_version == "test-model"
    assert tags["road_safety"].evidence[0]["text"] == "Speeding"
