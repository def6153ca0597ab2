"""Demo surveys from the plan: the consultation on the Police and Crime Plan (wording
from the consultation draft) and the Police and Crime Survey whose questions measure
the plan's Key Ambitions. Built through the real services; safe to run again."""

import random
from datetime import datetime, timedelta

from engage.db import utcnow
from engage.extensions import db
from engage.places import DISTRICTS
from engage.surveys import services
from engage.surveys.equality import about_you_questions
from engage.surveys.models import Survey
from engage.surveys.responding import submit_survey_response

PLAN_SURVEY = "Police and Crime Plan: have your say"
PCS_SURVEY = "Nottinghamshire Police and Crime Survey"
PRIVACY = (
    "The Office of the Police and Crime Commissioner uses your answers to shape the Police "
    "and Crime Plan and the annual Police and Crime Needs Assessment. We report answers only "
    "for groups of 10 people or more, and quote written answers only if you say we may, "
    "without your name."
)
AGREE = ["strongly_agree", "agree"]
PRIORITIES = [
    ["serious_violence", "Serious violence and knife crime"],
    ["vawg", "Violence against women and girls"],
    [
        "neighbourhood_crime",
        "Neighbourhood crimes, including burglary, vehicle crime, robbery and rural crime",
    ],
    ["high_harm", "Other high harm offences such as slavery, exploitation and abuse"],
    ["asb", "Anti-social behaviour"],
    ["speeding", "Speeding and road safety"],
]
COMMITMENTS = [
    [
        "prevention_fund",
        "A dedicated £100,000 crime prevention fund for vulnerable and hotspot locations",
    ],
    ["asb_taskforce", "An Anti-social Behaviour Taskforce"],
    ["road_policing", "A bigger road policing team to help keep our roads safe"],
    ["diversion", "Diversion and mentoring to steer young people away from crime"],
    ["meet_commissioner", "Regular 'Meet the Commissioner' sessions across Nottinghamshire"],
    ["community_fund", "An annual £250,000 Make Notts Safe Fund for community groups"],
]
PCS_DAYS = 548  # six financial-year quarters of the rolling survey
YES_NO = [["yes", "Yes"], ["no", "No"], ["dont_know", "Don't know"]]
SATISFIED = [
    ["very_satisfied", "Very satisfied"],
    ["fairly_satisfied", "Fairly satisfied"],
    ["neither", "Neither satisfied nor dissatisfied"],
    ["fairly_dissatisfied", "Fairly dissatisfied"],
    ["very_dissatisfied", "Very dissatisfied"],
]

PLAN_PAGES = [
    (
        "Where you live",
        "",
        [
            {
                "key": "district",
                "kind": "district",
                "text": "Which area do you live in?",
                "is_required": True,
            },
            {
                "key": "safe",
                "kind": "single_choice",
                "text": "How safe do you feel in your local area?",
                "is_required": True,
                "options": [
                    ["very_safe", "Very safe"],
                    ["fairly_safe", "Fairly safe"],
                    ["a_bit_unsafe", "A bit unsafe"],
                    ["very_unsafe", "Very unsafe"],
                ],
            },
            {
                "key": "victim",
                "kind": "single_choice",
                "text": "Have you been a victim of crime in the last 12 months?",
                "is_required": True,
                "options": YES_NO,
            },
        ],
    ),
    (
        "The plan's objectives",
        "My plan centres on three simple objectives. Tell us whether you agree with them.",
        [
            {
                "key": "objectives",
                "kind": "grid",
                "is_required": True,
                "text": "How far do you agree that these should be the plan's objectives?",
                "statements": [
                    ["preventing", "Preventing crime and protecting people from harm"],
                    ["responding", "Responding efficiently and effectively to community needs"],
                    ["supporting", "Supporting victims, survivors and communities"],
                ],
            },
            {
                "key": "ranking",
                "kind": "ranking",
                "is_required": True,
                "options": PRIORITIES,
                "text": "Put the plan's priority issues in order of importance to you",
            },
            {
                "key": "commitments",
                "kind": "multiple_choice",
                "allows_other": True,
                "options": COMMITMENTS,
                "text": "Which of the Commissioner's commitments matter most to you?",
                "help_text": "Choose all that apply.",
            },
        ],
    ),
    (
        "Your experience and your views",
        "",
        [
            {
                "key": "support",
                "kind": "single_choice",
                "show_if": ("victim", ["yes"]),
                "options": SATISFIED,
                "text": "How satisfied were you with the support you received as a victim?",
            },
            {
                "key": "missing",
                "kind": "long_text",
                "text": "Is there anything missing from the plan, or anything you would change?",
                "help_text": "Do not include anyone's name or contact details.",
            },
        ],
    ),
]

