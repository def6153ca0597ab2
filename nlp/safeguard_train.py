"""Build the safeguarding classifier from the repository alone: deterministic, under a minute.

Training data (``nlp/data/``):
- ``safeguarding_train.jsonl``: written for this detector, ``{"text", "flag", "categories"}``;
- ``safeguarding_train_extra.jsonl``: from independent writers, ``{"id", "text", "flag", "kind"}``;
- the tagger's training texts about topics where a disclosure is unlikely (roads, ASB, bins,
  police visibility...) that no rule flags, as ordinary answers: negatives that teach the
  register residents write in, and hosts into which short disclosures are buried.
The old test set and the blind sets are never trained on. The threshold is the highest that
keeps recall on the development set (``safeguarding_dev.jsonl``) at RECALL_TARGET.

Multiple-instance fit: a text is positive when one of its units is, so round one learns from
whole texts and every unit of negative texts; round two adds, for each positive text, the unit
round one scored highest, so a buried sentence learns to stand on its own.
"""

from __future__ import annotations

import hashlib
import json
import random
import shutil
from pathlib import Path

import numpy
import scipy.sparse

from nlp.safeguard_features import Featurizer, fit_idf, tokenize, units
from nlp.safeguard_model import CATEGORIES, SafeguardModel, fit_logistic

DATA = Path(__file__).with_name("data")
TRAIN_FILES = (DATA / "safeguarding_train.jsonl", DATA / "safeguarding_train_extra.jsonl")
DEV_PATH = DATA / "safeguarding_dev.jsonl"
TAGGER_TRAIN = DATA / "train.jsonl"
# Tagger labels under which disclosures are common: their texts are not used as negatives.
SENSITIVE = {"vawg", "exploitation_hidden_harm", "serious_violence", "hate_crime", "victim_support", "youth_prevention"}
KIND_CATEGORIES = {  # the kinds the independent writers used, as detector categories
    "self_harm": ["self_harm"],
    "domestic_abuse": ["abuse"],
    "elder": ["abuse"],
    "ongoing_past": ["abuse"],
    "child": ["child_at_risk"],
    "exploitation": ["exploitation"],
    "threats_stalking": ["threats"],
}
SETTINGS = {"l2": 0.3, "dense_scale": 3.0, "hosts": 2500, "host_weight": 0.5, "buried": 600, "seed": 21}
RECALL_TARGET = 0.985  # a missed disclosure costs far more than an officer reading a false flag


def read_jsonl(path: Path) -> list[dict]:
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def categories_of(record: dict) -> list[str]:
    if record.get("categories"):
        return [c for c in record["categories"] if c in CATEGORIES]
    return KIND_CATEGORIES.get(str(record.get("kind", "")).lower(), [])


def training_records(files=TRAIN_FILES) -> list[dict]:
    """Every training line as {"text", "flag", "categories", "weight"}, buried copies included."""
    records = [
        {"text": r["text"], "flag": bool(r["flag"]), "categories": categories_of(r) if r["flag"] else [], "weight": 1.0}
        for path in files
        for r in read_jsonl(path)
    ]
    rng = random.Random(SETTINGS["seed"])
    hosts = _ordinary_answers()
    hosts = rng.sample(hosts, min(SETTINGS["hosts"], len(hosts)))
    records += [{"text": t, "flag": False, "categories": [], "weight": SETTINGS["host_weight"]} for t in hosts]
    short = [r for r in records if r["flag"] and len(r["text"]) < 160]
    for _ in range(min(SETTINGS["buried"], len(short))):
        disclosure, host = rng.choice(short), rng.choice(hosts)
        sentences = host.split(". ")
        at = rng.randrange(len(sentences) + 1)
        text = ". ".join([*sentences[:at], disclosure["text"].rstrip(". "), *sentences[at:]])
        records.append({"text": text, "flag": True, "categories": disclosure["categories"], "weight": 1.0})
    return records


def _ordinary_answers() -> list[str]:
    from nlp.safeguard_rules import match

    texts = []
    for r in read_jsonl(TAGGER_TRAIN):
        if not SENSITIVE & set(r["labels"]) and not match(r["text"]):
            texts.append(r["text"])
    return texts


def _design(featurizer: Featurizer, texts: list[str]):
    """Per text: its units' sparse and dense rows (first row = the whole text)."""
    out = []
    for text in texts:
        words, spans, ends = tokenize(text)
        found = units(words, spans, ends)
        out.append(featurizer.rows(words, found) if found else None)
    return out


