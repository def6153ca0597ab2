"""The classifier's dense rule-pair inputs (``rule_pairs``): one per pair of labels the
rules found together, then how many labels they found."""

from nlp.architectures import _PAIRS, RULE_PAIR_WIDTH, build_lemma_bow_vectors, rule_pair_inputs

BOTH = "After another drunken attack at home, the domestic abuse got worse."


def inputs(nlp, text):
    doc = nlp(text)
    return set(doc._.priority_evidence), rule_pair_inputs().predict([doc])[0]


def test_labels_found_together_light_their_pair_and_the_count(rules_nlp):
    found, row = inputs(rules_nlp, BOTH)
    assert {"asb", "vawg"} <= found
    assert row[_PAIRS[("vawg", "asb")]] == 1.0
    assert row[len(_PAIRS) + min(len(found), 4) - 1] == 1.0
    assert row.sum() == len(found) * (len(found) - 1) / 2 + 1


def test_one_label_alone_lights_only_the_count(rules_nlp):
    found, row = inputs(rules_nlp, "Drunken idiots shouting outside every night.")
    assert found == {"asb"}
    assert row[: len(_PAIRS)].sum() == 0 and row[len(_PAIRS)] == 1.0


def test_no_rule_hit_gives_zeros(rules_nlp):
    _, row = inputs(rules_nlp, "The consultation leaflet came a week late.")
    assert row.shape == (RULE_PAIR_WIDTH,) and not row.any()


def test_models_trained_without_pairs_are_built_as_before():
    """Older models' configs lack ``rule_pairs``: their dense layer reads the vectors alone."""
    assert not build_lemma_bow_vectors(ngram_size=2, length=1024, nO=2).has_ref("rule_pairs")
    assert build_lemma_bow_vectors(ngram_size=2, length=1024, nO=2, rule_pairs=True).has_ref("rule_pairs")


def test_a_trained_model_reads_the_pairs_and_tags_after_reloading(trained_model):
    from nlp.tagger import load_tagger

    tagger = load_tagger(trained_model)
    textcat = tagger.nlp.get_pipe("textcat_multilabel")
    assert textcat.model.get_ref("vectors_layer").get_dim("nI") == 384 + RULE_PAIR_WIDTH
    assert tagger.tag(BOTH).labels
