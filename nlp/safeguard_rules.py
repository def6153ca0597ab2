"""The safeguarding rules: the floor under the trained classifier (a match only adds a flag).

The rules themselves are data, in ``safeguard_rules.toml`` (read by the registered function
``engage.safeguarding_rules.v1``). Each pattern runs over a line of lower-case lookup lemmas
per sentence ("he hits me" and "he hit me" both read "he hit me"), then four context checks
on each match, all deliberately narrow because missing a real disclosure is worse than a
false flag: a negation cue just before it in the same clause ("nobody has ever hit me"), a
hypothetical ("if he ever hit me"), a general statement with nobody in particular in it
("kids are being groomed all over the country"), and history that is over ("when I was
19 my boyfriend hit me ... thirty years ago"). Importable without Flask.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.util import registry

RULES_PATH = Path(__file__).with_name("safeguard_rules.toml")
FRAGMENT = re.compile(r"<([A-Z]+)>")


@dataclass(frozen=True)
class Evidence:
    category: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Rules:
    """The compiled contents of the rules file."""

    rules: tuple[tuple[str, re.Pattern, bool, bool, bool], ...]  # category, pattern, negatable, needs_person, weak
    any_rule: re.Pattern  # all patterns in one: most sentences match none, found in one pass
    terms: dict[str, str]
    term_forms: dict[str, tuple[str, ...]]
    personal: frozenset[str]
    topic_after: frozenset[str]
    topic_before: frozenset[str]
    noun_of: frozenset[str]
    negation_cues: frozenset[str]
    boundaries: frozenset[str]
    negation_window: int
    pseudo_after: frozenset[str]
    subjects: frozenset[str]
    first_person: frozenset[str]
    lemma_fixes: dict[str, str]
    patterns: dict[str, re.Pattern]


def _expand(pattern: str, fragments: dict[str, str]) -> str:
    return FRAGMENT.sub(lambda m: _expand(fragments[m.group(1)], fragments), pattern)


@registry.misc("engage.safeguarding_rules.v1")
def safeguarding_rules(path: str | None = None) -> Rules:
    """Read and compile the rules file at ``path`` (default: the one beside this module)."""
    data = tomllib.loads(Path(path or RULES_PATH).read_text(encoding="utf-8"))
    frags, terms, ctx = data["fragments"], data["terms"], data["context"]
    rules = tuple(
        (
            r["category"],
            re.compile(_expand(r["pattern"], frags)),
            r["negatable"],
            r.get("needs_person", False),
            r.get("weak", False),
        )
        for r in data["rules"]
    )
    s = frozenset
    return Rules(
        rules=rules,
        any_rule=re.compile("|".join(f"(?:{rx.pattern.replace('(?P<ev>', '(?:')})" for _, rx, *_ in rules)),
        terms={word: cat for cat, words in terms["words"].items() for word in words},
        term_forms={k: tuple(v) for k, v in terms["forms"].items()},
        personal=s(terms["personal"]),
        topic_after=s(terms["topic_after"]),
        topic_before=s(terms["topic_before"]),
        noun_of=s(terms["noun_of"]),
        negation_cues=s(ctx["negation_cues"]),
        boundaries=s(ctx["boundaries"]),
        negation_window=ctx["negation_window"],
        pseudo_after=s(ctx["pseudo_after"]),
        subjects=s(ctx["subjects"]),
        first_person=s(ctx["first_person"]),
        lemma_fixes=dict(ctx["lemma_fixes"]),
        patterns={k: re.compile(v) for k, v in data["patterns"].items()},
    )


@lru_cache(maxsize=1)
def _rules() -> Rules:
    return registry.misc.get("engage.safeguarding_rules.v1")()


@lru_cache(maxsize=1)
def _pipeline():
    """spaCy blank English with a sentencizer and the project's lower-case lookup lemmatizer."""
    import spacy

    from nlp.lemmatizer import LowercaseLemmatizer

    nlp = spacy.blank("en")
    nlp.add_pipe("sentencizer")
    lemmatizer = LowercaseLemmatizer(nlp.vocab, None, "lemmatizer", mode="lowercase", overwrite=False, scorer=None)
    lemmatizer.initialize()
    return nlp, lemmatizer


def _lemma(token) -> str:
    text = token.lower_.replace("\u2019", "'")
    return _rules().lemma_fixes.get(text, token.lemma_.lower() or text)


def _line(tokens) -> tuple[str, list[int]]:
    """The lemma line of a sentence and, per character, the index of its token."""
    parts, owner = [], []
    for i, token in enumerate(tokens):
        lemma = _lemma(token)
        parts.append(lemma)
        owner.extend([i] * len(lemma) + [i])
    return " ".join(parts), owner


def _clause(tokens, start: int, end: int) -> tuple[int, int]:
    bounds = _rules().boundaries
    lo = start
    while lo > 0 and _lemma(tokens[lo - 1]) not in bounds:
        lo -= 1
    hi = end
    while hi < len(tokens) and _lemma(tokens[hi]) not in bounds:
        hi += 1
    return lo, hi


