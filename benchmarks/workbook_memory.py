"""Write the analysts' XLSX workbook for N responses from a scratch SQLite database and
show memory stays flat (openpyxl write_only): prints rows/s, the workbook's size, and
resident memory before and after, with peak RSS. Reuses export_memory.py's database
builder and redaction backfill.

    nice .venv/bin/python benchmarks/workbook_memory.py --rows 100000 [--db /tmp/wb.sqlite]

Not part of the test suite."""

import argparse
import multiprocessing
import os
import resource
import tempfile
import time

from export_memory import backfill, build, rss_mb


def workbook(url: str) -> None:
    import sqlalchemy as sa

    from engage import create_app
    from engage.analysis import exports
    from engage.analysis.services import export_body, start_export
    from engage.extensions import db
    from engage.responses.models import Response
    from engage.responses.queries import ResponseFilter

    app = create_app({"SQLALCHEMY_DATABASE_URI": url, "TAG_ON_CREATE": False, "SECRET_KEY": "bench"})
    with app.app_context():
        flt = ResponseFilter()
        started = start_export(None, flt, "xlsx")
        db.session.commit()
        rows = db.session.scalar(sa.select(sa.func.count(Response.id)))
        t0 = time.perf_counter()
        exports.write_xlsx(exports.iter_export_rows(flt)).close()
        print(f"one-sheet raw dump (exports.write_xlsx), for comparison: "
              f"{rows / (time.perf_counter() - t0):,.0f} rows/s")
        before = rss_mb()
        t0 = time.perf_counter()
        body = export_body(started, flt)
        elapsed = time.perf_counter() - t0
        size = body.seek(0, os.SEEK_END)
        body.close()
    after = rss_mb()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"workbook of {rows:,} rows, {size / 2**20:.1f} MB, in {elapsed:.1f} s: "
          f"{rows / elapsed:,.0f} rows/s; RSS before {before:.1f} MB, after {after:.1f} MB, "
          f"peak {peak:.1f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--db", help="keep the scratch database here (reused when it exists)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = args.db or f"{tmp}/bench.sqlite"
        url = f"sqlite:///{os.path.abspath(path)}"
        if not os.path.exists(path):
            child = multiprocessing.get_context("spawn").Process(target=build, args=(url, args.rows))
            child.start()
            child.join()
            if child.exitcode:
                raise SystemExit("building the scratch database failed")
            backfill(url)
        workbook(url)


if __name__ == "__main__":
    main()
