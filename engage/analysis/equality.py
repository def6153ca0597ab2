"""The survey 'About you' (equality) answers as analysis filters and groups. The
questions themselves belong to the surveys domain (engage.surveys.equality)."""

# Districts are compared on the representation page by Response.district; the rest
# are the equality groups.
NOT_EQUALITY = ("district",)


def about_you_questions() -> dict[str, dict]:
    """key -> {"text", "options": {value: label}} (with 'Prefer not to say')."""
    from engage.surveys.equality import about_you_questions as questions

    return {q["key"]: {"text": q["text"], "options": dict(q["options"])} for q in questions()}


def equality_keys() -> list[str]:
    return [k for k in about_you_questions() if k not in NOT_EQUALITY]


def option_label(key: str, value: str | None) -> str:
    if value is None:
        return "Not answered"
    return about_you_questions().get(key, {}).get("options", {}).get(value, value)


def parse_equality(value: str) -> tuple[tuple[str, str], ...]:
    """ "ethnicity:white_british,sex:female" -> (("ethnicity", "white_british"), ...);
    raises ValueError with a message for a reader on an unknown question or answer."""
    questions = about_you_questions()
    pairs = []
    for part in (p.strip() for p in value.split(",") if p.strip()):
        key, sep, answer = part.partition(":")
        if not sep or key not in questions:
            raise ValueError(f"Use question:answer pairs; the questions are {', '.join(questions)}")
        if answer not in questions[key]["options"]:
            raise ValueError(
                f"Unknown answer {answer!r} for {key}. Use one of: "
                f"{', '.join(questions[key]['options'])}"
            )
        pairs.append((key, answer))
    if not pairs:
        raise ValueError("Give at least one question:answer pair")
    return tuple(dict(pairs).items())
