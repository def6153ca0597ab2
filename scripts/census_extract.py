"""Copy the Census 2021 counts the representation page compares with out of the ONS
bulk files, into engage/data/census_2021_nottinghamshire.json, with where each came from.

    python scripts/census_extract.py DIR --source "https://www.nomisweb.co.uk/output/census/2021/"
    python scripts/census_extract.py --long-csv TS077=england_sexual_orientation_21.csv --source ...

DIR holds the nomis bulk downloads as they come (census2021-ts021.zip ...) or the CSVs
taken out of them (census2021-ts021-utla.csv, census2021-ts021-ltla.csv ...). For each
table named in the data file it finds the row of each area code (Nottinghamshire
E10000024 is an upper-tier area; Nottingham E06000018 and the seven districts are in
the lower-tier file too), sums the columns the data file names for each group, checks
that the groups plus the categories left out add up to the table's total, and writes
the counts with the table id, file name, SHA-256 and --source. A table with no file in
DIR is left as it is (and reported); a file whose columns do not match is an error,
never a guess. Only the extracted counts are committed, not the downloads.

--long-csv TABLE=FILE reads instead one table from a published 'tidy' copy of a bulk CSV:
one row per area and category, with the area code (a column ending in _code), the area's
total (a column starting with total), the category's name as the bulk file spells it and
its count n (the layout of the humaniverse R packages' data). The counts are the bulk
file's cells, unchanged; the SHA-256 is that of FILE. It also reads the layout of an ONS
'create a custom dataset' download (area code, area, category code, category,
Observation), whose table total is the sum of the area's categories."""

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
    """'Ethnic group: White; measures: Value' -> 'white' (the part after the variable);
    'Sex: Female; Age: Total; measures: Value' -> 'female; age: total' (a cross-table)."""
    text = re.sub(r";\s*measures: value$", "", header.strip(), flags=re.IGNORECASE)
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


def _total(row: dict) -> int:
    for header, value in row.items():
        if _label(header).startswith(("total", "all persons")):
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


def _named_sum(topic: dict, row: dict, labels: list[str]) -> int:
    """The count of the categories the data file names as left out ('Not answered')."""
    by_label = {_label(h): v for h, v in row.items()}
    missing = [label for label in labels if label.lower() not in by_label]
    if missing:
        raise ExtractError(f"{topic['table']}: no column {missing[0]!r}")
    return sum(int(by_label[label.lower()]) for label in labels)


Rows = dict[str, tuple[dict, str, str]]  # area code -> (row by header, file name, sha256)


def csv_lookup(folder: Path):
    """table id -> its rows, read from the bulk CSVs (or zips) in `folder`; None without."""
    def lookup(table: str) -> Rows | None:
        files = _tables(folder, table)
        return _rows(files) if files else None
    return lookup


def atlas_lookup(cases_path: Path, manifest_path: Path):
    """The same, read from a published extract of the bulk CSVs in the 'population cases'
    layout (topics with each CSV column's name and every area's counts in column order),
    with each CSV's SHA-256 from the extract's manifest."""
    cases = json.loads(cases_path.read_text())
    digests = {e["file"]: e["sha256"] for e in json.loads(manifest_path.read_text())["selectedExtracts"]}
    tables = {}
    for case in cases["cases"]:
        for topic in case.get("topics", []):
            name = f"census2021-{topic['id']}-ltla.csv"
            columns = [c["sourceColumn"] for c in topic["categories"]]
            tables[topic["id"].upper()] = {
                area["code"]: ({topic["denominatorColumn"]: area["denominator"],
                                **dict(zip(columns, area["counts"], strict=True))}, name, digests[name])
                for area in topic["areas"]
            }
    return tables.get


def long_lookup(tables: dict[str, Path]):
    """The same, read from tidy copies of bulk CSVs (see --long-csv): {table: FILE}."""
    def lookup(table: str) -> Rows | None:
        path = tables.get(table)
        if path is None:
            return None
        raw = path.read_bytes()
        digest, out = hashlib.sha256(raw).hexdigest(), {}
        reader = csv.DictReader(io.StringIO(raw.decode("utf-8-sig")))
        fields = reader.fieldnames or []
        if fields[-1:] == ["Observation"] and len(fields) == 5:
            return _custom_dataset(reader, fields, path.name, digest)
        code = next((f for f in fields if f.endswith("_code")), None)
        total = next((f for f in fields if f.lower().startswith("total")), None)
        category = [f for f in fields if f not in (code, total, "n", "prop")]
        if not code or not total or "n" not in fields or len(category) != 1:
            raise ExtractError(f"{path.name}: expected an area code, a total, one category and n; got {fields}")
        for row in reader:
            cells, _, _ = out.setdefault(row[code], ({"Total": row[total]}, path.name, digest))
            if cells["Total"] != row[total]:
                raise ExtractError(f"{path.name}: {row[code]} has two different totals")
            if row[category[0]] in cells:
                raise ExtractError(f"{path.name}: {row[code]} has {row[category[0]]!r} twice")
            cells[row[category[0]]] = row["n"]
        return out
    return lookup


def _custom_dataset(reader, fields: list[str], name: str, digest: str) -> Rows:
    """An ONS custom dataset: one row per area and category; the total is their sum."""
    code, category = fields[0], fields[3]
    out: Rows = {}
    for row in reader:
        cells, _, _ = out.setdefault(row[code], ({"Total": 0}, name, digest))
        if row[category] in cells:
            raise ExtractError(f"{name}: {row[code]} has {row[category]!r} twice")
        cells[row[category]] = row["Observation"]
        cells["Total"] += int(row["Observation"])
    return out


