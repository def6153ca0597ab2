import pytest
import spacy

from nlp.negation import is_negated


def evidence(nlp, text):
    doc = nlp(text)
    return doc._.priority_evidence, doc._.priority_negated


def rules_with(patterns):
    """A lemmatizing pipeline whose rules hold only `patterns`: (nlp, the rules component)."""
    nlp = spacy.blank("en")
    nlp.add_pipe("engage_lemmatizer")
    rules = nlp.add_pipe("engage_priority_rules")
    nlp.initialize()
    rules.set_patterns(patterns)
    return nlp, rules


def test_evidence_offsets_point_at_the_matched_characters(rules_nlp):
    text = "Honestly the speeding on Main Street is awful and there's fly-tipping by the church."
    found, _ = evidence(rules_nlp, text)
    speeding = found["road_safety"][0]
    assert (speeding["start"], speeding["end"]) == (
        text.index("speeding"),
        text.index("speeding") + 8,
    )
    for hits in found.values():
        for hit in hits:
            assert text[hit["start"] : hit["end"]] == hit["text"]
    assert any(hit["text"] == "fly-tipping" for hit in found["rural_crime"])


@pytest.mark.parametrize(
    "text, label",
    [
        ("Kids twoccing cars off the estate every weekend", "neighbourhood_crime"),
        ("boy racers up and down all night", "road_safety"),
        ("nitrous canisters all over the rec", "drugs"),
        ("county lines lot have moved into the flats", "drugs"),
        ("flytipping down the lane again", "rural_crime"),
        ("The fly-tippers broke my gate to get in.", "rural_crime"),
        ("This is a blight on the countryside.", "rural_crime"),
        ("So much ASB on our road", "asb"),
        ("my nan got scammed by a man on the phone", "fraud_cyber"),
        ("my mate got spiked in town", "vawg"),
        ("rang 101 and gave up", "police_visibility_response"),
        ("we havent seen our PCSO for months", "police_visibility_response"),
        ("Burglaries are up again", "neighbourhood_crime"),  # capitalised inflection, via lemma
        ("three stabbings in two weeks", "serious_violence"),
    ],
)
def test_slang_misspellings_and_inflections(rules_nlp, text, label):
    found, _ = evidence(rules_nlp, text)
    assert label in found, found


def test_inflected_terms_do_not_over_match_through_their_lemma(rules_nlp):
    found, _ = evidence(rules_nlp, "He got glassed outside the pub")
    assert "serious_violence" in found
    found, _ = evidence(rules_nlp, "I need new glasses")
    assert "serious_violence" not in found


def test_one_message_about_several_areas_gets_evidence_for_each(rules_nlp):
    found, negated = evidence(
        rules_nlp,
        "No problems with burglary here, but the boy racers on the A60 are mental and my "
        "neighbour's lad got shanked near the tram stop. Police never came.",
    )
    assert set(found) == {"road_safety", "serious_violence", "police_visibility_response"}
    assert set(negated) == {"neighbourhood_crime"}


def test_negated_rule_hit_gives_no_evidence(rules_nlp):
    found, negated = evidence(rules_nlp, "No problems with burglary here, but speeding is awful.")
    assert "neighbourhood_crime" not in found
    assert [h["text"] for h in negated["neighbourhood_crime"]] == ["burglary"]
    assert "road_safety" in found


@pytest.mark.parametrize(
    "text",
    [
        "We've never had any burglaries on this street",
        "Burglary isn't an issue round here",
        "drugs are not a problem in our village",
        "Not a knife crime thing at all, the lad fell off his bike",
        "we dont get speeding here",
        "Nothing to do with drugs, it's the parking",
        "Youth clubs aren't the problem round here",
        "Burglary is fine round here",
        "speeding has got a lot better since the cameras",
        "not much in the way of burglary out here",
    ],
)
def test_negations(rules_nlp, text):
    found, negated = evidence(rules_nlp, text)
    assert negated and not (set(negated) & set(found)), (found, negated)


@pytest.mark.parametrize(
    "text, label",
    [
        ("nobody does anything about the speeding", "road_safety"),
        ("not enough is done about drugs", "drugs"),
        ("no one cares about the burglaries", "neighbourhood_crime"),
        ("not only burglary but car crime too", "neighbourhood_crime"),
        ("we never see a police officer", "police_visibility_response"),
        ("there is no youth club any more", "youth_prevention"),
        ("speeding is not fine, it is getting worse", "road_safety"),
        ("burglary is worse than ever", "neighbourhood_crime"),
        ("the PCSOs are fine but we never see them", "police_visibility_response"),
    ],
)
def test_complaints_that_contain_no_or_never_are_not_negations(rules_nlp, text, label):
    found, _ = evidence(rules_nlp, text)
    assert label in found


def test_is_negated_reads_one_clause_only():
    nlp = spacy.blank("en")
    doc = nlp("no burglary, but speeding")
    assert is_negated(doc, 1, 2)
    assert not is_negated(doc, 4, 5)


def test_rules_work_without_a_lemmatizer():
    nlp = spacy.blank("en")
    nlp.add_pipe("engage_priority_rules")
    nlp.initialize()
    doc = nlp("Speeding and burglary. My ex hit me.")  # LEMMA patterns are skipped, not fatal
    assert {"road_safety", "neighbourhood_crime"} <= set(doc._.priority_evidence)