PCS_PAGES = [
    (
        "Crime where you live",
        "",
        [
            {
                "key": "district",
                "kind": "district",
                "text": "Which area do you live in?",
                "is_required": True,
            },
            {
                "key": "nc_victim",
                "kind": "single_choice",
                "is_required": True,
                "options": YES_NO,
                "indicator": "neighbourhood_crime_victims",
                "indicator_values": ["yes"],
                "text": "In the last 12 months, have you or anyone in your household been a "
                "victim of burglary, vehicle crime, theft from the person or robbery?",
            },
            {
                "key": "after_dark",
                "kind": "rating",
                "text": "How safe do you feel walking alone in your area after dark?",
            },
        ],
    ),
    (
        "The police in your area",
        "",
        [
            {
                "key": "confidence",
                "kind": "scale",
                "is_required": True,
                "indicator": "public_confidence",
                "indicator_values": AGREE,
                "text": "Taking everything into account, "
                "I have confidence in the police in my area",
            },
            {
                "key": "visible",
                "kind": "scale",
                "is_required": True,
                "indicator": "police_visible_accessible",
                "indicator_values": AGREE,
                "text": "The police are visible and accessible in my area when needed",
            },
            {
                "key": "concerns",
                "kind": "scale",
                "is_required": True,
                "indicator": "dealing_with_local_concerns",
                "indicator_values": AGREE,
                "text": "The police are dealing with the anti-social behaviour and crime "
                "issues that matter in this area",
            },
            {
                "key": "contacted",
                "kind": "single_choice",
                "is_required": True,
                "options": YES_NO[:2],
                "text": "Have you contacted Nottinghamshire Police in the last 12 months?",
            },
            {
                "key": "victim",
                "kind": "single_choice",
                "is_required": True,
                "options": YES_NO[:2],
                "text": "Have you been a victim of crime in the last 12 months?",
            },
        ],
    ),
    (
        "Your contact with the police",
        "",
        [
            {
                "key": "service",
                "kind": "single_choice",
                "show_if": ("contacted", ["yes"]),
                "options": SATISFIED,
                "indicator": "service_user_satisfaction",
                "indicator_values": ["very_satisfied", "fairly_satisfied"],
                "text": "Overall, how satisfied were you with the service "
                "you received from the police?",
            },
            {
                "key": "victim_sat",
                "kind": "single_choice",
                "show_if": ("victim", ["yes"]),
                "options": SATISFIED,
                "indicator": "victim_satisfaction",
                "indicator_values": ["very_satisfied", "fairly_satisfied"],
                "text": "How satisfied were you with the way the police dealt with the crime?",
            },
            {
                "key": "cope",
                "kind": "single_choice",
                "show_if": ("victim", ["yes"]),
                "options": YES_NO,
                "indicator": "victims_cope_recover",
                "indicator_values": ["yes"],
                "text": "Did the support you received leave you better able to cope and recover?",
            },
            {
                "key": "safer",
                "kind": "long_text",
                "text": "What one thing would make you feel safer where you live?",
            },
        ],
    ),
]

PLAN_TEXTS = [
    "More police on the streets in the town centre at night, especially at weekends.",
    "Speeding through the village is the biggest problem here and nobody enforces the limit.",
    "I would like to see more done to keep girls safe walking home from school.",
    "Fly tipping in the lanes is getting worse and the farmers are left to clear it up.",
    "The plan should say more about getting 101 calls answered quickly.",
]


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


def _about_you(rng: random.Random, district: str) -> dict:
    out = {}
    for q in about_you_questions():
        if rng.random() < 0.15:
            continue
        values = [v for v, _ in q["options"]]
        if q["key"] == "district":
            out["district"] = district
        elif q["key"] == "ethnicity" and rng.random() < 0.75:
            out["ethnicity"] = (
                "white_british"  # roughly Nottinghamshire's make-up, so groups vary in size
            )
        else:
            out[q["key"]] = rng.choice(values)
    return out


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
        _about_you(rng, district),
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
    for day in range(1, PCS_DAYS, 3):
        district = rng.choice(districts)
        _answer(
            pcs,
            _pcs_answers(pcs, rng, day / PCS_DAYS, district, None),
            rng,
            district,
            pcs.opens_at + timedelta(days=day, hours=rng.randint(8, 20)),
        )
    for n in range(36):
        district = rng.choice(districts)
        _answer(
            plan,
            _plan_answers(plan, rng, district, PLAN_TEXTS[n] if n < len(PLAN_TEXTS) else None),
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
