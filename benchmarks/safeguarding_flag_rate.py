"""How much ordinary text the safeguarding detector flags, and why.

    .venv/bin/python benchmarks/safeguarding_flag_rate.py [--show] [--real-dev PATH]

Flagged text is withheld from every output and opens a case for the safeguarding rota, so a
false flag costs an officer's time and hides a quote from analysts. Sets of ordinary
consultation text (nearly all of it discloses nothing):
- tagger dev (nlp/data/dev.jsonl), multi-topic test (nlp/data/multitopic_test.jsonl), the
  demo's responses (engage/data/demo_responses.jsonl);
- real residents' writing (../shared/eval/real-dev.jsonl, or $ENGAGE_REAL_DEV): read from
  there, never copied into the repository; skipped when it is absent.
For each set: texts flagged, and by what: a firm rule, the classifier, both, or a weak rule
the classifier supported;
and how often each category is named.

Not every text in these sets is ordinary: a few disclose current risk to an identifiable
person (a partner's control, a child picked up by adult men, a flat taken over by dealers).
``safeguarding_ordinary_judged.jsonl`` beside this script names them (by a hash of the text,
or real-dev's id, so no text is copied), judged "genuine" or "borderline" by an engineer
who read every text any version of the detector flagged (texts no version flagged were not
all read). Flags on texts judged neither are the false flags. ``--show`` lists every flagged
text with the words that raised it and its judgement.
"""

import hashlib
import json
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from nlp_accuracy import REAL_DEV_PATH as REAL_DEV  # noqa: E402  (one rule for where shared/ is)

from nlp.safeguard_rules import match_tiers  # noqa: E402
from nlp.safeguarding import assess, get_model, version  # noqa: E402

JUDGED = Path(__file__).with_name("safeguarding_ordinary_judged.jsonl")
SETS = {
    "tagger dev": ROOT / "nlp" / "data" / "dev.jsonl",
    "multi-topic test": ROOT / "nlp" / "data" / "multitopic_test.jsonl",
    "demo responses": ROOT / "engage" / "data" / "demo_responses.jsonl",
}


def texts_of(path: Path) -> list[tuple[str, str]]:
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    return [(str(r.get("id", i + 1)), r["text"]) for i, r in enumerate(rows)]


def judged(name: str) -> dict[str, str]:
    """{text hash or id: "genuine" | "borderline"} for one set's file name."""
    rows = [json.loads(line) for line in JUDGED.read_text(encoding="utf-8").splitlines() if line.strip()]
    return {r.get("sha256") or r["id"]: r["judged"] for r in rows if r["set"] == name}


def key_of(rid: str, text: str) -> tuple[str, str]:
    return rid, hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def what_flagged(text: str, model) -> str:
    """Which part raised the flag: a firm rule, the classifier, a weak rule it supported."""
    firm, weak = match_tiers(text)
    score = model.score(text) if model is not None else None
    by_model = score is not None and (
        score.probability >= model.threshold or score.categories.get("self_harm", 0.0) >= model.self_harm_flag
    )
    parts = ["firm rule"] * bool(firm) + ["classifier"] * by_model
    if not parts and weak:
        parts = ["weak rule" + (" + classifier support" if model is not None else "")]
    return " and ".join(parts)


def report(name: str, path: Path, show: bool) -> None:
    rows = texts_of(path)
    known = judged(path.name)
    by, cats, shown, verdicts = Counter(), Counter(), [], Counter()
    model = get_model()
    missed = []
    for rid, text in rows:
        verdict = next((known[k] for k in key_of(rid, text) if k in known), "ordinary")
        result = assess(text)
        verdicts[(verdict, result.flag)] += 1
        if not result.flag:
            missed += [rid] * (verdict == "genuine")
            continue
        by[what_flagged(text, model)] += 1
        cats.update(result.categories)
        evidence = "; ".join(f"{e.category}: {e.text[:80]!r}" for e in result.evidence)
        shown.append(f"  [{rid}] ({verdict}) {','.join(result.categories)} <- {evidence}\n      {text[:300]!r}")
    flagged = sum(by.values())
    false = verdicts[("ordinary", True)]
    print(f"\n{name} ({path.name}): {flagged} of {len(rows)} flagged, {flagged / len(rows):.1%}")
    for verdict in ("genuine", "borderline"):
        total = verdicts[(verdict, True)] + verdicts[(verdict, False)]
        print(f"  {verdict} disclosures (judged) flagged: {verdicts[(verdict, True)]} of {total}")
    print(f"  false flags (judged ordinary): {false}, {false / len(rows):.1%} of the set")
    print("  by: " + ", ".join(f"{k} {v}" for k, v in sorted(by.items())))
    print("  categories named: " + ", ".join(f"{k} {v}" for k, v in cats.most_common()))
    if show:
        print("\n".join(shown))
        print(f"  genuine, not flagged: {', '.join(missed) or 'none'}")


def main(argv: list[str]) -> int:
    show = "--show" in argv
    real = Path(argv[argv.index("--real-dev") + 1]) if "--real-dev" in argv else REAL_DEV
    print(f"detector {version()}")
    for name, path in SETS.items():
        report(name, path, show)
    if real.is_file():
        report("REAL residents' writing (never copied, never trained on)", real, show)
    else:
        print(f"\n(real-dev not found at {real}: skipped)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
