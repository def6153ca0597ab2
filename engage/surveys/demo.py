"""Demo surveys from the plan: the consultation on the Police and Crime Plan (wording
from the consultation draft) and the Police and Crime Survey whose questions measure
the plan's Key Ambitions. Built through the real services; safe to run again."""

import random
from datetime import datetime, timedelta

from engage.db import utcnow
from engage.extensions import db
from engage.places import DISTRICTS
from engage.surveys import services
from engage.surveys.demo_definitions import (
    AGREE,
    COMMITMENTS,
    PCS_DAYS,
    PCS_PAGES,
    PCS_SURVEY,
    PCS_TEXTS,
    PLAN_MORE_TEXTS,
    PLAN_PAGES,
    PLAN_SURVEY,
    PLAN_TEXTS,
    PRIORITIES,
    PRIVACY,
    SATISFIED,
)
from engage.surveys.equality import about_you_questions
from engage.surveys.models import Survey
from engage.surveys.responding import submit_survey_response


def _build(title: str, introduction: str, pages, opens_at: datetime, closes_at: datetime) -> Survey:
    survey = services.create_survey(
        {
            "title": title,
            "introduction": introduction,
            "privacy_notice": PRIVACY,
            "opens_at": opens_at,
            "closes_at": closes_at,
            "has_about_you": True,
        },
        None,
    )
    keys: dict[str, int] = {}
    for number, (page_title, description, questions) in enumerate(pages):
        section = (
            survey.sections[0]
            if number == 0
            else services.add_section(survey, page_title, description)
        )
        if number == 0:
            services.update_section(section, page_title, description)
        for spec in questions:
            data = {k: v for k, v in spec.items() if k not in ("key", "show_if")}
            if "show_if" in spec:
                data |= {
                    "show_if_question_id": keys[spec["show_if"][0]],
                    "show_if_values": spec["show_if"][1],
                }
            keys[spec["key"]] = services.add_question(section, data).id
    services.publish_survey(survey)
    return survey


def _pick(rng: random.Random, p: float, yes, no):
    return rng.choice(yes) if rng.random() < p else rng.choice(no)


def demo_about_you(rng: random.Random, district: str | None) -> dict:
    """A made-up 'About you' answer set (each question skipped 15% of the time); also used
    for the demo's session views and 'tell us' responses."""
    out = {}
    for q in about_you_questions():
        if rng.random() < 0.15:
            continue
        values = [v for v, _ in q["options"]]
        if q["key"] == "district":
            if district:
                out["district"] = district
        elif q["key"] == "ethnicity" and rng.random() < 0.75:
            out["ethnicity"] = (
                "white_british"  # roughly Nottinghamshire's make-up, so groups vary in size
            )
        else:
            out[q["key"]] = rng.choice(values)
            # Most people answer these two the same way; skewed by a number derived from the
            # generator's state without drawing from it, so the rest of the demo (texts,
            # cases) draws the same numbers as before.
            if q["key"] in _MOSTLY:
                usual, share = _MOSTLY[q["key"]]
                if random.Random(hash(rng.getstate()[1])).random() < share:
                    out[q["key"]] = usual
    return out


_MOSTLY = {"gender_identity": ("yes", 0.97), "sexual_orientation": ("straight", 0.85)}


def _pcs_answers(
    survey: Survey, rng: random.Random, progress: float, district: str, text: str | None
) -> dict:
    """Answers drifting from the 2019/20 baseline towards the 2023/24 ambition as
    `progress` goes from 0 to 1."""
    by_key = dict(
        zip([s["key"] for _, _, specs in PCS_PAGES for s in specs], survey.questions, strict=True)
    )

    def share(base, target):
        return (base + (target - base) * progress) / 100

    victim = rng.random() < 0.2
    contacted = rng.random() < 0.35
    answers = {
        "district": district,
        "nc_victim": _pick(rng, share(7.5, 6.8), ["yes"], ["no", "no", "dont_know"]),
        "after_dark": rng.randint(2, 10),
        "confidence": _pick(
            rng, share(55.4, 61.0), AGREE, ["neither", "disagree", "strongly_disagree"]
        ),
        "visible": _pick(
            rng, share(32.7, 36.5), AGREE, ["neither", "disagree", "strongly_disagree"]
        ),
        "concerns": _pick(
            rng, share(41.7, 47.0), AGREE, ["neither", "disagree", "strongly_disagree"]
        ),
        "contacted": "yes" if contacted else "no",
        "victim": "yes" if victim else "no",
    }
    sat = ["very_satisfied", "fairly_satisfied"]
    unsat = ["neither", "fairly_dissatisfied", "very_dissatisfied"]
    if contacted:
        answers["service"] = _pick(rng, share(58.2, 63.5), sat, unsat)
    if victim:
        answers["victim_sat"] = _pick(rng, share(51.9, 55.0), sat, unsat)
        answers["cope"] = _pick(rng, share(79.0, 81.0), ["yes"], ["no", "dont_know"])
    if text:
        answers["safer"] = text
    return {str(by_key[k].id): v for k, v in answers.items()}


