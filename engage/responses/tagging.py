"""The bridge to the nlp package: tags a response as it is stored. A human label
always wins over the model's and survives a retag."""

from engage.responses.models import Response, ResponseTag, TagSource


def tagger():
    from nlp import get_tagger

    return get_tagger()


def apply_model_tags(response: Response, result, model_version: str) -> None:
    """Replace the model's tags with `result`'s; leave human tags alone."""
    human = {t.label for t in response.tags if t.source == TagSource.human}
    response.tags = [t for t in response.tags if t.source == TagSource.human]
    for label in result.labels:
        if label in human:
            continue
        response.tags.append(ResponseTag(
            label=label, score=round(float(result.scores.get(label, 0.0)), 4),
            source=TagSource.model, model_version=model_version,
            evidence=result.evidence.get(label) or []))
    response.tagged_model_version = model_version


def tag_response(response: Response) -> None:
    t = tagger()
    apply_model_tags(response, t.tag(response.text), t.version)
