"""Rule evidence for priority areas: lemma- and case-insensitive phrase matches, negation-aware.

Rules give robust recall on slang and misspellings the classifier never saw in training,
and the evidence spans tell an analyst *why* a response was tagged.
"""

from collections.abc import Iterable
from pathlib import Path
from typing import Any

import srsly
from spacy.attrs import LOWER
from spacy.language import Language
from spacy.matcher import Matcher, PhraseMatcher
from spacy.tokens import Doc
from spacy.util import ensure_path

from nlp.lemmatizer import LowercaseLemmatizer
from nlp.negation import Words, continues_negation, is_negated
from nlp.patterns import Pattern

PATTERNS_FILE = "patterns.jsonl"
MASK = "#not"  # matcher key suffix of a label's "not terms" (see nlp.patterns)
MASK_AT_END = "#not$"  # ... of its masks that count only where they end the text


class PriorityRules:
    """Sets ``doc._.priority_evidence`` and ``doc._.priority_negated`` from the taxonomy."""

    def __init__(self, nlp: Language, name: str, *, negation: bool) -> None:
        self.nlp = nlp
        self.name = name
        self.negation = negation
        self.patterns: list[Pattern] = []
        self._build_matchers()

    def initialize(
        self,
        get_examples: Any = None,
        *,
        nlp: Language | None = None,
        patterns: list[dict[str, Any]] | None = None,
    ) -> None:
        """Load patterns (from the config's ``engage.priority_patterns.v1`` by default)."""
        if patterns is None:
            from nlp.patterns import priority_patterns

            patterns = priority_patterns()
        self.set_patterns(patterns)

    def set_patterns(self, patterns: Iterable[Pattern]) -> None:
        self.patterns = [dict(p) for p in patterns]
        self._build_matchers()

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(p["label"] for p in self.patterns if not p.get("mask")))

    def _lemmatizer(self) -> LowercaseLemmatizer | None:
        for _, pipe in self.nlp.pipeline:
            if isinstance(pipe, LowercaseLemmatizer) and pipe.lookups.has_table("lemma_lookup"):
                return pipe
        return None

    def _build_matchers(self) -> None:
        vocab = self.nlp.vocab
        self.lower_matcher = PhraseMatcher(vocab, attr="LOWER")
        self.matcher = Matcher(vocab, validate=True)
        self.lemma_token_matcher = Matcher(vocab, validate=True)
        lemmatizer = self._lemmatizer()
        self.lemma_matcher = PhraseMatcher(vocab, attr="LEMMA") if lemmatizer else None
        self.negatable = {p["label"]: bool(p.get("negatable", True)) for p in self.patterns if not p.get("mask")}
        # matcher key of each label's masks -> the label's own key, so matching compares ints
        strings = vocab.strings
        self.masks = {strings.add(_key(p)): strings.add(p["label"]) for p in self.patterns if p.get("mask")}
        self.masks_at_end = frozenset(strings.add(_key(p)) for p in self.patterns if p.get("at_end"))
        phrases: dict[str, list[Doc]] = {}
        word_patterns: list[list[dict[str, Any]]] = []
        lemma_patterns: list[list[dict[str, Any]]] = []
        for entry in self.patterns:
            label, pattern = _key(entry), entry["pattern"]
            if isinstance(pattern, str):
                phrases.setdefault(label, []).append(self.nlp.make_doc(pattern))
            elif _uses_lemma(pattern):
                self.lemma_token_matcher.add(label, [pattern])
                lemma_patterns.append(pattern)
            else:
                self.matcher.add(label, [pattern])
                word_patterns.append(pattern)
        self.matcher_gate = _gate(word_patterns, strings)
        self.lemma_token_gate = _gate(lemma_patterns, strings)
        for label, docs in phrases.items():
            self.lower_matcher.add(label, docs)
            if lemmatizer and self.lemma_matcher is not None and MASK not in label:
                # Masks match as written ("spike in" must not hide "got spiked in town").
                # A term written in base form ("stab") also matches its inflections
                # ("stabbed", "stabbings"); an inflected term ("glassed") means exactly that
                # form, since its lemma ("glass") would match "glasses".
                base = [d for d in map(lemmatizer, docs) if all(t.lemma_ == t.lower_ for t in d)]
                if base:
                    self.lemma_matcher.add(label, base)

    def __call__(self, doc: Doc) -> Doc:
        evidence: dict[str, list[dict[str, Any]]] = {}
        negated: dict[str, list[dict[str, Any]]] = {}
        matches = self._matches(doc)
        if matches:
            words = Words(doc)
            strings = doc.vocab.strings
            negated_end = -1
            for label_id, start, end in matches:
                label = strings[label_id]
                is_neg = self.negation and (
                    is_negated(words, start, end, absence_is_topic=not self.negatable.get(label, True))
                    or (negated_end >= 0 and continues_negation(words, negated_end, start))
                )
                if is_neg:
                    negated_end = end
                begin, finish = words.char_span(start, end)
                text = doc[start].text if end - start == 1 else doc[start:end].text
                hit = {"start": begin, "end": finish, "text": text}
                (negated if is_neg else evidence).setdefault(label, []).append(hit)
        doc._.priority_evidence = evidence
        doc._.priority_negated = negated
        return doc

    def _matches(self, doc: Doc) -> list[tuple[int, int, int]]:
        """(label id, start, end), longest per overlap within each label, in text order."""
        matches = self.lower_matcher(doc)
        lowers = None  # the text's words, read only when a token matcher has patterns
        if len(self.matcher):
            lowers = set(doc.to_array(LOWER).tolist())
            if _may_match(self.matcher_gate, lowers):
                matches += self.matcher(doc)
        if len(doc) and doc[0].lemma:  # lemmatized (Doc.has_annotation builds every Token)
            if len(self.lemma_token_matcher):
                lowers = set(doc.to_array(LOWER).tolist()) if lowers is None else lowers
                if _may_match(self.lemma_token_gate, lowers):
                    matches += self.lemma_token_matcher(doc)
            if self.lemma_matcher is not None:
                matches += self.lemma_matcher(doc)
        if not matches:
            return []
        if self.masks:
            matches = _unmasked(matches, self.masks, self.masks_at_end, len(doc))
        # Longest first, then keep what does not overlap an already kept match of its label.
        kept: dict[int, list[tuple[int, int]]] = {}
        for label_id, start, end in sorted(set(matches), key=lambda m: (m[1] - m[2], m[1])):
            taken = kept.setdefault(label_id, [])
            if all(end <= s or start >= e for s, e in taken):
                taken.append((start, end))
        return sorted((label_id, s, e) for label_id, spans in kept.items() for s, e in spans)

    def to_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> None:
        path = ensure_path(path)
        path.mkdir(parents=True, exist_ok=True)
        srsly.write_jsonl(path / PATTERNS_FILE, self.patterns)

    def from_disk(self, path: str | Path, *, exclude: Iterable[str] = ()) -> "PriorityRules":
        self.set_patterns(srsly.read_jsonl(ensure_path(path) / PATTERNS_FILE))
        return self

    def to_bytes(self, *, exclude: Iterable[str] = ()) -> bytes:
        return srsly.json_dumps(self.patterns).encode("utf8")

    def from_bytes(self, data: bytes, *, exclude: Iterable[str] = ()) -> "PriorityRules":
        self.set_patterns(srsly.json_loads(data))
        return self


