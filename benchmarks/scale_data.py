"""Realistic data for the analysis benchmark, loaded fast: responses of varied real
length over districts, channels, community groups and two years, model tags (some
corrected by an analyst, with the history), safeguarding flags, and survey
submissions with 'About you' answers for the survey channel; each text with its stored
redaction, as the services write it. PostgreSQL takes it by
COPY, SQLite by executemany. Texts are assembled from the plan's themes here; no
third-party text is read."""

import random
from datetime import datetime, timedelta
from functools import lru_cache

import sqlalchemy as sa

DISTRICTS = ["ashfield", "bassetlaw", "broxtowe", "gedling", "mansfield", "newark_and_sherwood",
             "rushcliffe", "nottingham_city", "unknown"]
CHANNELS = ["direct"] * 4 + ["event"] * 2 + ["survey"] * 3 + ["voices", "summit"]
GROUPS = ["young_people", "older_people", "disabled_people", "lgbtq", "gypsy_roma_traveller",
          "refugees_asylum", "rural_communities", "faith_groups"]
SENTENCES = {
    "asb": ["Off-road bikes tear round the rec every evening and frighten the little ones.",
            "Groups of lads drinking by the shops shout at anyone who walks past.",
            "The graffiti and smashed bus shelter have been left for months."],
    "road_safety": ["Cars race through the village at sixty in a thirty limit.",
                    "Someone will be killed on the A60 unless the speeding is enforced.",
                    "Parents park on the zig-zags outside the school every single morning."],
    "drugs": ["Dealing goes on openly outside the flats, day and night.",
              "You can smell cannabis on every corner of the estate now."],
    "rural_crime": ["Quad bikes and red diesel were stolen from the farm again this winter.",
                    "Hare coursers drive across the fields and threaten us when we challenge them.",
                    "Fly tipping in the lanes is getting worse and nobody clears it."],
    "vawg": ["Girls are harassed at the bus station on their way home from school.",
             "My daughter's drink was spiked in town and nobody took it seriously."],
    "neighbourhood_crime": ["Three cars on our street were broken into last week.",
                            "Shoplifting at the Co-op is constant and the staff are scared."],
    "police_visibility_response": ["We never see an officer on foot in the town centre any more.",
                                   "I waited forty minutes on 101 and gave up.",
                                   "When we did call 999 it took over an hour for anyone to come."],
    "fraud_cyber": ["My mum lost her savings to a scam call pretending to be the bank."],
    "youth_prevention": ["The youth club closed and the kids have nowhere to go.",
                         "Fund more youth workers and diversion schemes on the estate."],
    "victim_support": ["After the burglary nobody told us what was happening with the case."],
    "trust_confidence": ["Stop and search is used unfairly on young black men round here."],
    "hate_crime": ["My neighbour is abused in the street because of her headscarf."],
    "serious_violence": ["There was a stabbing near the park and people are frightened."],
    "exploitation_hidden_harm": ["Children are being groomed to carry drugs out to the county."],
    "reoffending": ["People come out of prison with no support and are back in within months."],
    "other": ["Thank you for holding the meeting, it was good to be heard.",
              "The bins are not collected often enough on our road."],
}
FILLER = ["It has been like this for a long time.", "Please do something about it.",
          "Everyone I speak to says the same.", "I have lived here for twenty years.",
          "We reported it but heard nothing back.", "It is much worse at weekends."]
LABELS = [lb for lb in SENTENCES if lb != "other"]
EQUALITY = {"age_band": ["16_24", "25_34", "35_44", "45_54", "55_64", "65_74", "75_plus"],
            "sex": ["female", "male", "prefer_not"],
            "ethnicity": ["white_british", "white_other", "asian", "black", "mixed", "other"],
            "disability": ["yes", "no", "prefer_not"]}


def one_response(rng: random.Random) -> tuple[str, list[str]]:
    """(text, labels): one to three themes, padded to a real-world length."""
    labels = rng.sample(LABELS, rng.choices([1, 2, 3], weights=[60, 30, 10])[0])
    if rng.random() < 0.07:
        labels = ["other"]
    parts = [rng.choice(SENTENCES[lb]) for lb in labels]
    parts += rng.sample(FILLER, rng.choice([0, 0, 1, 2, 3, 5]))
    rng.shuffle(parts)
    return " ".join(parts), labels


@lru_cache(maxsize=200_000)
def _redacted(text: str) -> str:
    """The stored redaction the services write with each text (texts here repeat, so
    each distinct one is redacted once)."""
    from engage.privacy.gate import redact_text

    return redact_text(text)