def fit(records: list[dict], featurizer: Featurizer, *, log=print) -> SafeguardModel:
    designs = _design(featurizer, [r["text"] for r in records])
    rows_x, rows_d, ys, ws, owners = [], [], [], [], []
    for i, (r, design) in enumerate(zip(records, designs, strict=True)):
        if design is None:
            continue
        X, D = design
        take = range(X.shape[0]) if not r["flag"] else [0]  # whole text; every unit of a negative
        for j in take:
            rows_x.append(X[j]), rows_d.append(D[j]), owners.append(i)
            ys.append(float(r["flag"])), ws.append(r["weight"])
    X1, D1 = scipy.sparse.vstack(rows_x).tocsr(), numpy.vstack(rows_d)
    y1, w1 = numpy.asarray(ys), numpy.asarray(ws)
    W, V, b = fit_logistic(X1, D1, y1, w1, l2=SETTINGS["l2"], dense_scale=SETTINGS["dense_scale"])
    log(f"round 1: {X1.shape[0]:,} units")
    # Round 2: each positive text's best other unit, as a positive of its own.
    best_x, best_d, best_owner = [], [], []
    for i, (r, design) in enumerate(zip(records, designs, strict=True)):
        if design is None or not r["flag"]:
            continue
        X, D = design
        z = numpy.asarray(X @ W) + D @ V + b
        j = int(numpy.argmax(z[1:])) + 1 if X.shape[0] > 1 else 0
        best_x.append(X[j]), best_d.append(D[j]), best_owner.append(i)
    X2 = scipy.sparse.vstack([X1, *best_x]).tocsr()
    D2 = numpy.vstack([D1, *best_d])
    y2 = numpy.concatenate([y1, numpy.ones(len(best_x))])
    w2 = numpy.concatenate([w1, [records[i]["weight"] for i in best_owner]])
    W, V, b = fit_logistic(X2, D2, y2, w2, l2=SETTINGS["l2"], dense_scale=SETTINGS["dense_scale"], start=(W, V, b))
    log(f"round 2: {X2.shape[0]:,} units")
    heads_w, heads_v, heads_b = [W], [V], [b]
    # Category heads: on positive whole texts and best units with known categories.
    pos = [k for k, o in enumerate(owners) if y1[k] == 1 and records[o]["categories"]]
    best = [k for k, o in enumerate(best_owner) if records[o]["categories"]]
    cx = scipy.sparse.vstack([X1[pos], *[best_x[k] for k in best]]).tocsr()
    cd = numpy.vstack([D1[pos], *[best_d[k] for k in best]])
    cats = [records[owners[k]]["categories"] for k in pos] + [records[best_owner[k]]["categories"] for k in best]
    for category in CATEGORIES:
        yc = numpy.asarray([float(category in c) for c in cats])
        ones = numpy.ones(len(yc))
        Wc, Vc, bc = fit_logistic(cx, cd, yc, ones, l2=SETTINGS["l2"], dense_scale=SETTINGS["dense_scale"])
        heads_w.append(Wc), heads_v.append(Vc), heads_b.append(bc)
    meta = {"threshold": 0.5, "version": "", "settings": SETTINGS}
    return SafeguardModel(
        featurizer,
        numpy.stack(heads_w, axis=1),
        numpy.stack(heads_v, axis=1),
        numpy.asarray(heads_b, dtype="float32"),
        meta,
    )


def choose_threshold(model: SafeguardModel, dev: list[dict], target: float = RECALL_TARGET) -> float:
    """The highest threshold whose dev recall is at least ``target`` (rules count as flags)."""
    from nlp.safeguard_rules import match

    positives = [model.score(r["text"]).probability for r in dev if r["flag"] and not match(r["text"])]
    n_pos = sum(1 for r in dev if r["flag"])
    if not n_pos:
        return 0.5
    allowed_misses = int((1 - target) * n_pos)
    ranked = sorted(positives)
    if allowed_misses >= len(ranked):
        return 0.5
    return float(min(0.5, max(0.05, ranked[allowed_misses] - 1e-6)))


def expected_version(files=TRAIN_FILES, dev_path: Path = DEV_PATH) -> str:
    """The version a model built now would get: a hash of everything it is built from."""
    here = Path(__file__).parent
    digest = hashlib.sha256()
    sources = sorted([*here.glob("safeguard*.py"), *here.glob("safeguard*.toml")])
    for path in [*files, TAGGER_TRAIN, dev_path, *sources]:
        digest.update(path.read_bytes() if path.is_file() else b"")
    return f"safeguarding-{digest.hexdigest()[:10]}"


def train(output: Path, *, files=TRAIN_FILES, dev_path: Path = DEV_PATH, log=print) -> SafeguardModel:
    from nlp import vectors

    records = training_records(files)
    texts = [r["text"] for r in records]
    words = {w for t in texts for w in tokenize(t)[0]}
    log(f"safeguarding: {len(records):,} training texts ({sum(r['flag'] for r in records):,} disclosures)")
    keys, table = vectors.table(sorted(words), log=log)
    idf, default_idf = fit_idf(texts, keys)
    model = fit(records, Featurizer(keys, table, idf, default_idf), log=log)
    dev = read_jsonl(dev_path)
    model.meta["threshold"] = model.threshold = choose_threshold(model, dev)
    model.meta["version"] = model.version = expected_version(files, dev_path)
    staging = output.with_name(f".{output.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    model.save(staging, keys)
    shutil.rmtree(output, ignore_errors=True)
    staging.replace(output)
    log(f"safeguarding model {model.version}, threshold {model.threshold:.3f}, saved to {output}")
    return model
