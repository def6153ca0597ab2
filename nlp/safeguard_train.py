"""Build the safeguarding classifier from the repository alone: deterministic, a few minutes.

Training data (``nlp/data/``):
- ``safeguarding_train.jsonl``: written for this detector, ``{"text", "flag", "categories"}``;
- ``safeguarding_train_extra.jsonl``: from independent writers, ``{"id", "text", "flag", "kind"}``;
- ``safeguarding_hard_negatives.jsonl``: ordinary answers the detector flagged or came near
  (crime reports with nobody at risk now, news, worry, figures of speech);
- the tagger's training texts outside the labels where disclosures are common (``SENSITIVE``)
  that no firm rule flags, as ordinary answers: negatives that teach the register residents
  write in, and hosts into which short disclosures are buried; a fifth of them, chosen by a
  hash of the text, is held out to choose the levels.
The old test set and the blind sets are never trained on. The levels (``calibrate``) are
chosen on the blind dev set (``safeguarding_dev.jsonl``) and on a held-out share of the
ordinary answers, never on the tagger's dev set nor on any test set.

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
TRAIN_FILES = (
    DATA / "safeguarding_train.jsonl",
    DATA / "safeguarding_train_extra.jsonl",
    DATA / "safeguarding_hard_negatives.jsonl",
)
DEV_PATH = DATA / "safeguarding_dev.jsonl"
TAGGER_TRAIN = DATA / "train.jsonl"
# Tagger labels under which first-person disclosures are common: their texts are not used as
# negatives. Knife crime, hate crime, victims' and young people's answers are (the crime
# reports and worries that an officer need not read), unless a firm rule matches them.
SENSITIVE = {"vawg", "exploitation_hidden_harm"}
KIND_CATEGORIES = {  # the kinds the independent writers used, as detector categories
    "self_harm": ["self_harm"],
    "domestic_abuse": ["abuse"],
    "elder": ["abuse"],
    "ongoing_past": ["abuse"],
    "child": ["child_at_risk"],
    "exploitation": ["exploitation"],
    "threats_stalking": ["threats"],
}
SETTINGS = {
    "l2": 0.3,
    "dense_scale": 3.0,
    "hosts": 6000,  # all of the training share
    "host_weight": 0.5,
    "buried": 600,
    "seed": 21,
    "calibration_share": 0.2,
}
# How the levels are chosen (``calibrate``): a missed disclosure costs far more than an officer
# reading a false flag, but every flag withholds a resident's words from the analysis and
# opens a case, so the classifier flags as few ordinary answers as it can while keeping
# RECALL_FLOOR of the blind dev set's disclosures. The floor is 0.99, not the 0.96 first
# chosen: at 0.96 the blind test's recall fell to 0.92 (buried disclosures 0.81), under the
# 0.95 (0.90 a kind) the safeguarding issue requires; the price is more false cases.
ORDINARY_CEILING = 0.02
RECALL_FLOOR = 0.99
WEAK_CEILING = 0.005
SELF_HARM_EXTRA = 0.001
SELF_HARM_MIN = 0.5
SELF_HARM_NAMED = 0.95


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
    hosts = ordinary_answers()[0]
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


def ordinary_answers() -> tuple[list[str], list[str]]:
    """The tagger's training answers that are no disclosure (none under SENSITIVE labels,
    none a firm rule flags), split by a hash of the text into (training, calibration): the
    calibration share is never trained on and sets how much ordinary text may be flagged."""
    from nlp.safeguard_rules import match_tiers

    train, calibration = [], []
    for r in read_jsonl(TAGGER_TRAIN):
        if SENSITIVE & set(r["labels"]) or match_tiers(r["text"])[0]:
            continue
        bucket = int(hashlib.sha256(r["text"].encode("utf-8")).hexdigest()[:8], 16) / 16**8
        (calibration if bucket < SETTINGS["calibration_share"] else train).append(r["text"])
    return train, calibration


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
        if category == "self_harm":
            continue
        yc = numpy.asarray([float(category in c) for c in cats])
        ones = numpy.ones(len(yc))
        Wc, Vc, bc = fit_logistic(cx, cd, yc, ones, l2=SETTINGS["l2"], dense_scale=SETTINGS["dense_scale"])
        heads_w.append(Wc), heads_v.append(Vc), heads_b.append(bc)
    # Self-harm makes the officers' alert URGENT, so its head is also fitted against every
    # ordinary unit (read among disclosures only, it named self-harm for sheep on a road).
    row_cats = [records[o]["categories"] if y1[k] else [] for k, o in enumerate(owners)]
    row_cats += [records[o]["categories"] for o in best_owner]
    keep = numpy.flatnonzero([not (y and not c) for y, c in zip(y2, row_cats, strict=True)])
    ys = numpy.asarray([float("self_harm" in row_cats[k]) for k in keep])
    Ws, Vs, bs = fit_logistic(
        X2[keep], D2[keep], ys, w2[keep], l2=SETTINGS["l2"], dense_scale=SETTINGS["dense_scale"], start=(W, V, b)
    )
    at = CATEGORIES.index("self_harm") + 1
    heads_w.insert(at, Ws), heads_v.insert(at, Vs), heads_b.insert(at, bs)
    meta = {"threshold": 0.5, "version": "", "settings": SETTINGS}
    return SafeguardModel(
        featurizer,
        numpy.stack(heads_w, axis=1),
        numpy.stack(heads_v, axis=1),
        numpy.asarray(heads_b, dtype="float32"),
        meta,
    )


def calibrate(model: SafeguardModel, dev: list[dict], ordinary: list[str], *, log=print) -> dict:
    """Choose the classifier's levels on data it was not trained on:
    - ``threshold``: the lowest that flags at most ORDINARY_CEILING of the held-out ordinary
      answers, unless that would keep less than RECALL_FLOOR of the blind dev set's
      disclosures (counting firm rules), when it is the highest that keeps RECALL_FLOOR;
    - ``support``: the lowest score at which weak rule matches flag, adding at most
      WEAK_CEILING of the ordinary answers;
    - ``self_harm_flag``: the lowest self-harm head score that flags a text below the
      threshold, adding at most SELF_HARM_EXTRA of the ordinary answers;
    - ``self_harm_min``: the highest head score that still names ``self_harm`` for
      SELF_HARM_NAMED of the dev set's self-harm disclosures the classifier flags, and at
      least SELF_HARM_MIN (self-harm makes the alert URGENT)."""
    from nlp.safeguard_rules import match_tiers

    def rows(texts):
        out = []
        for text in texts:
            firm, weak = match_tiers(text)
            score = model.score(text)
            out.append((score.probability, bool(firm), bool(weak), score.categories))
        return out

    d, o = rows([r["text"] for r in dev]), rows(ordinary)
    wanted = numpy.asarray([bool(r["flag"]) for r in dev])
    grid = numpy.round(numpy.arange(0.05, 0.951, 0.005), 3)

    def recall(t, h=1.0):
        return numpy.mean([f or p >= t or c["self_harm"] >= h for (p, f, _, c), w in zip(d, wanted, strict=True) if w])

    ordinary_rate = [numpy.mean([p >= t for p, *_ in o]) for t in grid]
    threshold = next((t for t, r in zip(grid, ordinary_rate, strict=True) if r <= ORDINARY_CEILING), grid[-1])
    if recall(threshold) < RECALL_FLOOR:
        threshold = max(t for t in grid if recall(t) >= RECALL_FLOOR)
    weak_rate = {s: numpy.mean([weak and not firm and s <= p < threshold for p, firm, weak, _ in o]) for s in grid}
    support = next((s for s in grid if s <= threshold and weak_rate[s] <= WEAK_CEILING), threshold)
    # Self-harm's own head, fitted against ordinary text too, may flag below the threshold.
    extra = {h: numpy.mean([p < threshold and c["self_harm"] >= h for p, _, _, c in o]) for h in grid}
    self_harm_flag = float(next((h for h in grid if extra[h] <= SELF_HARM_EXTRA), 1.0))
    heads = sorted(
        c["self_harm"]
        for (p, _, _, c), r in zip(d, dev, strict=True)
        if r["flag"] and p >= threshold and "self_harm" in categories_of(r)
    )
    self_harm_min = heads[int((1 - SELF_HARM_NAMED) * len(heads))] - 1e-6 if heads else 0.5
    # Never below SELF_HARM_MIN: at 0.3, "saved my life" and "I am tired of this" were URGENT.
    self_harm_min = float(min(0.9, max(SELF_HARM_MIN, self_harm_min)))
    self_harm_flag = max(self_harm_flag, self_harm_min)  # what the head flags, it names
    log(
        f"threshold {threshold:.3f} (held-out ordinary answers flagged by the classifier: "
        f"{numpy.mean([p >= threshold for p, *_ in o]):.1%} of {len(o)}; blind dev recall "
        f"{recall(threshold, self_harm_flag):.3f}), weak rules from {support:.3f}, self_harm head flags "
        f"from {self_harm_flag:.3f} and is named from {self_harm_min:.3f}"
    )
    return {
        "threshold": float(threshold),
        "support": float(support),
        "self_harm_flag": self_harm_flag,
        "self_harm_min": self_harm_min,
    }


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
    levels = calibrate(model, read_jsonl(dev_path), ordinary_answers()[1], log=log)
    model.meta.update(levels)
    for key, value in levels.items():
        setattr(model, key, value)
    model.meta["version"] = model.version = expected_version(files, dev_path)
    staging = output.with_name(f".{output.name}.staging")
    shutil.rmtree(staging, ignore_errors=True)
    model.save(staging, keys)
    shutil.rmtree(output, ignore_errors=True)
    staging.replace(output)
    log(f"safeguarding model {model.version}, threshold {model.threshold:.3f}, saved to {output}")
    return model
