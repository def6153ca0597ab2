"""Time the representation page's count of people (every completed survey submission and
every session view, summit submission or 'tell us in confidence' with 'About you' answers,
signed-in people once) on a scratch database: prints the median and worst of several runs
of engage.analysis.respondents.people_by_answer. --other-share of the answer sets are given
with a response in another channel (equality_answers), --signed-in of all of them by one
of 2,000 accounts.

    nice .venv/bin/python benchmarks/representation_speed.py --people 100000 [--url postgresql+psycopg://...]

Not part of the test suite."""

import argparse
import os
import random
import secrets
import statistics
import tempfile
import time
from datetime import datetime, timedelta

ACCOUNTS = 2_000


def build(app, people: int, other_share: float, signed_in: float) -> None:
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from engage.accounts.models import User
    from engage.extensions import db
    from engage.responses.models import EqualityAnswers, Response
    from engage.surveys.equality import about_you_questions
    from engage.surveys.models import Survey, SurveySubmission

    rng = random.Random(18)
    options = {q["key"]: [v for v, _ in q["options"]] for q in about_you_questions()}
    with app.app_context():
        upgrade(revision="heads")
        survey = Survey(title="Benchmark survey", status="closed")
        db.session.add(survey)
        db.session.execute(sa.insert(User), [{"email": f"bench{i}@example.org", "password_hash": "x"}
                                             for i in range(ACCOUNTS)])
        db.session.commit()
        users = db.session.scalars(sa.select(User.id)).all()
        start = datetime(2026, 1, 1)
        for first in range(0, people, 10_000):
            rows = [{"at": start + timedelta(minutes=i),
                     "respondent_id": rng.choice(users) if rng.random() < signed_in else None,
                     **{k: rng.choice(v + [None]) for k, v in options.items()}}
                    for i in range(first, min(first + 10_000, people))]
            split = [rng.random() < other_share for _ in rows]
            other = [r for r, o in zip(rows, split, strict=True) if o]
            surveys = [r for r, o in zip(rows, split, strict=True) if not o]
            db.session.execute(sa.insert(SurveySubmission), [
                {"survey_id": survey.id, "status": "completed", "resume_token_hash": secrets.token_hex(32),
                 "completed_at": r["at"], **{k: v for k, v in r.items() if k != "at"}} for r in surveys])
            channels = [rng.choice(["event", "summit", "direct"]) for _ in other]
            ids = db.session.execute(sa.insert(Response).returning(Response.id, sort_by_parameter_order=True), [
                {"reference": secrets.token_hex(8), "channel": c, "text": "Benchmark view", "district": "mansfield",
                 "submitted_at": r["at"], "respondent_id": r["respondent_id"], "privacy_notice_version": "bench"}
                for r, c in zip(other, channels, strict=True)]).scalars().all() if other else []
            if other:
                db.session.execute(sa.insert(EqualityAnswers), [
                    {"response_id": rid, "channel": c, "answered_at": r.pop("at"), **r}
                    for rid, c, r in zip(ids, channels, other, strict=True)])
            db.session.commit()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=100_000)
    parser.add_argument("--url", help="an empty database (default: a scratch SQLite file)")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--other-share", type=float, default=0.3)
    parser.add_argument("--signed-in", type=float, default=0.2)
    args = parser.parse_args()

    from engage import create_app
    from engage.analysis.census import census
    from engage.analysis.respondents import people_by_answer
    from engage.responses.queries import ResponseFilter

    with tempfile.TemporaryDirectory() as tmp:
        url = args.url or f"sqlite:///{os.path.join(tmp, 'bench.sqlite')}"
        app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TAG_ON_CREATE": False, "SECRET_KEY": "bench"})
        build(app, args.people, args.other_share, args.signed_in)
        topics = census()["topics"]
        keys = tuple(topics)
        # As the page asks: the 16+ questions leave out people who said they are under 18.
        exclude = {k: t["respondents_exclude"] for k, t in topics.items() if t.get("respondents_exclude")}
        with app.app_context():
            times = []
            for _ in range(args.runs):
                t0 = time.perf_counter()
                total, _ = people_by_answer(ResponseFilter(), keys, exclude)
                times.append(time.perf_counter() - t0)
        print(f"{total:,} people who answered 'About you' among {args.people:,} answer sets "
              f"({args.other_share:.0%} outside surveys, {args.signed_in:.0%} signed in): "
              f"median {1000 * statistics.median(times):.0f} ms, worst {1000 * max(times):.0f} ms "
              f"({len(keys)} questions, {args.runs} runs)")


if __name__ == "__main__":
    main()
