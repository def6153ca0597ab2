"""Strict JSON Lines readers: a malformed line is an error naming the file and line.

Silently skipping a bad line would quietly drop a resident's response from a tagging run
or an analyst's correction from training, so every problem stops the command.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from nlp.taxonomy import LABELS


class JsonlError(ValueError):
    """A JSON Lines file has a malformed line; the message names file and line number."""

    def __init__(self, path: Path | str, line: int, problem: str) -> None:
        super().__init__(f"{path}:{line}: {problem}")
        self.path, self.line, self.problem = str(path), line, problem


@dataclass(frozen=True)
class Record:
    """One line of a tagging input or a gold file."""

    line: int
    text: str
    id: Any = None
    labels: tuple[str, ...] = ()


def read_objects(path: Path | str) -> Iterator[tuple[int, dict[str, Any]]]:
    """(line number, object) for every non-blank line; blank lines carry no record."""
    try:
        fh = open(path, encoding="utf-8")
    except OSError as exc:
        raise JsonlError(path, 0, f"cannot open: {exc.strerror or exc}") from exc
    with fh:
        lineno = 0
        try:
            for lineno, line in enumerate(fh, start=1):
                if not line.strip():
                    continue
                yield lineno, _parse(path, lineno, line)
        except UnicodeDecodeError as exc:
            raise JsonlError(path, lineno + 1, f"not valid UTF-8 ({exc.reason})") from exc


def _parse(path: Path | str, lineno: int, line: str) -> dict[str, Any]:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise JsonlError(path, lineno, f"invalid JSON ({exc.msg} at column {exc.colno})") from exc
    if not isinstance(obj, dict):
        raise JsonlError(path, lineno, f"expected a JSON object, got {type(obj).__name__}")
    return obj


def _text(path: Path | str, lineno: int, obj: dict[str, Any]) -> str:
    if "text" not in obj:
        raise JsonlError(path, lineno, 'missing key "text"')
    if not isinstance(obj["text"], str):
        raise JsonlError(path, lineno, f'"text" must be a string, got {_kind(obj["text"])}')
    return obj["text"]


def read_texts(path: Path | str) -> Iterator[Record]:
    """Tagging input: lines ``{"id": str | int, "text": str}``."""
    for lineno, obj in read_objects(path):
        if "id" not in obj:
            raise JsonlError(path, lineno, 'missing key "id"')
        if isinstance(obj["id"], bool) or not isinstance(obj["id"], str | int):
            kind = _kind(obj["id"])
            raise JsonlError(path, lineno, f'"id" must be a string or integer, got {kind}')
        yield Record(line=lineno, id=obj["id"], text=_text(path, lineno, obj))


def read_gold(path: Path | str) -> Iterator[Record]:
    """Training, dev and evaluation data: lines ``{"text": str, "labels": [label, ...]}``."""
    for lineno, obj in read_objects(path):
        text = _text(path, lineno, obj)
        if "labels" not in obj:
            raise JsonlError(path, lineno, 'missing key "labels"')
        labels = obj["labels"]
        if not isinstance(labels, list) or not all(isinstance(x, str) for x in labels):
            raise JsonlError(path, lineno, '"labels" must be a list of label id strings')
        unknown = sorted(set(labels) - set(LABELS))
        if unknown:
            raise JsonlError(path, lineno, f"unknown label(s) {unknown}; known: {list(LABELS)}")
        if "other" in labels and len(set(labels)) > 1:
            raise JsonlError(path, lineno, '"other" cannot be combined with other labels')
        yield Record(line=lineno, text=text, labels=tuple(dict.fromkeys(labels)))


def _kind(value: Any) -> str:
    return "null" if value is None else type(value).__name__