def _rows(files: list[tuple[str, bytes]]) -> Rows:
    out: Rows = {}
    for name, raw in files:
        digest = hashlib.sha256(raw).hexdigest()
        for row in csv.DictReader(io.StringIO(raw.decode("utf-8-sig"))):
            out.setdefault(row.get("geography code"), (row, name, digest))
    return out


def _figure(topic: dict, code: str, row: dict, name: str, digest: str, source: str, licence: str) -> dict:
    counts, total = _group_counts(topic, row), _total(row)
    if sum(counts.values()) > total:
        raise ExtractError(f"{topic['table']} {code}: the groups add up to more than the total")
    left_out = _named_sum(topic, row, topic.get("not_compared_columns", []))
    if ("census_ages" in topic or "not_compared_columns" in topic) and sum(counts.values()) + left_out != total:
        raise ExtractError(f"{topic['table']} {code}: the categories add up to "
                           f"{sum(counts.values()) + left_out}, not to the total {total}")
    return {"table": topic["table"], "area": code, "counts": counts, "total": total,
            "not_compared": total - sum(counts.values()), "file": name, "sha256": digest,
            "source": source, "licence": licence}


def _county_from_districts(topic, figures: list[dict], county: str) -> dict:
    """The county as the sum of its districts' counts in the same table, when the file has
    no upper-tier row (exact arithmetic on published counts; the county's own row may differ
    by a few people, as ONS perturbs each table and area separately)."""
    first = figures[0]
    counts = {g: sum(f["counts"][g] for f in figures) for g in first["counts"]}
    total = sum(f["total"] for f in figures)
    return {**first, "area": county, "counts": counts, "total": total,
            "not_compared": total - sum(counts.values()),
            "derived_from": [f["area"] for f in figures]}


def extract_topic(topic: dict, lookup, codes: list[str], districts: dict, source: str, licence: str):
    """{area code: {counts, total, file, sha256, source, licence}}, or None with no file."""
    rows = lookup(topic["table"])
    if rows is None:
        return None
    out = {}
    county_parts = [c for k, c in districts.items() if k != "nottingham_city"]
    for code in codes:
        if code in rows:
            out[code] = _figure(topic, code, *rows[code], source, licence)
        elif all(c in rows for c in county_parts):
            parts = [_figure(topic, c, *rows[c], source, licence) for c in county_parts]
            out[code] = _county_from_districts(topic, parts, code)
        else:
            raise ExtractError(f"{topic['table']}: no row for {code}")
    return out


def extract_districts(districts: dict, lookup, source: str, licence: str) -> dict | None:
    rows = lookup(districts["table"])
    if rows is None:
        return None
    out = {}
    for key, code in districts["codes"].items():
        if code not in rows:
            raise ExtractError(f"{districts['table']}: no row for {code}")
        row, name, digest = rows[code]
        out[key] = {"table": districts["table"], "area": code, "usual_residents": _total(row),
                    "file": name, "sha256": digest, "source": source, "licence": licence}
    return out


def extract(data: dict, lookup, source: str) -> tuple[dict, list[str]]:
    """(the data with every table found filled in, tables with no file)."""
    codes, licence, missing = list(data["areas"]), data["licence"], []
    for topic in data["topics"].values():
        figures = extract_topic(topic, lookup, codes, data["districts"]["codes"], source, licence)
        if figures is None:
            missing.append(topic["table"])
        else:
            topic["figures"] = figures
    districts = extract_districts(data["districts"], lookup, source, licence)
    if districts is None:
        missing.append(data["districts"]["table"])
    else:
        data["districts"]["figures"] = districts
    return data, missing


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("folder", type=Path, nargs="?", help="the bulk downloads (zips or CSVs)")
    parser.add_argument("--atlas-cases", type=Path, help="instead: a 'population cases' extract (cases.json)")
    parser.add_argument("--atlas-manifest", type=Path, help="its manifest.json (the CSVs' SHA-256)")
    parser.add_argument("--long-csv", action="append", default=[], metavar="TABLE=FILE",
                        help="instead: a tidy copy of one table's bulk CSV (repeatable)")
    parser.add_argument("--source", required=True, help="where the files came from (URL, or repository@commit)")
    parser.add_argument("--data-file", type=Path, default=DATA_FILE)
    args = parser.parse_args(argv)
    if sum(map(bool, (args.folder, args.atlas_cases, args.long_csv))) != 1 \
            or bool(args.atlas_cases) != bool(args.atlas_manifest):
        parser.error("give a folder, or --atlas-cases with --atlas-manifest, or --long-csv")
    if any("=" not in item for item in args.long_csv):
        parser.error("--long-csv takes TABLE=FILE, e.g. TS077=england_sexual_orientation_21.csv")
    long_tables = {t.upper(): Path(f) for t, f in (item.split("=", 1) for item in args.long_csv)}
    data = json.loads(args.data_file.read_text())
    try:
        lookup = (csv_lookup(args.folder) if args.folder else long_lookup(long_tables) if long_tables
                  else atlas_lookup(args.atlas_cases, args.atlas_manifest))
        data, missing = extract(data, lookup, args.source)
    except (ExtractError, KeyError, ValueError, OSError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    args.data_file.write_text(json.dumps(data, indent=2) + "\n")
    print(f"wrote {args.data_file}; no file for: {', '.join(dict.fromkeys(missing)) or 'none'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