def _plan_answers(survey: Survey, rng: random.Random, district: str, text: str | None) -> dict:
    by_key = dict(
        zip([s["key"] for _, _, specs in PLAN_PAGES for s in specs], survey.questions, strict=True)
    )
    victim = rng.choice(["yes", "no", "no", "no"])
    order = [v for v, _ in PRIORITIES]
    rng.shuffle(order)
    answers = {
        "district": district,
        "safe": rng.choice(["very_safe", "fairly_safe", "fairly_safe", "a_bit_unsafe"]),
        "victim": victim,
        "ranking": order,
        "objectives": {
            k: rng.choice(AGREE + ["neither"]) for k in ("preventing", "responding", "supporting")
        },
        "commitments": rng.sample([v for v, _ in COMMITMENTS], rng.randint(1, 3)),
    }
    if victim == "yes":
        answers["support"] = rng.choice([v for v, _ in SATISFIED])
    if text:
        answers["missing"] = text
    return {str(by_key[k].id): v for k, v in answers.items()}


def _answer(survey, answers, rng, district, when):
    submit_survey_response(
        survey,
        answers,
        demo_about_you(rng, district),
        consent_to_quote=rng.random() < 0.6,
        completed_at=when,
    )


def _pcs() -> Survey | None:
    return db.session.scalar(db.select(Survey).filter_by(title=PCS_SURVEY))


def seed_surveys(rng: random.Random) -> Survey:
    """Both demo surveys with 18 months of answers (idempotent). Returns the plan consultation."""
    existing = db.session.scalar(db.select(Survey).filter_by(title=PLAN_SURVEY))
    if existing is not None and existing.questions:
        return existing
    now = utcnow()
    plan = _build(
        PLAN_SURVEY,
        "The Commissioner is reviewing the Police and Crime Plan 2021-25. Tell us what "
        "matters most to you about crime and community safety where you live. Whoever you are and "
        "wherever you live in Nottinghamshire, this is your plan.",
        PLAN_PAGES,
        now - timedelta(days=14),
        now + timedelta(days=42),
    )
    pcs = _build(
        PCS_SURVEY,
        "Our rolling survey of residents' views on crime, safety and policing. Its answers "
        "track the measurable ambitions of the Police and Crime Plan, reported every quarter.",
        PCS_PAGES,
        now - timedelta(days=PCS_DAYS),
        now + timedelta(days=365),
    )
    districts = list(DISTRICTS)
    pcs_texts = iter(PCS_TEXTS)
    for n, day in enumerate(range(1, PCS_DAYS, 3)):
        district = rng.choice(districts)
        text = next(pcs_texts, None) if n % 6 == 0 else None  # about one in six writes something
        _answer(
            pcs,
            _pcs_answers(pcs, rng, day / PCS_DAYS, district, text),
            rng,
            district,
            pcs.opens_at + timedelta(days=day, hours=rng.randint(8, 20)),
        )
    plan_texts = PLAN_TEXTS + PLAN_MORE_TEXTS
    for n in range(36):
        district = rng.choice(districts)
        _answer(
            plan,
            _plan_answers(plan, rng, district, plan_texts[n] if n < len(plan_texts) else None),
            rng,
            district,
            now - timedelta(days=rng.randint(0, 13), hours=rng.randint(0, 12)),
        )
    db.session.flush()
    return plan


def seed_survey_text(rng: random.Random, text: str, district: str, when: datetime) -> None:
    """One Police and Crime Survey response whose written answer is `text` (demo responses
    of the survey channel arrive this way, so each links to its answer)."""
    pcs = _pcs()
    if pcs is None:
        return
    district = district if district in DISTRICTS else rng.choice(list(DISTRICTS))
    when = min(max(when, pcs.opens_at + timedelta(hours=1)), utcnow())
    progress = (when - pcs.opens_at) / timedelta(days=PCS_DAYS)
    _answer(pcs, _pcs_answers(pcs, rng, progress, district, text), rng, district, when)
