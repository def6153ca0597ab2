"""Bag-of-words text classifier over lower-case lemmas plus the rule evidence.

spaCy's TextCatBOW hashes ``ORTH`` n-grams, so "Speeding", "speeding" and "speeds" are
three unrelated features. Residents' writing is short and varied, so this variant hashes
lemma n-grams (see ``nlp.lemmatizer``), counts each feature once (a long rambling text
should not outvote a short one by repetition), and adds one feature per label the rules
found, and one per label they found only negated: the classifier then learns how far to
trust each label's rules, and the rules carry slang the training data never showed it.
With ``rule_pairs`` the dense part also reads one input per pair of labels the rules found
together and one for how many they found (1, 2, 3, 4 or more): how far one label's rule is
trusted then depends on the company it keeps (a theft beside rural words is rural crime rather
than neighbourhood crime), which one weight per label cannot say. They are dense inputs, not
hashed keys: in the hashed table these rarer features shared slots with n-grams and their gain
(out of fold on the residents' training files) was lost.

``engage.TextCatLemmaBOWVectors.v1`` (the one ``config.cfg`` uses) adds the text's static
vector (``nlp.doc_vectors``); ``engage.TextCatLemmaBOW.v1`` stays registered so models
trained before it still load.
"""

from __future__ import annotations

from functools import lru_cache, partial
from itertools import combinations

from spacy.attrs import LEMMA, LOWER
from spacy.ml.models.textcat import NEG_VALUE, resize_and_set_ref
from spacy.strings import hash_string
from spacy.tokens import Doc
from spacy.util import registry
from thinc.api import Linear, Logistic, Model, SparseLinear_v2, add, chain, concatenate, resizable, with_cpu
from thinc.layers.resizable import resize_linear_weighted
from thinc.types import Floats2d

from nlp.doc_vectors import doc_vectors
from nlp.taxonomy import TOPIC_LABELS

ATTRS = {"LEMMA": LEMMA, "LOWER": LOWER}


@registry.architectures("engage.TextCatLemmaBOW.v1")
def build_lemma_bow(
    ngram_size: int = 2,
    length: int = 262144,
    attr: str = "LEMMA",
    rule_features: bool = True,
    nO: int | None = None,
) -> Model[list[Doc], Floats2d]:
    """Multi-label logistic regression on hashed lemma n-grams and rule-evidence features."""
    features, sparse_linear = _bag_of_words(ngram_size, length, attr, rule_features, nO)
    resizable_layer = resizable(
        sparse_linear,
        resize_layer=partial(resize_linear_weighted, fill_defaults={"b": NEG_VALUE, "W": 0}),
    )
    model = chain(with_cpu(chain(features, resizable_layer), resizable_layer.ops), Logistic())
    resize = partial(resize_and_set_ref, resizable_layer=resizable_layer)
    return _finish(model, features, sparse_linear, nO, resize)


@registry.architectures("engage.TextCatLemmaBOWVectors.v1")
def build_lemma_bow_vectors(
    ngram_size: int = 1,
    length: int = 65536,
    attr: str = "LEMMA",
    rule_features: bool = True,
    nO: int | None = None,
    pooling: str = "mean",
    rule_pairs: bool = False,
) -> Model[list[Doc], Floats2d]:
    """The bag of words above plus a linear layer over the text's static vector
    (``pooling``: see ``nlp.doc_vectors``).

    The bag of words knows which words mattered in training; the vector carries what a word
    means, so "machetes", "petrol bomb" or "he tracks my phone" count even when training
    never used those words. Both are fitted together by ``nlp.fit``.
    """
    features, sparse_linear = _bag_of_words(ngram_size, length, attr, rule_features, nO)
    vectors = doc_vectors(pooling)
    dense_linear = Linear(nO=nO)
    bag_of_words = with_cpu(chain(features, sparse_linear), sparse_linear.ops)
    pairs = rule_pair_inputs() if rule_pairs else None
    dense_inputs = concatenate(vectors, pairs) if pairs else vectors
    model = chain(add(bag_of_words, chain(dense_inputs, dense_linear)), Logistic())
    model.set_ref("doc_vectors", vectors)
    model.set_ref("vectors_layer", dense_linear)
    if pairs:
        model.set_ref("rule_pairs", pairs)
    return _finish(model, features, sparse_linear, nO, _resize_before_initialize)


