"""The safeguarding rules are data: read from safeguard_rules.toml by a registered function."""

from spacy.util import registry

from nlp.safeguard_rules import RULES_PATH, match


def test_rules_come_from_the_data_file_through_the_registry(tmp_path):
    rules = registry.misc.get("engage.safeguarding_rules.v1")()
    assert len(rules.rules) > 50 and "self_harm" in set(rules.terms.values())
    # An edited copy of the file changes what the loader returns: the table lives in the data.
    extra = "[[rules]]\ncategory = \"danger\"\npattern = '\\bzebra crossing\\b'\nnegatable = false\n\n"
    edited = RULES_PATH.read_text(encoding="utf-8").replace("[[rules]]", extra + "[[rules]]", 1)
    path = tmp_path / "rules.toml"
    path.write_text(edited, encoding="utf-8")
    custom = registry.misc.get("engage.safeguarding_rules.v1")(str(path))
    assert len(custom.rules) == len(rules.rules) + 1
    assert custom.rules[0][1].search("the zebra crossing")


def test_fragments_are_expanded_in_patterns():
    rules = registry.misc.get("engage.safeguarding_rules.v1")()
    assert not any("<KIN>" in rx.pattern or "<TARGET>" in rx.pattern for _, rx, *_ in rules.rules)
    assert [e.text for e in match("My stepdad hits my little sister.")] == ["hits my little sister"]