def test_rules_survive_serialisation(rules_nlp, tmp_path):
    text = "drug dealing and speeding, no burglary though"
    rules_nlp.to_disk(tmp_path / "pipeline")
    assert evidence(spacy.load(tmp_path / "pipeline"), text) == evidence(rules_nlp, text)
    copy = spacy.blank("en")
    copy.add_pipe("engage_lemmatizer")
    copy.add_pipe("engage_priority_rules")
    copy.from_bytes(rules_nlp.to_bytes())
    assert evidence(copy, text) == evidence(rules_nlp, text)
    assert copy.get_pipe("engage_priority_rules").labels[0] == "serious_violence"


def test_negation_carries_over_or(rules_nlp):
    found, negated = evidence(rules_nlp, "Never had burglary or car crime here, but the speeding!")
    assert "neighbourhood_crime" in negated and "neighbourhood_crime" not in found
    assert "road_safety" in found


def test_token_patterns_from_the_taxonomy_are_supported():
    nlp, _ = rules_with(
        [
            {"label": "road_safety", "pattern": [{"LIKE_NUM": True}, {"LOWER": "mph"}]},
            {"label": "vawg", "pattern": [{"LOWER": "he"}, {"LEMMA": "hit"}, {"LOWER": "me"}]},
        ]
    )
    found, _ = evidence(nlp, "Cars doing 50 mph. He hits me.")
    assert [h["text"] for h in found["road_safety"]] == ["50 mph"]
    assert [h["text"] for h in found["vawg"]] == ["He hits me"]


@pytest.mark.parametrize(
    "text, wrong",
    [
        ("Hare coursers drove straight across our oilseed rape again.", "vawg"),
        ("There has been a spike in burglaries on our street.", "vawg"),
        ("Car crime has spiked since the station closed.", "vawg"),
        ("Car crime has spiked", "vawg"),
        ("They took the diesel and the domestic heating oil from the farm.", "vawg"),
        ("Domestic burglaries are up on the estate.", "vawg"),
        ("After the domestic abuse started I spent weeks begging her to leave him.", "asb"),
        ("When I came out of prison nobody helped me find a flat.", "police_visibility_response"),
        ("When he came out of jail he went straight back to the same lads.", "police_visibility_response"),
        ("The scammer gained my trust over months, then came the money requests.", "trust_confidence"),
    ],
)
def test_a_term_inside_a_not_term_is_not_evidence(rules_nlp, text, wrong):
    found, negated = evidence(rules_nlp, text)
    assert wrong not in found and wrong not in negated
    assert found  # the text's real area is still found


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("My drink was spiked in town.", "vawg"),
        ("Someone has spiked my drink", "vawg"),
        ("My drink has been spiked", "vawg"),
        ("He tried to rape me.", "vawg"),
        ("It was a domestic, they were screaming.", "vawg"),
        ("We rang 999 and the police came out within the hour.", "police_visibility_response"),
        ("An officer came out the next day and took a statement.", "police_visibility_response"),
        ("The police will have to win back our trust after this.", "trust_confidence"),
        ("I don't trust the police to deal with it any more.", "trust_confidence"),
    ],
)
def test_not_terms_leave_the_real_meaning_alone(rules_nlp, text, label):
    found, _ = evidence(rules_nlp, text)
    assert label in found


def test_begging_in_the_street_is_still_antisocial_behaviour(rules_nlp):
    found, _ = evidence(rules_nlp, "Aggressive begging outside the Co-op every morning.")
    assert "asb" in found


def test_not_terms_mask_only_their_own_label_and_survive_serialisation(tmp_path):
    nlp, rules = rules_with(
        [
            {"label": "vawg", "pattern": "rape"},
            {"label": "rural_crime", "pattern": "oilseed rape"},
            {"label": "vawg", "pattern": "oilseed rape", "mask": True},
        ]
    )
    assert rules.labels == ("vawg", "rural_crime")
    text = "Lads drove over the oilseed rape. He said he would rape me."
    found, _ = evidence(nlp, text)
    assert [h["text"] for h in found["vawg"]] == ["rape"] and found["vawg"][0]["start"] > 30
    assert [h["text"] for h in found["rural_crime"]] == ["oilseed rape"]
    nlp.to_disk(tmp_path / "pipeline")
    assert evidence(spacy.load(tmp_path / "pipeline"), text) == (found, {})


def test_token_patterns_match_whatever_words_they_require_and_only_then():
    # The Matcher is skipped on texts that lack a word a token pattern cannot match without;
    # optional, negated and non-literal tokens must not be taken as required.
    nlp, rules = rules_with(
        [
            {"label": "road_safety", "pattern": [{"LOWER": {"IN": ["boy", "girl"]}}, {"LOWER": "racers"}]},
            {"label": "asb", "pattern": [{"LOWER": "kids", "OP": "?"}, {"LOWER": "shouting"}]},
            {"label": "vawg", "pattern": [{"LOWER": {"NOT_IN": ["the"]}}, {"LOWER": "catcalled"}]},
        ]
    )
    found, _ = evidence(nlp, "Girl racers at night, shouting in the street. I got catcalled.")
    assert [h["text"] for h in found["road_safety"]] == ["Girl racers"]
    assert [h["text"] for h in found["asb"]] == ["shouting"]
    assert [h["text"] for h in found["vawg"]] == ["got catcalled"]
    found, _ = evidence(nlp, "Racing boys and kids, but nobody catcalled.")
    assert set(found) == {"vawg"}
    rules.set_patterns([{"label": "road_safety", "pattern": [{"LIKE_NUM": True}, {"LOWER": {"REGEX": "^mph$"}}]}])
    assert [h["text"] for h in evidence(nlp, "doing 50 mph")[0]["road_safety"]] == ["50 mph"]
