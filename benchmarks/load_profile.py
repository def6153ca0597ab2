"""Where the CPU of a simulated resident's requests goes, request by request: the app
in this process (no gunicorn, no network), driven through the same pages as
`load_residents.py` with the Flask test client, against the PostgreSQL load database.
Prints, for each kind of request, the app's CPU milliseconds and SQL statements per
request; `--statements` shows one request's SQL of each kind, `--cprofile N` the N most
expensive functions. The figures are the request thread's CPU with warm caches: under
gunicorn, with the other processes in between, the same requests cost a third more to
twice as much.

    .venv/bin/python benchmarks/load_profile.py [--rounds 200] [--statements] [--cprofile 30]"""

import argparse
import cProfile
import io
import os
import pstats
import random
import sys
import time
from collections import defaultdict

import load_harness as h
from load_residents import FLOWS, RUN, _label, csrf


class Meter:
    """WSGI middleware: thread CPU time and SQL statements per request label."""

    def __init__(self, wsgi_app, profiler: cProfile.Profile | None):
        self.wsgi_app, self.profiler = wsgi_app, profiler
        self.cpu, self.sql, self.count = defaultdict(float), defaultdict(int), defaultdict(int)
        self.statements, self.last_sql, self.examples = 0, [], {}

    def __call__(self, environ, start_response):
        label = f"{environ['REQUEST_METHOD']} {_label(environ['PATH_INFO'])}"
        self.last_sql = []
        before, t0 = self.statements, time.thread_time()
        if self.profiler:
            self.profiler.enable()
        try:
            body = b"".join(self.wsgi_app(environ, start_response))
        finally:
            if self.profiler:
                self.profiler.disable()
        self.cpu[label] += time.thread_time() - t0
        self.sql[label] += self.statements - before
        self.count[label] += 1
        self.examples.setdefault(label, self.last_sql)
        return [body]

    def on_statement(self, _conn, _cursor, statement, *_args) -> None:
        self.statements += 1
        self.last_sql.append(" ".join(statement.split())[:160])


class Person:
    """The residents' flows of load_residents.py, one after the other, without pauses."""

    def __init__(self, client, rng: random.Random, events: list[int], survey_id: int):
        self.client, self.rng, self.events, self.survey_id = client, rng, events, survey_id

    def post(self, url: str, data: dict):
        resp = self.client.post(url, data=data)
        return self.client.get(resp.headers["Location"]) if resp.status_code == 302 else resp

    def view(self):
        event = self.rng.choice(self.events)
        self.client.get(f"/events/{event}")
        page = self.client.get(f"/events/{event}/views").get_data(as_text=True)
        self.post(f"/events/{event}/views", {"csrf_token": csrf(page), "text": self.rng.choice(h.VIEWS),
                                             "district": "gedling", "consent_to_quote": "y"})

    def register(self):
        event = self.rng.choice(self.events)
        page = self.client.get(f"/events/{event}/register").get_data(as_text=True)
        self.post(f"/events/{event}/register", {
            "csrf_token": csrf(page), "name": "Load Resident",
            "email": f"profile.{RUN}.{self.rng.randrange(10**9)}@example.org", "postcode": "NG5 6LU"})

    def tell_us(self):
        page = self.client.get("/tell-us").get_data(as_text=True)
        self.post("/tell-us", {"csrf_token": csrf(page), "text": self.rng.choice(h.VIEWS),
                               "district": "ashfield"})

    def survey(self):
        page = self.client.get(f"/surveys/{self.survey_id}").get_data(as_text=True)
        resp = self.post(f"/surveys/{self.survey_id}/start", {"csrf_token": csrf(page)})
        for _ in range(10):
            html = resp.get_data(as_text=True)
            if resp.status_code != 200 or h.REFERENCE.search(html):
                return
            _, data = h.fill_form(html, self.rng, self.rng.choice(h.VIEWS))
            resp = self.post(resp.request.path, data)


def build_app(db_url: str):
    for key, value in h.app_env(db_url).items():
        os.environ.setdefault(key, value)
    sys.path.insert(0, str(h.REPO))
    from wsgi import app

    return app


def main(argv=None) -> int:
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    p.add_argument("--db", default=h.DEFAULT_DB)
    p.add_argument("--rounds", type=int, default=200, help="residents' visits (home page and one flow)")
    p.add_argument("--prepare", action="store_true", help="empty and seed the database first")
    p.add_argument("--cprofile", type=int, default=0, help="print the N costliest functions")
    p.add_argument("--statements", action="store_true", help="print one request's SQL of each kind")
    args = p.parse_args(argv)
    if args.prepare:
        h.prepare_database(args.db)
    app = build_app(args.db)
    from load_residents import discover
    from sqlalchemy import event

    events, survey_id = discover(args.db)
    with app.app_context():
        from engage.extensions import db

        engine = db.engine
    meter = Meter(app.wsgi_app, None)
    event.listen(engine, "before_cursor_execute", meter.on_statement)
    app.wsgi_app = meter
    warm = Person(app.test_client(), random.Random(0), events, survey_id)
    for flow in FLOWS:
        getattr(warm, flow)()
    meter.cpu.clear(), meter.sql.clear(), meter.count.clear(), meter.examples.clear()
    meter.profiler = cProfile.Profile(time.thread_time) if args.cprofile else None
    for n in range(args.rounds):  # a resident's visit: the home page, then one flow, in the residents' mix
        person = Person(app.test_client(), random.Random(n), events, survey_id)
        person.client.get("/")
        getattr(person, person.rng.choices(list(FLOWS), weights=list(FLOWS.values()))[0])()
    report(meter)
    if args.statements:
        for label, statements in meter.examples.items():
            print(f"\n{label}", *statements, sep="\n  ")
    if meter.profiler:
        out = io.StringIO()
        pstats.Stats(meter.profiler, stream=out).sort_stats("cumulative").print_stats(args.cprofile)
        print(out.getvalue())
        out = io.StringIO()
        pstats.Stats(meter.profiler, stream=out).sort_stats("tottime").print_stats(args.cprofile)
        print(out.getvalue())
    return 0


def report(meter: Meter) -> None:
    total_cpu = sum(meter.cpu.values())
    total_n = sum(meter.count.values())
    print(f"\n{'request':<52} {'n':>5} {'cpu ms':>8} {'sql':>5} {'share':>6}")
    for label in sorted(meter.cpu, key=lambda k: -meter.cpu[k]):
        n = meter.count[label]
        print(f"{label:<52} {n:>5} {1000 * meter.cpu[label] / n:>8.2f} {meter.sql[label] / n:>5.1f} "
              f"{100 * meter.cpu[label] / total_cpu:>5.1f}%")
    print(f"{'all':<52} {total_n:>5} {1000 * total_cpu / total_n:>8.2f} "
          f"{sum(meter.sql.values()) / total_n:>5.1f}")
    sys.stdout.flush()


if __name__ == "__main__":
    sys.exit(main())
