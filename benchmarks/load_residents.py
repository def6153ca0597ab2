"""200 residents for 60 seconds against gunicorn on loopback with PostgreSQL: giving views
at sessions, registering, answering the consultation survey page by page and telling us
in confidence, all through the real pages (CSRF tokens, cookies, redirects). Passes when
there is no 5xx, every acknowledged submission is in the database afterwards and the
95th percentile latency is under 300 ms.

    .venv/bin/python benchmarks/load_residents.py [--users 200] [--duration 60]

The fault benchmarks import `run_residents` from here."""

import argparse
import asyncio
import random
import re
import sys
import time
from dataclasses import dataclass
from urllib.parse import urlsplit

import load_harness as h
import sqlalchemy as sa
from load_client import Browser, Reply

CSRF = re.compile(r'name="csrf_token" type="hidden" value="([^"]+)"|'
                  r'type="hidden" name="csrf_token" value="([^"]+)"')
FLOWS = {"view": 30, "register": 25, "survey": 25, "tell_us": 20}
RUN = int(time.time())  # emails differ from run to run (one registration per email per session)


@dataclass
class Plan:
    base: str
    events: list[int]  # published sessions with a waiting list (registration always acked)
    survey_id: int
    deadline: float  # no new flow after this (monotonic)
    hard_deadline: float  # no new request after this
    think: tuple[float, float]
    spread_sources: bool = False  # each resident connects from their own 127.0.x.y


def csrf(html: str) -> str:
    m = CSRF.search(html or "")
    return (m.group(1) or m.group(2)) if m else ""


class Resident:
    """One simulated person with their own cookies, moving at a person's pace."""

    def __init__(self, n: int, plan: Plan, stats: h.Stats):
        self.n, self.plan, self.stats = n, plan, stats
        self.rng = random.Random(n)
        source = f"127.0.{1 + n // 250}.{1 + n % 250}" if plan.spread_sources else None
        self.client = Browser.for_base(plan.base, timeout=30, source=source)

    async def think(self) -> None:
        await asyncio.sleep(self.rng.uniform(*self.plan.think))

    async def get(self, url: str, label: str) -> Reply | None:
        if time.monotonic() > self.plan.hard_deadline:
            return None
        await self.think()
        resp = await h.timed(self.client, self.stats, "GET", url, label)
        return resp if resp is not None and resp.status_code < 400 else None

    async def post(self, url: str, label: str, data: dict) -> Reply | None:
        """POST then follow the redirect to the confirmation or next page (as a browser)."""
        if time.monotonic() > self.plan.hard_deadline:
            return None
        await self.think()
        resp = await h.timed(self.client, self.stats, "POST", url, label, data)
        if resp is None or resp.status_code != 302:
            return None
        location = resp.headers["location"]
        return await h.timed(self.client, self.stats, "GET", location, _label(location))

    def acknowledged(self, kind: str, resp: Reply | None) -> None:
        m = h.REFERENCE.search(resp.text) if resp is not None and resp.status_code == 200 else None
        if m:
            self.stats.ack(kind, m.group(1))

    async def view(self) -> None:
        event = self.rng.choice(self.plan.events)
        if await self.get(f"/events/{event}", "/events/<id>") is None:
            return
        page = await self.get(f"/events/{event}/views", "/events/<id>/views")
        if page is None:
            return
        data = {"csrf_token": csrf(page.text), "text": self.rng.choice(h.VIEWS),
                "district": self.rng.choice(["", "mansfield", "gedling", "rushcliffe"]),
                "consent_to_quote": "y"}
        self.acknowledged("response", await self.post(f"/events/{event}/views",
                                                      "/events/<id>/views", data))

    async def register(self) -> None:
        event = self.rng.choice(self.plan.events)
        page = await self.get(f"/events/{event}/register", "/events/<id>/register")
        if page is None:
            return
        data = {"csrf_token": csrf(page.text), "name": f"Load Resident {self.n}",
                "email": f"resident{self.n}.{RUN}.{self.rng.randrange(10**9)}@example.org",
                "postcode": "NG5 6LU"}
        self.acknowledged("registration", await self.post(
            f"/events/{event}/register", "/events/<id>/register", data))

    async def tell_us(self) -> None:
        page = await self.get("/tell-us", "/tell-us")
        if page is None:
            return
        data = {"csrf_token": csrf(page.text), "text": self.rng.choice(h.VIEWS),
                "district": "ashfield"}
        self.acknowledged("response", await self.post("/tell-us", "/tell-us", data))

    async def survey(self) -> None:
        sid = self.plan.survey_id
        page = await self.get(f"/surveys/{sid}", "/surveys/<id>")
        if page is None:
            return
        page = await self.post(f"/surveys/{sid}/start", "/surveys/<id>/start",
                               {"csrf_token": csrf(page.text)})
        for _ in range(10):  # pages, About you, Check your answers: bounded
            if page is None or page.status_code != 200:
                return
            if h.REFERENCE.search(page.text):
                return self.acknowledged("survey", page)
            _, data = h.fill_form(page.text, self.rng, self.rng.choice(h.VIEWS))
            url = page.path
            page = await self.post(url, _label(url), data)

    async def live(self, ramp: float) -> None:
        await asyncio.sleep(self.rng.uniform(0, ramp))
        flows = [getattr(self, name) for name in FLOWS]
        for _ in range(1000):
            if time.monotonic() > self.plan.deadline:
                break
            await self.get("/", "/")
            await self.rng.choices(flows, weights=list(FLOWS.values()))[0]()
        await self.client.aclose()


