"""Copy the Census 2021 counts the representation page compares with out of the ONS
bulk files, into engage/data/census_2021_nottinghamshire.json, with where each came from.

    python scripts/census_extract.py DIR --source "https://www.nomisweb.co.uk/output/census/2021/"

DIR holds the nomis bulk downloads as they come (census2021-ts021.zip ...) or the CSVs
taken out of them (census2021-ts021-utla.csv, census2021-ts021-ltla.csv ...). For each
table named in the data file it finds the row of each area code (Nottinghamshire
E10000024 is an upper-tier area; Nottingham E06000018 and the seven districts are in
the lower-tier file too), sums the columns the data file names for each group, checks
that the groups plus the categories left out add up to the table's total, and writes
the counts with the table id, file name, SHA-256 and --source. A table with no file in
DIR is left as it is (and reported); a file whose columns do not match is an error,
never a guess. Only the extracted counts are committed, not the downloads."""

import argparse
import csv
import hashlib
import io
import json
import re
import sys
import zipfile
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent.parent / "engage" / "data" / "census_2021_nottinghamshire.json"
AREA_FILES = ("utla", "ltla")


class ExtractError(ValueError):
    """The files do not hold what the data file expects."""


def _label(header: str) -> str:
    """'Ethnic group: White; measures: Value' -> 'white' (the part after the variable)."""
    text = header.split(";")[0].strip()
    return (text.split(": ", 1)[1] if ": " in text else text).strip().lower()


def _age(label: str) -> int | None:
    """Single year of age from a TS007 column label; None for totals and bands."""
    if label == "aged under 1 year":
        return 0
    if found := re.fullmatch(r"aged (\d+) years? and over", label):
        return int(found.group(1))
    if found := re.fullmatch(r"aged (\d+) years?", label):
        return int(found.group(1))
    return None


def _tables(folder: Path, table: str) -> list[tuple[str, bytes]]:
    """(file name, bytes) of the table's upper- and lower-tier CSVs found in `folder`."""
    stem = f"census2021-{table.lower()}"
    found = []
    for kind in AREA_FILES:
        name = f"{stem}-{kind}.csv"
        if (folder / name).exists():
            found.append((name, (folder / name).read_bytes()))
        elif (folder / f"{stem}.zip").exists():
            with zipfile.ZipFile(folder / f"{stem}.zip") as archive:
                if name in archive.namelist():
                    found.append((f"{stem}.zip:{name}", archive.read(name)))
    return found


def _rows(files: list[tuple[str, bytes]], codes: set[str]) -> dict[str, tuple[dict, str, str]]:
    """area code -> (row by header, file name, sha256), the first file holding it."""
    out = {}
    for name, raw in files:
        digest = hashlib.sha256(raw).hexdigest()
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
            code = row.get("geography code")
            if code in codes and code not in out:
                out[code] = (row, name, digest)
    return out


def _total(row: dict) -> int:
    for header, value in row.items():
        if _label(header).startswith("total") or _label(header) == "all persons":
            return int(value)
    raise ExtractError(f"no Total column among {list(row)}")


def _group_counts(topic: dict, row: dict) -> dict[str, int]:
    """group -> count, summing the columns the data file names (or the single ages)."""
    by_label = {_label(h): v for h, v in row.items() if h not in ("date", "geography", "geography code")}
    if "census_ages" in topic:
        ages = {age: int(v) for label, v in by_label.items() if (age := _age(label)) is not None}
        if sorted(ages) != list(range(101)):
            raise ExtractError(f"{topic['table']}: expected single years 0 to 100, found {sorted(ages)}")
        return {g: sum(n for a, n in ages.items() if a >= lo and (hi is None or a <= hi))
                for g, (lo, hi) in topic["census_ages"].items()}
    counts = {}
    for group, labels in topic["census_columns"].items():
        missing = [label for label in labels if label.lower() not in by_label]
        if missing:
            raise ExtractError(f"{topic['table']}: no column {missing[0]!r}; the file has {sorted(by_label)}")
        counts[group] = sum(int(by_label[label.lower()]) for label in labels)
    return counts


def extract_topic(topic: dict, folder: Path, codes: list[str], source: str, licence: str) -> dict | None:
    """{area code: {counts, total, file, sha256, source, licence}}, or None with no file."""
    files = _tables(folder, topic["table"])
    if not files:
        return None
    rows = _rows(files, set(codes))
    out = {}
    for code in codes:
        if code not in rows:
            raise ExtractError(f"{topic['table']}: no row for {code} in {[n for n, _ in files]}")
        row, name, digest = rows[code]
        counts = _group_counts(topic, row)
        total = _total(row)
        if sum(counts.values()) > total:
            raise ExtractError(f"{topic['table']} {code}: the groups add up to more than the total")
        out[code] = {"table": topic["table"], "area": code, "counts": counts, "total": total,
                     "not_compared": total - sum(counts.values()), "file": name, "sha256": digest,
                     "source": source, "licence": licence}
    return out


def extract_districts(districts: dict, folder: Path, source: str, licence: str) -> dict | None:
    files = _tables(folder, districts["table"])
    if not files:
        return None
    codes = districts["codes"]
    rows = _rows(files, set(codes.values()))
    out = {}
    for key, code in codes.items():
        if code not in rows:
            raise ExtractError(f"{districts['table']}: no row for {code}")
        row, name, digest = rows[code]
        out[key] = {"table": districts["table"], "area": code, "usual_residents": _total(row),
                    "file": name, "sha256": digest, "source": source, "licence": licence}
    return out


def extract(data: dict, folder: Path, source: str) -> tuple[dict, list[str]]:
    """(the data with every table found filled in, tables with no file)."""
    codes, licence, missing = list(data["areas"]), data["licence"], []
    for topic in data["topics"].values():
        figures = extract_topic(topic, folder, codes, source, licence)
        if figures is None:
            missing.append(topic["table"])
        else:
            topic["figures"] = figures
    districts = extract_districts(data["districts"], folder, source, licence)
    if districts is None:
        missing.append(data["districts"]["table"])
    else:
        data["districts"]["figures"] = districts
    return data, missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path)
    parser.add_argument("--source", required=True, help="where the files came from (URL, or repository@commit)")
    parser.add_argument("--data-file", type=Path, default=DATA_FILE)
    args = parser.parse_args(argv)
    data = json.loads(args.data_file.read_text())
    try:
        data, missing = extract(data, args.folder, args.source)
    except ExtractError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.data_file.write_text(json.dumps(data, indent=2) + "\n")
    print(f"wrote {args.data_file}; no file for: {', '.join(missing) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