def _bag_of_words(ngram_size: int, length: int, attr: str, rule_features: bool, nO: int | None):
    """The feature layer and the hashed sparse linear layer over it (length a power of two)."""
    sparse_linear = SparseLinear_v2(nO=nO, length=2 ** (length - 1).bit_length())
    return lemma_features(ngram_size, ATTRS[attr], rule_features), sparse_linear


def _finish(model: Model, features: Model, sparse_linear: Model, nO: int | None, resize) -> Model:
    """The refs and attrs spaCy's textcat and ``nlp.fit`` look for."""
    if nO is not None:
        model.set_dim("nO", nO)
    model.set_ref("output_layer", sparse_linear)
    model.set_ref("features", features)
    model.attrs["multi_label"] = True
    model.attrs["resize_output"] = resize
    return model


def _resize_before_initialize(model: Model, new_nO: int) -> Model:
    """Labels are added before training only (``nlp.train``); a trained model keeps its labels."""
    if model.has_dim("nO") and model.get_dim("nO") not in (None, new_nO):
        raise ValueError("the priority classifier's labels are fixed once it is trained")
    return model


def lemma_features(ngram_size: int, attr: int, rule_features: bool) -> Model:
    model: Model = Model("engage_lemma_features", _features_forward)
    model.attrs.update(ngram_size=ngram_size, attr=attr, rule_features=rule_features)
    return model


def _features_forward(model: Model, docs: list[Doc], is_train: bool):
    ops, xp = model.ops, model.ops.xp
    batch_keys, lengths = [], []
    for doc in docs:
        unigrams = ops.asarray(doc.to_array(model.attrs["attr"]), dtype="uint64")
        grams = [unigrams]
        for n in range(2, model.attrs["ngram_size"] + 1):
            if len(unigrams) >= n:
                grams.append(ops.ngrams(n, unigrams))
        if model.attrs["rule_features"]:
            grams.append(xp.asarray(_rule_keys(doc), dtype="uint64"))
        keys = xp.unique(xp.concatenate(grams))
        batch_keys.append(keys)
        lengths.append(keys.shape[0])
    keys = xp.concatenate(batch_keys) if batch_keys else xp.zeros((0,), dtype="uint64")
    vals = xp.ones(keys.shape, dtype="f")
    return (keys, vals, ops.asarray(lengths, dtype="int32")), lambda d_output: []


def _rule_keys(doc: Doc) -> list[int]:
    ext = doc._
    evidence = getattr(ext, "priority_evidence", None) or {}
    negated = getattr(ext, "priority_negated", None) or {}
    keys = [_key("rule", label) for label in evidence]
    keys += [_key("negated", label) for label in negated if label not in evidence]
    return keys


@lru_cache(maxsize=256)
def _key(kind: str, label: str) -> int:
    return hash_string(f"engage.{kind}:{label}")


_PAIRS = {pair: i for i, pair in enumerate(combinations(TOPIC_LABELS, 2))}
MAX_COUNT = 4
RULE_PAIR_WIDTH = len(_PAIRS) + MAX_COUNT


def rule_pair_inputs() -> Model[list[Doc], Floats2d]:
    """0/1 per pair of labels the rules found together, then one-hot how many (1..4+)."""
    return Model("engage_rule_pairs", _rule_pairs_forward, dims={"nO": RULE_PAIR_WIDTH})


def _rule_pairs_forward(model: Model, docs: list[Doc], is_train: bool):
    out = model.ops.alloc2f(len(docs), RULE_PAIR_WIDTH)
    for row, doc in enumerate(docs):
        evidence = getattr(doc._, "priority_evidence", None) or {}
        found = [label for label in TOPIC_LABELS if label in evidence]
        for pair in combinations(found, 2):
            out[row, _PAIRS[pair]] = 1.0
        if found:
            out[row, len(_PAIRS) + min(len(found), MAX_COUNT) - 1] = 1.0
    return out, lambda d_output: []