def _label(url: str) -> str:
    path = urlsplit(url).path
    path = re.sub(r"/registrations/[^/]+", "/registrations/<token>", path)
    return re.sub(r"/\d+", "/<id>", path)


def discover(db_url: str) -> tuple[list[int], int]:
    engine = sa.create_engine(h.sql_url(db_url))
    with engine.connect() as conn:
        events = list(conn.scalars(sa.text(
            "SELECT id FROM events WHERE status = 'published' AND waitlist AND starts_at > now()")))
        survey = conn.scalar(sa.text(
            "SELECT id FROM surveys WHERE title LIKE 'Police and Crime Plan%'"))
    engine.dispose()
    return events, survey


async def run_residents(base: str, db_url: str, users: int, duration: float,
                        think: tuple[float, float], ramp: float, stats: h.Stats,
                        spread_sources: bool = False) -> float:
    """Run `users` residents for `duration` seconds; returns the seconds it took."""
    events, survey = discover(db_url)
    now = time.monotonic()
    plan = Plan(base, events, survey, now + duration, now + duration + 20, think, spread_sources)
    residents = [Resident(n, plan, stats) for n in range(users)]
    await asyncio.gather(*(r.live(ramp) for r in residents))
    return time.monotonic() - now


def parse_args(argv=None, users=200, duration=60.0, extra=None, doc=None):
    p = argparse.ArgumentParser(description=(doc or __doc__).split("\n\n")[0])
    p.add_argument("--users", type=int, default=users)
    p.add_argument("--duration", type=float, default=duration)
    p.add_argument("--db", default=h.DEFAULT_DB, help="PostgreSQL URL (emptied and seeded)")
    p.add_argument("--workers", type=int, default=3, help="gunicorn processes (see load_gunicorn_conf.py)")
    p.add_argument("--threads", type=int, default=4, help="threads per process")
    p.add_argument("--think", default="1:3", help="seconds between a person's requests, min:max")
    p.add_argument("--ramp", type=float, default=10.0, help="seconds over which people arrive")
    p.add_argument("--no-prepare", action="store_true", help="keep the database as it is")
    if extra:
        extra(p)
    args = p.parse_args(argv)
    args.think = tuple(float(x) for x in args.think.split(":"))
    return args


def main(argv=None) -> int:
    args = parse_args(argv)
    if not args.no_prepare:
        print("Preparing the database (migrations, demo data)...", flush=True)
        h.prepare_database(args.db)
    port = h.free_port()
    proc = h.start_gunicorn(args.db, port, args.workers, args.threads,
                            h.ARTIFACTS / "load_residents.gunicorn.log")
    stats, load_before = h.Stats(), h.load_average()
    meter = h.CpuMeter(proc.pid, args.db.rsplit("/", 1)[1]).start()
    try:
        elapsed = asyncio.run(run_residents(f"http://127.0.0.1:{port}", args.db, args.users,
                                            args.duration, args.think, args.ramp, stats))
        cpu = meter.stop(len(stats.requests))
    finally:
        h.stop(proc)  # graceful: in-flight requests finish before we count
    result = h.summary(stats, elapsed) | cpu
    found = h.stored_references(args.db, stats.acks)
    lost = sum(result["acknowledged"].get(k, 0) - n for k, n in found.items())
    result.update(users=args.users, seconds=round(elapsed, 1), workers=args.workers,
                  threads=args.threads, think_s=args.think, found_in_database=found, lost=lost,
                  load_average_before=load_before, load_average_after=h.load_average())
    passed = result["5xx"] == 0 and lost == 0 and result["p95_ms"] < 300
    result["passed"] = passed
    h.print_table("200 residents" if args.users == 200 else f"{args.users} residents", result)
    print(f"\nSaved to {h.save('load_residents', result)}")
    print("PASS" if passed else "FAIL: needs zero 5xx, nothing lost and p95 < 300 ms")
    return 0 if passed else 1


if __name__ == "__main__":
    sys.exit(main())
