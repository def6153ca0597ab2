"""Rebuild engage/redaction/data/common_name_words.tsv: the words of the official name
lists (US Census Bureau 1990 forename and surname frequencies, shipped in the `names`
package) that are also everyday English words, with how common each is in lower case
(log probability from spaCy's `spacy-lookups-data`). The redactor reads this small file
instead of loading the million-word table at run time.

    .venv/bin/python scripts/build_redaction_words.py
"""

import gzip
import json
from importlib.resources import files
from pathlib import Path

THRESHOLD = -14.0  # rarer than this in lower case and a listed name is taken as a name
OUT = Path(__file__).resolve().parent.parent / "engage/redaction/data/common_name_words.tsv"


def main() -> None:
    probs = json.loads(
        gzip.decompress((files("spacy_lookups_data") / "data/en_lexeme_prob.json.gz").read_bytes())
    )
    words = set()
    for name in ("dist.male.first", "dist.female.first", "dist.all.last"):
        for line in (files("names") / name).read_text().splitlines():
            words.add(line.split()[0].lower())
    common = sorted((w, probs[w]) for w in words if probs.get(w, -99.0) > THRESHOLD)
    lines = [f"{w}\t{p:.2f}" for w, p in common]
    OUT.write_text("# word\tlog probability in lower case (spacy-lookups-data en_lexeme_prob)\n"
                   + "\n".join(lines) + "\n")
    print(f"{len(lines)} words -> {OUT}")


if __name__ == "__main__":
    main()