def _unmasked(
    matches: list[tuple[int, int, int]], masks: dict[int, int], at_end: frozenset[int], length: int
) -> list[tuple[int, int, int]]:
    """Matches minus the masks, and minus every match of a label that overlaps one of that
    label's masks ("rape" in "oilseed rape" is not vawg). `masks`: mask key -> label key;
    a mask in `at_end` counts only where it ends the text (`length` tokens)."""
    spans: dict[int, list[tuple[int, int]]] = {}
    for key, start, end in matches:
        if key in masks and (end == length or key not in at_end):
            spans.setdefault(masks[key], []).append((start, end))
    return [
        (key, start, end)
        for key, start, end in matches
        if key not in masks and all(end <= s or start >= e for s, e in spans.get(key, ()))
    ]


def _key(entry: Pattern) -> str:
    """Matcher key of a pattern: its label, or the label's mask key."""
    if not entry.get("mask"):
        return entry["label"]
    return entry["label"] + (MASK_AT_END if entry.get("at_end") else MASK)


def _gate(patterns: list[list[dict[str, Any]]], strings) -> list[list[frozenset[int]]] | None:
    """What a text must hold for a token Matcher to find anything: per pattern, for each of
    its tokens that must be there with a literal lower-case form, the hashes of the words
    allowed. None when some pattern has no such token (the Matcher then reads every text).

    The Matcher builds a Python Token for every token of every text it reads, which made it
    the costliest step of tagging for one pattern ("has spiked") that few texts can match.
    """
    gate = []
    for pattern in patterns:
        needs = []
        for token in pattern:
            lower = token.get("LOWER")
            if token.get("OP", "+") != "+" or not lower:
                continue  # optional, negated or repeated from zero: the text may lack it
            if isinstance(lower, dict):
                if set(lower) != {"IN"}:
                    continue
                words = lower["IN"]
            else:
                words = [lower]
            needs.append(frozenset(strings.add(word) for word in words))
        if not needs:
            return None
        gate.append(needs)
    return gate


def _may_match(gate: list[list[frozenset[int]]] | None, lowers: set[int]) -> bool:
    """Whether one of the gated patterns can match a text of these lower-case word hashes."""
    return gate is None or any(all(not words.isdisjoint(lowers) for words in needs) for needs in gate)


def _uses_lemma(pattern: list[dict[str, Any]]) -> bool:
    # The Matcher refuses LEMMA patterns on docs without lemmas (e.g. a bare spacy.blank).
    return any("LEMMA" in token for token in pattern)