def generate(rows: int, first_id: int, seed: int = 20):
    """Yield (response row, [tag rows], [change rows], submission row or None) per response."""
    rng = random.Random(seed)
    start = datetime(2024, 12, 1)
    span = int(timedelta(days=730).total_seconds())
    for i in range(first_id, first_id + rows):
        text, labels = one_response(rng)
        channel = rng.choice(CHANNELS)
        at = start + timedelta(seconds=rng.randrange(span))
        response = {"id": i, "reference": f"B{i:09d}", "channel": channel, "source_id": None,
                    "text": text, "text_redacted": _redacted(text), "district": rng.choice(DISTRICTS),
                    "submitted_at": at,
                    "consent_to_quote": rng.random() < 0.6, "consent_to_contact": False,
                    "privacy_notice_version": "2026-04",
                    "community_group": rng.choice(GROUPS) if channel == "voices" else None,
                    "status": "received", "safeguarding_flag": rng.random() < 0.01,
                    "tagged_model_version": "bench-1", "model_labels": labels}
        human = rng.random() < 0.03
        tags, changes = [], []
        for lb in labels:
            tags.append({"response_id": i, "label": lb, "score": round(rng.uniform(0.5, 0.99), 4),
                         "source": "model", "model_version": "bench-1", "evidence": [],
                         "created_at": at})
        if human:  # an analyst added a label the model missed
            extra = rng.choice([lb for lb in LABELS if lb not in labels])
            tags.append({"response_id": i, "label": extra, "score": None, "source": "human",
                         "model_version": None, "evidence": [], "created_at": at})
            changes.append({"response_id": i, "label": extra, "action": "added", "source": "human",
                            "model_version": None, "created_at": at})
        yield response, tags, changes, channel == "survey"


def survey_rows(rng: random.Random, response_id: int, survey_id: int, question_id: int, at):
    submission = {"id": response_id, "survey_id": survey_id, "reference": f"S{response_id:09d}",
                  "resume_token_hash": f"{response_id:064d}", "status": "completed",
                  "mode": "online", "started_at": at, "updated_at": at, "completed_at": at,
                  **{k: rng.choice(v) for k, v in EQUALITY.items()}}
    answer = {"id": response_id, "submission_id": response_id, "question_id": question_id,
              "value": None, "text": None, "response_id": response_id}
    return submission, answer


def load(engine, rows: int, survey: tuple[int, int] | None, batch: int = 20_000) -> None:
    """Insert `rows` responses after the existing ones, in batches of `batch`."""
    meta = sa.MetaData()
    meta.reflect(engine, only=["responses", "response_tags", "response_tag_changes",
                               "survey_submissions", "survey_answers"])
    with engine.begin() as conn:
        first = (conn.scalar(sa.text("SELECT max(id) FROM responses")) or 0) + 1
        first = max(first, (conn.scalar(sa.text("SELECT max(id) FROM survey_submissions")) or 0) + 1,
                    (conn.scalar(sa.text("SELECT max(id) FROM survey_answers")) or 0) + 1)
    rng = random.Random(7)
    buffers: dict[str, list] = {name: [] for name in meta.tables}
    for response, tags, changes, is_survey in generate(rows, first):
        buffers["responses"].append(response)
        buffers["response_tags"] += tags
        buffers["response_tag_changes"] += changes
        if is_survey and survey:
            sub, ans = survey_rows(rng, response["id"], *survey, response["submitted_at"])
            response["source_id"] = ans["id"]
            buffers["survey_submissions"].append(sub)
            buffers["survey_answers"].append(ans)
        if len(buffers["responses"]) >= batch:
            _flush(engine, meta, buffers)
    _flush(engine, meta, buffers)
    if engine.dialect.name == "postgresql":
        with engine.begin() as conn:
            for table in ("responses", "response_tags", "response_tag_changes",
                          "survey_submissions", "survey_answers"):
                conn.execute(sa.text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), "
                                     f"(SELECT coalesce(max(id), 1) FROM {table}))"))


ORDER = ["responses", "survey_submissions", "survey_answers", "response_tags", "response_tag_changes"]


def _flush(engine, meta, buffers) -> None:
    with engine.begin() as conn:
        for name in ORDER:
            rows = buffers[name]
            if not rows:
                continue
            if conn.dialect.name == "postgresql":
                _copy(conn, meta.tables[name], rows)
            else:
                conn.execute(meta.tables[name].insert(), rows)
            rows.clear()


def _copy(conn, table, rows) -> None:
    import json

    cols = list(rows[0])
    raw = conn.connection.driver_connection
    with raw.cursor() as cur, cur.copy(f"COPY {table.name} ({', '.join(cols)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row([json.dumps(v) if isinstance(v, list) else v for v in (row[c] for c in cols)])