def _negated(tokens, start: int, end: int, lo: int) -> bool:
    """A cue inside the match, or before it in its clause with no new subject in between
    ("nobody has ever hit me or threatened me", but not "if I don't pay they'll hurt me")."""
    r = _rules()
    if any(_lemma(t) in r.negation_cues for t in tokens[start:end]):
        return True
    following = _lemma(tokens[start])
    for t in reversed(tokens[max(lo, start - r.negation_window) : start]):
        word = _lemma(t)
        if word in r.negation_cues:
            # "he won't stop hurting me", "not only hits me": the cue is not about the match.
            return following not in r.pseudo_after
        following = word
        if word in r.subjects:
            return False
    return False


def _words(tokens) -> str:
    return " ".join(t.lower_.replace("\u2019", "'") for t in tokens)


def _is_over(text_lower: str, clause: str) -> bool:
    """History that has ended: said in the same clause, or said elsewhere while this
    clause has no present-tense cue."""
    p = _rules().patterns
    if p["HISTORIC"].search(clause):
        return not p["CURRENT"].search(clause)
    if p["HISTORIC"].search(text_lower) or p["RESOLVED"].search(text_lower):
        return not (p["CURRENT"].search(clause) or p["PRESENT"].search(clause))
    return False


def _keep(match_tokens: tuple[int, int], sent, negatable: bool, anchored: bool, text_lower: str) -> bool:
    tokens = list(sent)
    start, end = match_tokens
    lo, hi = _clause(tokens, start, end)
    clause = _words(tokens[lo:hi])
    if negatable and _negated(tokens, start, end, lo):
        return False
    before = _words(tokens[lo:start]).split()
    if "if" in before and "ever" in before:
        return False
    if _rules().patterns["GENERIC"].search(_words(tokens)):
        return False
    if anchored and not _rules().first_person & {t.lower_ for t in tokens}:
        return False
    return not _is_over(text_lower, clause)


def match(text: str) -> list[Evidence]:
    """Every rule match in ``text`` that survives the context checks, firm and weak."""
    firm, weak = match_tiers(text)
    return firm + weak


def match_tiers(text: str) -> tuple[list[Evidence], list[Evidence]]:
    """Rule matches in two tiers: firm ones flag on their own (the floor); weak ones (single
    risk words, and patterns that ordinary crime reports also fit, marked ``weak`` in the
    table) flag only where the classifier also sees some risk (``nlp.safeguarding``)."""
    if not text or not text.strip():
        return [], []
    nlp, lemmatizer = _pipeline()
    doc = lemmatizer(nlp(text))
    text_lower = text.lower().replace("\u2019", "'")
    firm: list[Evidence] = []
    weak: list[Evidence] = []
    for sent in doc.sents:
        tokens = [t for t in sent if not t.is_space]
        if not tokens:
            continue
        line, owner = _line(tokens)
        span = doc[tokens[0].i : tokens[-1].i + 1]
        for category, rx, negatable, anchored, is_weak in _rules().rules if _rules().any_rule.search(line) else ():
            for m in rx.finditer(line):
                at, to = m.span("ev") if "ev" in rx.groupindex else m.span()
                first, last = owner[at], owner[max(at, to - 1)]
                rel = (tokens[first].i - span.start, tokens[last].i - span.start + 1)
                if _keep(rel, span, negatable, anchored, text_lower):
                    a, b = tokens[first].idx, tokens[last].idx + len(tokens[last].text)
                    (weak if is_weak else firm).append(Evidence(category, a, b, text[a:b]))
        weak += _terms(span, text_lower)
        weak += _child_contact(span)  # "my 12 year old ... three older lads" is a robbery too
    seen = {(e.start, e.end) for e in firm}
    return firm, [e for e in weak if (e.start, e.end) not in seen]


def _terms(span, text_lower: str) -> list[Evidence]:
    """Second tier: single risk words about a particular person."""
    r = _rules()
    tokens = list(span)
    lemmas = [_lemma(t) for t in tokens]
    if r.patterns["IDIOMS"].search(" ".join(lemmas)) or r.patterns["GENERIC"].search(_words(tokens)):
        return []
    out = []
    for i, lemma in enumerate(lemmas):
        category = r.terms.get(lemma)
        if category is None or (lemma in r.term_forms and tokens[i].lower_ not in r.term_forms[lemma]):
            continue
        after = lemmas[i + 1] if i + 1 < len(lemmas) else ""
        if after in r.topic_after or (after == "of" and lemma in r.noun_of) or (i and lemmas[i - 1] in r.topic_before):
            continue
        lo, hi = _clause(tokens, i, i + 1)
        if not r.personal & set(lemmas[lo:hi]) or not _keep((i, i + 1), span, True, False, text_lower):
            continue
        t = tokens[i]
        out.append(Evidence(category, t.idx, t.idx + len(t.text), t.text))
    return out


def _child_contact(span) -> list[Evidence]:
    """A child's age and an adult's contact in one sentence ("she's 14, her boyfriend is 25")."""
    words = span.text.lower().replace("\u2019", "'")
    p = _rules().patterns
    if not (p["CHILD_AGE"].search(words) and p["ADULT_CONTACT"].search(words)):
        return []
    return [Evidence("child_at_risk", span.start_char, span.end_char, span.text)]
