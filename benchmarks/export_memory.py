"""Stream the CSV export of N responses from a scratch SQLite database and show that
memory stays flat: prints rows/s, resident memory while streaming and peak RSS. The text
passes the output gate: first the stored redaction is filled (as `flask privacy
redact-texts` does, timed), then the export reads it; `--no-backfill` measures the export
redacting every row on the fly instead. One text in five carries a phone number and an
email address for the redactor to find.

    .venv/bin/python benchmarks/export_memory.py --rows 200000 [--no-backfill]

The database is built in a child process (bulk inserts, no tagging) so the peak RSS
printed is the export's own. Not part of the test suite."""

import argparse
import multiprocessing
import os
import random
import resource
import tempfile
import time
from datetime import datetime, timedelta

TEXTS = [
    "Off-road bikes tear round the rec every evening and nobody comes",
    "Speeding through the village, someone will be killed on the A6097",
    "Drug dealing outside the shops on the estate, all day long",
    "Hare coursing and fuel theft on the farm again this winter",
    "My mum lost her savings to a scam phone call, nobody helped",
    "We never see a police officer on foot in the town centre any more",
]
LABELS = ["asb", "road_safety", "drugs", "rural_crime", "fraud_cyber", "police_visibility_response"]
DISTRICTS = [
    "ashfield",
    "bassetlaw",
    "broxtowe",
    "gedling",
    "mansfield",
    "newark_and_sherwood",
    "rushcliffe",
    "nottingham_city",
]


def rss_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def build(url: str, rows: int) -> None:
    import sqlalchemy as sa
    from flask_migrate import upgrade

    from engage import create_app
    from engage.extensions import db
    from engage.responses.models import Response, ResponseTag

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "TAG_ON_CREATE": False, "SECRET_KEY": "bench"}
    )
    rng = random.Random(7)
    start = datetime(2025, 4, 1)
    with app.app_context():
        upgrade(revision="heads")
        batch = 10_000
        for first in range(1, rows + 1, batch):
            ids = range(first, min(first + batch, rows + 1))
            db.session.execute(
                sa.insert(Response),
                [
                    {
                        "id": i,
                        "reference": f"B{i:08d}",
                        "channel": rng.choice(["event", "survey", "direct", "voices"]),
                        "text": rng.choice(TEXTS)
                        + (f", ring 07700 9{i % 100000:05d} or jo{i}@example.org" if i % 5 == 0 else f" ({i})"),
                        "district": rng.choice(DISTRICTS),
                        "submitted_at": start + timedelta(minutes=i),
                        "consent_to_quote": i % 3 == 0,
                        "privacy_notice_version": "2026-04",
                        "status": "received",
                        "safeguarding_flag": False,
                        "consent_to_contact": False,
                    }
                    for i in ids
                ],
            )
            db.session.execute(
                sa.insert(ResponseTag),
                [
                    {
                        "response_id": i,
                        "label": label,
                        "score": 0.8,
                        "source": "model",
                        "model_version": "bench",
                        "evidence": [],
                        "created_at": start,
                    }
                    for i in ids
                    for label in rng.sample(LABELS, rng.choice([1, 1, 2, 3]))
                ],
            )
            db.session.commit()


def backfill(url: str) -> None:
    from engage import create_app
    from engage.extensions import db
    from engage.privacy.gate import redact_stored_chunk

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "TAG_ON_CREATE": False, "SECRET_KEY": "bench"}
    )
    with app.app_context():
        t0, last, done = time.perf_counter(), 0, 0
        while (step := redact_stored_chunk(last, everything=True)) is not None:
            db.session.commit()
            last, done = step[0], done + step[1]
        elapsed = time.perf_counter() - t0
    print(f"stored the redacted text of {done:,} responses in {elapsed:.1f} s: "
          f"{done / elapsed:,.0f} rows/s (flask privacy redact-texts --all)")


def export(url: str, rows: int) -> None:
    from engage import create_app
    from engage.analysis.services import export_body, start_export
    from engage.extensions import db
    from engage.responses.queries import ResponseFilter

    app = create_app(
        {"SQLALCHEMY_DATABASE_URI": url, "TAG_ON_CREATE": False, "SECRET_KEY": "bench"}
    )
    with app.app_context():
        flt = ResponseFilter()
        started = start_export(None, flt, "csv")
        db.session.commit()
        before = rss_mb()
        print(f"export of {started.rows:,} rows; RSS before streaming {before:.1f} MB")
        t0, written, lines, samples = time.perf_counter(), 0, 0, []
        for chunk in export_body(started, flt):
            written += len(chunk)
            lines += chunk.count("\n")
            if len(samples) < lines // (rows // 10):
                samples.append((lines, rss_mb()))
        elapsed = time.perf_counter() - t0
    for n, mb in samples:
        print(f"  after {n:>9,} rows: RSS {mb:7.1f} MB")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"{lines - 1:,} rows, {written / 2**20:.1f} MB of CSV in {elapsed:.1f} s: "
        f"{(lines - 1) / elapsed:,.0f} rows/s; peak RSS {peak:.1f} MB "
        f"(growth while streaming {max(mb for _, mb in samples) - before:+.1f} MB)"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--db", help="keep the scratch database here (reused when it exists)")
    parser.add_argument("--no-backfill", action="store_true",
                        help="export without the stored redaction (redacted row by row)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or f"{tmp}/bench.sqlite"
        url = f"sqlite:///{os.path.abspath(path)}"
        if not os.path.exists(path):
            t0 = time.perf_counter()
            child = multiprocessing.get_context("spawn").Process(
                target=build, args=(url, args.rows)
            )
            child.start()
            child.join()
            if child.exitcode:
                raise SystemExit("building the scratch database failed")
            print(f"inserted {args.rows:,} responses in {time.perf_counter() - t0:.1f} s")
        if not args.no_backfill:
            backfill(url)
        export(url, args.rows)


if __name__ == "__main__":
    main()
