"""Turn one UK Parliament e-petition (its JSON) into a line of nlp/data/real_train.jsonl.

Why: real_train.jsonl holds openly licensed public text with provenance per line, and the
petitioner's own words are the part that is the public's: the title ("action"), the
"background" and the "additional_details". The government response is the Home Office's
voice, not a resident's, so it is never taken. Labels are a person's judgement by
../shared/labelling-guide.md and are given on the command line; this script only checks them.

    python scripts/petition_to_real_train.py PETITION.json --labels vawg,victim_support \
        [--archived] >> nlp/data/real_train.jsonl

PETITION.json is the object the petitions site serves at /petitions/<id>.json (or a file of
the public dump github.com/Jonty/uk_petitions_data, same format). Exit status 1 with a
message on a malformed file, an unknown label, or "other" mixed with an area.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from nlp.taxonomy import LABELS, OTHER  # noqa: E402

SOURCE = "UK Parliament e-petition (title and petitioner's text)"
LICENCE = "Open Parliament Licence v3.0"
SITE = "https://petition.parliament.uk"
FIELDS = ("action", "background", "additional_details")


def petition_line(petition: dict, labels: list[str], *, archived: bool = False) -> dict:
    """The real_train record for ``petition``: its own words, the labels, source, url, licence."""
    if not labels or not set(labels) <= set(LABELS):
        raise ValueError(f"labels must be among {', '.join(LABELS)}: got {labels}")
    if OTHER in labels and len(labels) > 1:
        raise ValueError("'other' never stands with an area")
    try:
        pid = int(petition["id"])
        attributes = petition["attributes"]
    except (KeyError, TypeError, ValueError) as error:
        raise ValueError(f"not a petition object: {error}") from error
    parts = [" ".join(str(attributes.get(field) or "").split()) for field in FIELDS]
    if not parts[0]:
        raise ValueError(f"petition {pid} has no action (title)")
    title = parts[0] if parts[0][-1] in ".!?" else parts[0] + "."
    text = " ".join(part for part in (title, *parts[1:]) if part)
    url = f"{SITE}/archived/petitions/{pid}" if archived else f"{SITE}/petitions/{pid}"
    return {"text": text, "labels": labels, "source": SOURCE, "url": url, "licence": LICENCE}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("petition", type=Path, help="petition JSON file")
    parser.add_argument("--labels", required=True, help="comma-separated label ids")
    parser.add_argument("--archived", action="store_true", help="petition of a past parliament")
    args = parser.parse_args(argv)
    try:
        petition = json.loads(args.petition.read_text("utf-8"))
        petition = petition.get("data", petition)  # the live site wraps the object in "data"
        line = petition_line(petition, args.labels.split(","), archived=args.archived)
    except (OSError, ValueError, AttributeError) as error:
        print(f"error: {args.petition}: {error}", file=sys.stderr)
        return 1
    print(json.dumps(line, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
