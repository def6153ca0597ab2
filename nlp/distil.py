"""Soft targets from the teacher (``nlp.teacher``) for the fast model to learn from.

The teacher's scores live in ``data/teacher_scores.npz`` (built by ``python -m nlp teacher``,
committed, ~0.5 MB): running the encoder over every training sentence takes 5-10 minutes on
two cores, over the 5-minute budget of ``python -m nlp train``. A training text or sentence the
file lacks (new lines in the training files, analysts' corrections, the tests' tiny corpora)
is read by the encoder at training time with the stored head, so the model still rebuilds
from the repository alone; only a changed head needs the slow command. Scores are stored and
computed to 1/250ths, so training stays byte-for-byte deterministic.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Sequence
from pathlib import Path

import numpy

from nlp import teacher as teacher_module
from nlp.jsonl import Record, read_gold
from nlp.taxonomy import LABELS, OTHER

SCORES_PATH = Path(__file__).with_name("data") / "teacher_scores.npz"


def gold_matrix(records: Sequence[Record]) -> numpy.ndarray:
    return numpy.asarray([[float(label in r.labels) for label in LABELS] for r in records])


def teacher_scores(
    teacher: teacher_module.Teacher, kind: str, texts: Sequence[str], log: Callable[[str], None]
) -> numpy.ndarray:
    """Stored scores, and live ones for whatever the file lacks."""
    scores, missing = teacher.lookup(kind, texts)
    if missing:
        log(f"teacher: reading {len(missing)} {kind}s the stored scores lack with the encoder")
        scores[missing] = teacher.score_live(teacher_module.MiniLM(), kind, [texts[i] for i in missing])
    return scores


def soft_targets(
    records: Sequence[Record],
    weights: Sequence[float],
    teacher: teacher_module.Teacher,
    *,
    alpha: float,
    sentence_weight: float,
    log: Callable[[str], None] = print,
) -> tuple[list[str], numpy.ndarray, list[float]]:
    """(texts, targets, weights) to fit: every training text with ``(1 - alpha) * gold +
    alpha * teacher``, then, when ``sentence_weight`` > 0, each sentence of a multi-sentence
    text as a unit of its own at that fraction of its text's weight. A sentence's target is
    the teacher's score on it, limited to its text's gold labels (and ``other``): the teacher
    says which sentence raises which concern, the gold says which concerns are there."""
    texts = [r.text for r in records]
    gold = gold_matrix(records)
    targets = gold if alpha == 0 else (1 - alpha) * gold + alpha * teacher_scores(teacher, "text", texts, log)
    out_texts, out_weights = list(texts), list(weights)
    if sentence_weight <= 0:
        return out_texts, targets, out_weights
    units, masks = [], []
    for text, row, weight in zip(texts, gold, weights, strict=True):
        sentences = teacher_module.split_sentences(text)
        if len(sentences) < 2:
            continue
        for sentence in sentences:
            units.append(sentence)
            masks.append(row)
            out_weights.append(weight * sentence_weight)
    if not units:
        return out_texts, targets, out_weights
    unit_scores = teacher_scores(teacher, "sentence", units, log)
    other = LABELS.index(OTHER)
    limited = unit_scores * numpy.asarray(masks)
    limited[:, other] = unit_scores[:, other]
    return [*out_texts, *units], numpy.vstack([targets, limited]), out_weights


def build_scores(
    train_paths: Sequence[Path | str],
    *,
    file_weights: dict[str, float],
    l2: float,
    folds: int,
    output: Path = SCORES_PATH,
    log: Callable[[str], None] = print,
) -> Path:
    """Read every training sentence with the encoder (5-10 minutes on two cores), fit the
    teacher's head and store its scores (``python -m nlp teacher``)."""
    records, weights = [], []
    digest = hashlib.sha256()
    for path in train_paths:
        digest.update(Path(path).read_bytes())
        for record in read_gold(path):
            records.append(record)
            weights.append(float(file_weights.get(Path(path).name, 1.0)))
    encoder = teacher_module.MiniLM()

    def embed(sentences: Sequence[str]) -> numpy.ndarray:
        chunks = []
        for start in range(0, len(sentences), 2000):
            chunks.append(teacher_module.embed_sentences(encoder, sentences[start : start + 2000]))
            log(f"teacher: read {min(start + 2000, len(sentences)):,} of {len(sentences):,} sentences")
        return numpy.concatenate(chunks) if chunks else numpy.zeros((0, 384), dtype="float32")

    head, scores = teacher_module.build(
        [r.text for r in records], gold_matrix(records), weights, embed, l2=l2, folds=folds
    )
    teacher_module.save(output, head, scores, digest.hexdigest()[:10])
    log(f"teacher: {len(scores):,} scores from {len(records):,} texts saved to {output}")
    return output
