"""Sign-in and registration time for an address with an account and one without, over
real HTTP to a scratch app: prints the median of each, so anyone can check that timing
does not tell who is registered (issue 14, finding 3).

    .venv/bin/python benchmarks/sign_in_timing.py --rounds 40

Not part of the test suite (tests do not time things)."""

import argparse
import statistics
import tempfile
import time

from engage import create_app
from engage.accounts import services
from engage.extensions import db


def _medians_ms(client, path: str, datas: dict, rounds: int) -> dict[str, float]:
    """Median time of each kind of request, interleaved so load on the machine hits both."""
    times: dict[str, list[float]] = {label: [] for label in datas}
    for i in range(rounds):
        for label, data in datas.items():
            start = time.perf_counter()
            client.post(path, data=data(i))
            times[label].append((time.perf_counter() - start) * 1000)
    return {label: statistics.median(t) for label, t in times.items()}


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rounds", type=int, default=40)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        app = create_app({"TESTING": True, "WTF_CSRF_ENABLED": False,
                          "SQLALCHEMY_DATABASE_URI": f"sqlite:///{tmp}/bench.sqlite"})
        with app.app_context():
            from flask_migrate import upgrade

            upgrade(revision="heads")
            services.create_user("real@example.org", "correct horse battery")
            db.session.commit()
            # Under the lock threshold on every round: lift the lock between rounds.
            app.config["RATELIMIT_ENABLED"] = False
            services.MAX_FAILED_SIGN_INS = 10**6
            client = app.test_client()
            wrong = {"account exists": lambda i: {"email": "real@example.org", "password": "wrong password!"},
                     "no account": lambda i: {"email": "nobody@example.org", "password": "wrong password!"}}
            for label, ms in _medians_ms(client, "/account/sign-in", wrong, args.rounds).items():
                print(f"sign-in, wrong password, {label}: median {ms:.1f} ms")
            pw = {"password": "correct horse battery", "confirm": "correct horse battery"}
            register = {"account exists": lambda i: {"email": "real@example.org"} | pw,
                        "new address": lambda i: {"email": f"new{i}@example.org"} | pw}
            for label, ms in _medians_ms(client, "/account/register", register, args.rounds).items():
                print(f"register, {label}: median {ms:.1f} ms")

if __name__ == "__main__":
    main()
