"""Turn hand-written snippets with inline labels into the redaction set's JSONL.

    .venv/bin/python scripts/redaction_markup.py snippets.txt FIRST_ID >> tests/data/X.jsonl

One snippet a line, "\\n" for a line break, each detail written {kind:text} with kind
n (name), p (phone), e (email), pc (postcode), a (address), v (vehicle) or
d (date_of_birth): "Contact {n:Dave Wilson} on {p:07700 900123}". Labels leave out
cue words and titles ("Mrs {n:Khan}", "DOB {d:12/03/1985}").
"""

import json
import re
import sys

KINDS = {
    "n": "name",
    "p": "phone",
    "e": "email",
    "pc": "postcode",
    "a": "address",
    "v": "vehicle",
    "d": "date_of_birth",
}
LABEL = re.compile(r"\{(n|p|e|pc|a|v|d):([^{}]+)\}")


def parse(line: str) -> dict:
    line = line.replace("\\n", "\n")
    text, spans, pos = "", [], 0
    for m in LABEL.finditer(line):
        text += line[pos : m.start()]
        start = len(text)
        text += m.group(2)
        spans.append({"kind": KINDS[m.group(1)], "start": start, "end": len(text), "text": m.group(2)})
        pos = m.end()
    text += line[pos:]
    if "{" in text or "}" in text:
        raise ValueError(f"unclosed label in {line!r}")
    return {"text": text, "spans": spans}


def main(path: str, first_id: int) -> None:
    lines = [ln.rstrip("\n") for ln in open(path, encoding="utf-8") if ln.strip()]
    for n, line in enumerate(lines):
        print(json.dumps({"id": first_id + n, **parse(line)}, ensure_ascii=False))


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
