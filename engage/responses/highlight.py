"""Splitting a text into plain and evidence segments, so templates can wrap the
evidence in <mark> while Jinja still escapes every character of it."""


def evidence_segments(text: str, evidence: dict[str, list[dict]]) -> list[tuple[str, list[str]]]:
    """[(segment, [labels whose evidence covers it])], in order, covering the whole text."""
    cuts = {0, len(text)}
    spans = []
    for label, items in (evidence or {}).items():
        for item in items or []:
            start, end = int(item.get("start", 0)), int(item.get("end", 0))
            if 0 <= start < end <= len(text):
                cuts.update((start, end))
                spans.append((start, end, label))
    bounds = sorted(cuts)
    segments = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        labels = sorted({lb for s, e, lb in spans if s <= a and b <= e})
        segments.append((text[a:b], labels))
    return segments


def response_evidence(response) -> dict[str, list[dict]]:
    return {t.label: t.evidence or [] for t in response.tags}
