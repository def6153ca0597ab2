"""Who we heard from against Census 2021: every person who answered 'About you', once;
census counts extracted exactly (scripts/census_extract.py) with where they came from;
Wilson intervals; a group marked only when its interval excludes the census share."""

import csv
import importlib.util
import io
import json
import re
import secrets
import zipfile
from pathlib import Path

import pytest

from engage.analysis import census as census_module
from engage.analysis.census import CENSUS_FILE
from engage.analysis.respondents import people_by_answer
from engage.responses.queries import ResponseFilter

ROOT = Path(__file__).resolve().parents[2]
TABLES = {"TS007", "TS009", "TS078", "TS021", "TS038", "TS030", "TS077"}
DISTRICT_CODES = ["E07000170", "E07000171", "E07000172", "E07000173", "E07000174", "E07000175", "E07000176"]


def _script():
    spec = importlib.util.spec_from_file_location("census_extract", ROOT / "scripts" / "census_extract.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _write(path: Path, prefix: str, total: str, columns: list[str], rows: dict[str, list[int]],
           counted: int | None = None):
    """A CSV shaped like the ONS bulk files: date, geography, geography code, total, cells.
    The total is the sum of the first `counted` cells (all of them by default): the rest
    are detailed categories already inside an aggregate."""
    with path.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["date", "geography", "geography code", f"{prefix}: {total}",
                      *[f"{prefix}: {c}" for c in columns]])
        for code, cells in rows.items():
            out.writerow([2021, code, code, sum(cells[:counted]), *cells])


ETHNIC = ["Asian, Asian British or Asian Welsh", "Black, Black British, Black Welsh, Caribbean or African",
          "Mixed or Multiple ethnic groups", "White", "Other ethnic group",
          "Asian, Asian British or Asian Welsh: Indian"]


def _ethnic(asian, black, mixed, white, other):
    # The aggregates and one of their detailed categories, as in the real file (the detail
    # is not added in: the data file names the aggregate columns only).
    return [asian, black, mixed, white, other, asian // 2]


def _bulk_files(folder: Path):
    """Made-up counts in the ONS bulk-file layout (tests only: the real ones are extracted
    from the ONS downloads by the same script). TS021 has lower-tier rows only, so the
    county is the sum of its districts; TS009 (sex by age: its sex totals are compared)
    has an upper-tier file, zipped."""
    folder.mkdir(exist_ok=True)
    rows = {code: _ethnic(420, 40, 40, 780, 150) for code in DISTRICT_CODES}
    rows["E06000018"] = _ethnic(1000, 100, 100, 600, 200)
    _write(folder / "census2021-ts021-ltla.csv", "Ethnic group", "Total: All usual residents", ETHNIC, rows, 5)
    sex = folder / "census2021-ts009-utla.csv"
    _write(sex, "Sex", "All persons; Age: Total; measures: Value",
           ["Female; Age: Total; measures: Value", "Male; Age: Total; measures: Value",
            "Female; Age: Aged under 1 year; measures: Value"],
           {"E10000024": [510, 490, 7], "E06000018": [250, 250, 3]}, 2)
    with zipfile.ZipFile(folder / "census2021-ts009.zip", "w") as archive:
        archive.write(sex, "census2021-ts009-utla.csv")
    sex.unlink()


@pytest.fixture
def census_file(tmp_path, monkeypatch):
    """The shipped data file, with made-up figures extracted into a copy of it."""
    folder = tmp_path / "bulk"
    _bulk_files(folder)
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    assert _script().main([str(folder), "--source", "test files", "--data-file", str(data_file)]) == 0
    monkeypatch.setattr(census_module, "CENSUS_FILE", data_file)
    census_module.census.cache_clear()
    yield json.loads(data_file.read_text())
    census_module.census.cache_clear()


def test_shipped_file_names_its_tables_and_holds_no_approximation():
    data = json.loads(CENSUS_FILE.read_text())
    assert {t["table"] for t in data["topics"].values()} == TABLES
    assert data["districts"]["table"] == "TS021"  # its total: all usual residents
    assert set(data["areas"]) == {"E10000024", "E06000018"}
    assert "Open Government Licence v3.0" in data["licence"]
    assert not _keys(data) & {"approximate", "percent", "usual_residents"}  # only extracted figures
    for topic in [*data["topics"].values(), data["districts"]]:
        for figure in (topic.get("figures") or {}).values():
            assert {"table", "area", "file", "sha256", "source", "licence"} <= set(figure)
            assert all(isinstance(n, int) for n in figure.get("counts", {}).values())


def _keys(value) -> set[str]:
    """Every key in a JSON document, outside extracted figures."""
    if isinstance(value, dict):
        return {k for k in value if k != "figures"} | {
            k for key, v in value.items() if key != "figures" for k in _keys(v)}
    if isinstance(value, list):
        return {k for v in value for k in _keys(v)}
    return set()


def test_extraction_copies_exact_counts_with_their_source(census_file):
    eth = census_file["topics"]["ethnicity"]["figures"]
    assert eth["E06000018"]["counts"] == {"asian": 1000, "black": 100, "mixed": 100, "white": 600, "other": 200}
    assert eth["E06000018"]["total"] == 2000  # the file's total column
    county = eth["E10000024"]
    assert county["counts"] == {"asian": 7 * 420, "black": 7 * 40, "mixed": 7 * 40, "white": 7 * 780, "other": 7 * 150}
    assert county["derived_from"] == DISTRICT_CODES
    assert county["file"] == "census2021-ts021-ltla.csv" and len(county["sha256"]) == 64
    assert county["source"] == "test files" and county["table"] == "TS021"
    sex = census_file["topics"]["sex"]["figures"]["E10000024"]
    assert sex["counts"] == {"female": 510, "male": 490} and sex["file"].endswith(".zip:census2021-ts009-utla.csv")
    assert sex["total"] == 1000 and "derived_from" not in sex
    residents = census_file["districts"]["figures"]
    assert residents["ashfield"]["usual_residents"] == 1430 and residents["nottingham_city"]["usual_residents"] == 2000
    shipped = json.loads(CENSUS_FILE.read_text())["topics"]
    for key in ("disability", "sexual_orientation", "gender_identity", "age_band"):  # no file: left as it was
        assert census_file["topics"][key]["figures"] == shipped[key]["figures"]


def test_extraction_refuses_a_file_without_the_named_columns(tmp_path):
    folder = tmp_path / "bulk"
    folder.mkdir()
    _write(folder / "census2021-ts077-utla.csv", "Sexual orientation",
           "Total: All usual residents aged 16 years and over",
           ["Straight or Heterosexual", "Gay or Lesbian", "All other sexual orientations", "Not answered"],
           {"E10000024": [90, 5, 1, 4], "E06000018": [80, 10, 2, 8]})  # no 'Bisexual'
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    assert _script().main([str(folder), "--source", "x", "--data-file", str(data_file)]) == 1
    assert data_file.read_text() == CENSUS_FILE.read_text()


def test_extraction_refuses_categories_that_do_not_add_up_to_the_total(tmp_path, capsys):
    folder = tmp_path / "bulk"
    folder.mkdir()
    columns = ["Straight or Heterosexual", "Gay or Lesbian", "Bisexual", "All other sexual orientations",
               "Not answered"]
    # The total counts 'Not answered' twice over: something other than the named categories.
    _write(folder / "census2021-ts077-utla.csv", "Sexual orientation",
           "Total: All usual residents aged 16 years and over", [*columns, "Not answered: twice"],
           {"E10000024": [90, 5, 3, 1, 4, 4], "E06000018": [80, 10, 6, 2, 8, 8]})
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    assert _script().main([str(folder), "--source", "x", "--data-file", str(data_file)]) == 1
    assert "add up to" in capsys.readouterr().err
    assert data_file.read_text() == CENSUS_FILE.read_text()


def test_extraction_sums_single_years_of_age_into_the_survey_bands(tmp_path):
    """TS007: single years (and the file's own five-year bands, which are not read) summed
    into the survey's bands; 'Under 18' is 0 to 17, '75 or over' is 75 to '100 and over'."""
    ages = {"Aged under 1 year": 1, **{f"Aged {a} year{'s' if a > 1 else ''}": 1 for a in range(1, 100)},
            "Aged 100 years and over": 1}
    columns = ["Aged 4 years and under", *ages]  # a band the extractor must not add in
    rows = {"E10000024": [5, *ages.values()], "E06000018": [5, *ages.values()]}
    folder = tmp_path / "bulk"
    folder.mkdir()
    _write(folder / "census2021-ts007-utla.csv", "Age", "Total; measures: Value",
           [f"{c}; measures: Value" for c in columns], {k: v for k, v in rows.items()})
    path = folder / "census2021-ts007-utla.csv"
    path.write_text(path.read_text().replace(",106,", ",101,"))  # the total counts people once
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    assert _script().main([str(folder), "--source", "x", "--data-file", str(data_file)]) == 0
    age = json.loads(data_file.read_text())["topics"]["age_band"]["figures"]["E06000018"]
    assert age["counts"] == {"under_18": 18, "18_24": 7, "25_34": 10, "35_44": 10, "45_54": 10,
                             "55_64": 10, "65_74": 10, "75_plus": 26}
    assert age["total"] == 101 and age["not_compared"] == 0


def test_extraction_reads_a_tidy_copy_of_a_bulk_file(tmp_path):
    """The humaniverse packages' layout (how TS038 and TS077 in the shipped file were read):
    one row per area and category with the area's total; the county from its districts."""
    tidy = tmp_path / "england_sexual_orientation_21.csv"
    with tidy.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["ltla21_code", "total_residents", "sexual_orientation", "n", "prop"])
        for code in [*DISTRICT_CODES, "E06000018", "E06000001"]:
            for name, n in (("Straight or Heterosexual", 900), ("Gay or Lesbian", 20), ("Bisexual", 15),
                            ("All other sexual orientations", 5), ("Not answered", 60)):
                out.writerow([code, 1000, name, n, n / 1000])
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    assert _script().main(["--long-csv", f"TS077={tidy}", "--source", "tidy", "--data-file", str(data_file)]) == 0
    figures = json.loads(data_file.read_text())["topics"]["sexual_orientation"]["figures"]
    city, county = figures["E06000018"], figures["E10000024"]
    assert city["counts"] == {"straight": 900, "gay_lesbian": 20, "bisexual": 15, "other": 5}
    assert city["total"] == 1000 and city["not_compared"] == 60 and city["file"] == tidy.name
    assert county["counts"]["bisexual"] == 7 * 15 and county["total"] == 7000
    assert county["derived_from"] == DISTRICT_CODES and county["source"] == "tidy"
    tidy.write_text(tidy.read_text().replace('E06000018,1000,Bisexual,15', 'E06000018,1000,Bisexual,16'))
    assert _script().main(["--long-csv", f"TS077={tidy}", "--source", "tidy", "--data-file", str(data_file)]) == 1


def _person(db, survey, respondent=None, status="completed", **about):
    from engage.surveys.models import SurveySubmission

    db.session.add(SurveySubmission(survey_id=survey.id, status=status, respondent_id=respondent,
                                    resume_token_hash=secrets.token_hex(32), **about))
    db.session.commit()


def test_everyone_who_answered_counts_once_with_or_without_free_text(
    db, create_analysis_survey, create_survey_response, create_user
):
    resident = create_user()
    survey, other = create_analysis_survey(), create_analysis_survey("Rural crime survey")
    for _ in range(3):
        create_survey_response(survey, "Dealing by the park", ("drugs",), ethnicity="white_british")
    for _ in range(9):
        _person(db, survey, ethnicity="white_irish")  # answered 'About you', wrote nothing
    _person(db, survey, respondent=resident.id, ethnicity="asian_indian")
    _person(db, other, respondent=resident.id, ethnicity="asian_pakistani")  # same person
    _person(db, survey, ethnicity="prefer_not_to_say", sex="female")
    _person(db, survey, status="in_progress", ethnicity="black_african")  # never finished
    _person(db, survey)  # answered no 'About you' question
    total, answers = people_by_answer(ResponseFilter(), ("ethnicity", "sex"))
    assert total == 3 + 9 + 1 + 1
    assert answers["ethnicity"] == {"white_british": 3, "white_irish": 9, "asian_pakistani": 1,
                                    "prefer_not_to_say": 1}
    only_other, _ = people_by_answer(ResponseFilter(survey_id=other.id), ("ethnicity",))
    assert only_other == 1


def _row(html: str, table_id: str, name: str) -> list[str]:
    table = html[html.index(f'id="{table_id}-table"'):]
    table = table[: table.index("</table>")]
    row = table[table.index(f'<th scope="row" class="govuk-table__header">{name}'):]
    row = row[: row.index("</tr>")]
    head = re.sub(r"<[^>]+>", " ", re.search(r"<th[^>]*>(.*?)</th>", row, re.S).group(1))
    return [" ".join(head.split())] + [
        re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", row, re.S)]


def _wilson(hits: int, n: int) -> str:
    """The 95% Wilson score interval written out by hand, as the page shows it."""
    z, p = 1.959963984540054, hits / n
    centre, half = p + z * z / (2 * n), z * ((p * (1 - p) + z * z / (4 * n)) / n) ** 0.5
    low, high = (centre - half) / (1 + z * z / n), (centre + half) / (1 + z * z / n)
    return f"{100 * low:.1f}% to {100 * high:.1f}%"


def _people_by_ethnicity(db, create_analysis_survey, counts: dict[str, int]):
    survey = create_analysis_survey()
    for ethnicity, n in counts.items():
        for _ in range(n):
            _person(db, survey, ethnicity=ethnicity)


def test_page_marks_a_group_only_when_its_interval_excludes_the_census_share(
    client, db, sign_in, dummy_analyst, create_analysis_survey, census_file
):
    # Residents (made-up extract above): about 33% Asian, 50% White, 3% Black in the police area.
    _people_by_ethnicity(db, create_analysis_survey,
                         {"white_british": 44, "asian_indian": 10, "other_arab": 6, "mixed_other": 3})
    sign_in(dummy_analyst)
    html = client.get("/analysis/representation").get_data(as_text=True)
    assert "(63 people)" in html
    county, city = (census_file["topics"]["ethnicity"]["figures"][c]["counts"] for c in ("E10000024", "E06000018"))

    def pct(group, *areas):
        return f"{100 * sum(a[group] for a in areas) / sum(sum(a.values()) for a in areas):.1f}%"

    white = _row(html, "rep-ethnicity", "White")
    assert white[:4] == ["White over-represented", "44", f"{100 * 44 / 63:.1f}%", _wilson(44, 63)]
    assert white[4:] == [pct("white", county), pct("white", city), pct("white", county, city)]
    asian = _row(html, "rep-ethnicity", "Asian, Asian British or Asian Welsh")
    assert asian[0].endswith("under-represented") and asian[3] == _wilson(10, 63)
    assert asian[6] == pct("asian", county, city)
    black = _row(html, "rep-ethnicity", "Black, Black British, Black Welsh, Caribbean or African")
    assert black[1] == "0" and black[3] == _wilson(0, 63) and black[6] == pct("black", county, city)
    assert "represented" not in black[0]  # about 3% lies inside the interval: not marked
    for name in ("Other ethnic group", "Mixed or Multiple ethnic groups"):
        assert _row(html, "rep-ethnicity", name)[1:4] == ["fewer than 10", "", ""]
    assert "census2021-ts021-ltla.csv" in html and "Open Government Licence v3.0" in html
    gender_figures = census_file["topics"]["gender_identity"]["figures"]
    gender = _row(html, "rep-gender_identity", "The same as sex registered at birth")
    assert gender[-1] == pct("same", *(gender_figures[c]["counts"] for c in ("E10000024", "E06000018")))
    assert gender[1] == "0" and "represented" not in gender[0]  # nobody answered it: nothing marked


def test_a_small_group_that_could_be_worked_out_hides_the_next_smallest(
    client, db, sign_in, dummy_analyst, create_analysis_survey, census_file
):
    _people_by_ethnicity(db, create_analysis_survey, {"white_british": 44, "asian_indian": 10, "other_arab": 6})
    sign_in(dummy_analyst)
    html = client.get("/analysis/representation").get_data(as_text=True)
    # Shown alone, 6 would be 60 - 44 - 10 - 0 - 0.
    assert _row(html, "rep-ethnicity", "Other ethnic group")[1] == "fewer than 10"
    asian = _row(html, "rep-ethnicity", "Asian, Asian British or Asian Welsh")
    assert asian[0] == "Asian, Asian British or Asian Welsh" and asian[1:4] == ["not shown", "", ""]
    assert _row(html, "rep-ethnicity", "White")[1] == "44"


def test_extraction_reads_a_published_extract_with_the_csvs_hashes(tmp_path):
    """The 'population cases' layout: every area's counts in the CSV's column order, and a
    manifest with each CSV's SHA-256 (how TS021 and TS030 in the shipped file were read)."""
    columns = [f"Ethnic group: {c}" for c in ETHNIC]
    areas = [{"code": code, "denominator": 1430, "counts": _ethnic(420, 40, 40, 780, 150)}
             for code in [*DISTRICT_CODES, "E06000018"]]
    cases = {"cases": [{"topics": [{"id": "ts021", "denominatorColumn": "Ethnic group: Total: All usual residents",
                                    "categories": [{"sourceColumn": c} for c in columns], "areas": areas}]}]}
    manifest = {"selectedExtracts": [{"file": "census2021-ts021-ltla.csv", "sha256": "ab" * 32}]}
    (tmp_path / "cases.json").write_text(json.dumps(cases))
    (tmp_path / "manifest.json").write_text(json.dumps(manifest))
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    assert _script().main(["--atlas-cases", str(tmp_path / "cases.json"), "--atlas-manifest",
                           str(tmp_path / "manifest.json"), "--source", "extract", "--data-file", str(data_file)]) == 0
    eth = json.loads(data_file.read_text())["topics"]["ethnicity"]["figures"]
    assert eth["E06000018"]["counts"]["white"] == 780 and eth["E06000018"]["sha256"] == "ab" * 32
    assert eth["E10000024"]["counts"]["asian"] == 7 * 420 and eth["E10000024"]["total"] == 7 * 1430


SHIPPED = json.loads(CENSUS_FILE.read_text())
COUNTY, CITY = "E10000024", "E06000018"


def test_shipped_figures_are_the_published_counts_and_add_up():
    """The counts on the page, as published (a figure changed or lost fails here): each
    area's categories add up to its table's total, and the totals agree with the usual
    residents up to ONS's perturbation (16+ tables: fewer than all, more than all but the
    under-18s)."""
    topics = SHIPPED["topics"]
    for topic in topics.values():
        for figure in (topic["figures"] or {}).values():
            assert sum(figure["counts"].values()) + figure["not_compared"] == figure["total"]
            assert set(figure["counts"]) == set(topic["groups"])
    age, sex = topics["age_band"]["figures"], topics["sex"]["figures"]
    assert age[CITY]["counts"]["under_18"] == 65975 and age[CITY]["total"] == 323627
    assert age[COUNTY]["counts"]["75_plus"] == 81628 and age[COUNTY]["total"] == 824823
    assert "derived_from" not in age[COUNTY] and age[COUNTY]["file"] == "census2021-ts007-utla.csv"
    assert sex[CITY]["counts"] == {"female": 164627, "male": 159005} and sex[CITY]["table"] == "TS009"
    assert sex[COUNTY]["counts"] == {"female": 420033, "male": 404797} and sex[COUNTY]["derived_from"] == DISTRICT_CODES
    disability = topics["disability"]["figures"]
    assert disability[CITY]["counts"] == {"disabled": 60218, "not_disabled": 263414}
    assert disability[COUNTY]["counts"] == {"disabled": 162732, "not_disabled": 662094}
    orientation = topics["sexual_orientation"]["figures"]
    assert orientation[CITY]["counts"] == {"straight": 225477, "gay_lesbian": 4757, "bisexual": 6742, "other": 1430}
    assert orientation[CITY]["not_compared"] == 25917 and orientation[COUNTY]["total"] == 679070
    residents = {CITY: SHIPPED["districts"]["figures"]["nottingham_city"]["usual_residents"],
                 COUNTY: sum(f["usual_residents"] for k, f in SHIPPED["districts"]["figures"].items()
                             if k != "nottingham_city")}
    for key in ("age_band", "sex", "ethnicity", "disability", "religion"):
        for area, figure in topics[key]["figures"].items():
            assert abs(figure["total"] - residents[area]) <= 10, (key, area)
    for key in ("sexual_orientation", "gender_identity"):
        for area, figure in (topics[key]["figures"] or {}).items():
            everyone = age[area]["total"]
            assert everyone - age[area]["counts"]["under_18"] < figure["total"] < everyone
    gender = topics["gender_identity"]["figures"]
    assert gender[CITY]["counts"] == {"same": 239353, "different": 2292} and gender[CITY]["not_compared"] == 22677
    assert gender[COUNTY]["counts"] == {"same": 641727, "different": 2459}
    assert gender[COUNTY]["derived_from"] == DISTRICT_CODES
    for area in (COUNTY, CITY):  # both asked of the same people
        assert abs(gender[area]["total"] - orientation[area]["total"]) <= 10
    assert census_module.missing_tables() == []


def _share(topic: str, group: str, *areas: str) -> str:
    figures = SHIPPED["topics"][topic]["figures"]
    hits = sum(figures[a]["counts"][group] for a in areas)
    return f"{100 * hits / sum(sum(figures[a]['counts'].values()) for a in areas):.1f}%"


def test_page_compares_age_sex_disability_and_sexual_orientation_with_the_shipped_census(
    client, db, sign_in, dummy_analyst, create_analysis_survey
):
    census_module.census.cache_clear()
    survey = create_analysis_survey()
    for i in range(30):
        _person(db, survey, age_band="25_34", sex="female", disability="no", sexual_orientation="straight",
                gender_identity="yes" if i < 18 else "no" if i < 28 else None)
    for _ in range(12):  # under 18: not compared with TS077, which counts people aged 16 and over
        _person(db, survey, age_band="under_18", sex="male", disability="yes_a_lot", sexual_orientation="gay_lesbian")
    for _ in range(10):  # no age given: kept
        _person(db, survey, sexual_orientation="bisexual", disability="yes_a_little")
    sign_in(dummy_analyst)
    html = client.get("/analysis/representation").get_data(as_text=True)

    straight = _row(html, "rep-sexual_orientation", "Straight or heterosexual")
    assert straight[1:4] == ["30", "75.0%", _wilson(30, 40)]
    assert straight[4:] == [_share("sexual_orientation", "straight", COUNTY),
                            _share("sexual_orientation", "straight", CITY),
                            _share("sexual_orientation", "straight", COUNTY, CITY)]
    assert straight[0].endswith("under-represented")  # about 88% of residents aged 16 and over
    assert _row(html, "rep-sexual_orientation", "Gay or lesbian")[1] == "0"  # the under-18s left out
    assert _row(html, "rep-sexual_orientation", "Bisexual")[1:4] == ["10", "25.0%", _wilson(10, 40)]
    assert "Census TS077 counts usual residents aged 16 and over" in html

    under_18 = _row(html, "rep-age_band", "Under 18")
    assert under_18[1:4] == ["12", f"{100 * 12 / 42:.1f}%", _wilson(12, 42)]
    assert under_18[4:] == [_share("age_band", "under_18", COUNTY), _share("age_band", "under_18", CITY),
                            _share("age_band", "under_18", COUNTY, CITY)]
    assert _row(html, "rep-age_band", "25 to 34")[0].endswith("over-represented")

    female = _row(html, "rep-sex", "Female")
    assert female[1:4] == ["30", f"{100 * 30 / 42:.1f}%", _wilson(30, 42)]
    assert female[6] == _share("sex", "female", COUNTY, CITY) and female[0].endswith("over-represented")

    disabled = _row(html, "rep-disability",
                    "Disabled under the Equality Act (day-to-day activities limited a lot or a little)")
    assert disabled[1:4] == ["22", f"{100 * 22 / 52:.1f}%", _wilson(22, 52)]
    assert disabled[6] == _share("disability", "disabled", COUNTY, CITY) and disabled[0].endswith("over-represented")
    for table in ("TS007", "TS009", "TS038", "TS077"):
        assert f"census table {table}" in html
    assert "census2021-ts007-utla.csv" in html and "england_sexual_orientation_21.csv" in html
    assert "No census figures yet" not in html
    assert ">People who said</label>" in html  # the 'About you' filter: every channel that asks
    same = _row(html, "rep-gender_identity", "The same as sex registered at birth")
    assert same[1:4] == ["18", f"{100 * 18 / 28:.1f}%", _wilson(18, 28)]
    assert same[6] == _share("gender_identity", "same", COUNTY, CITY)
    assert "census table TS078" in html and "gender_identity_by_area.csv" in html
    assert "Copied row by row" in html  # TS009, copied by hand: how it was checked


def test_extraction_reads_an_ons_custom_dataset_download(tmp_path):
    """The layout of an ONS 'create a custom dataset' download (how gender identity in the
    shipped file was read): no total column, so the total is the area's categories summed;
    every category must be one the data file names, or the extractor refuses the file."""
    download = tmp_path / "gender_identity_by_area.csv"
    cats = (("-8", "Does not apply", 0), ("1", "Gender identity the same as sex registered at birth", 800),
            ("2", "Gender identity different from sex registered at birth but no specific identity given", 4),
            ("3", "Trans woman", 2), ("4", "Trans man", 2), ("5", "Non-binary", 3),
            ("6", "All other gender identities", 1), ("7", "Not answered", 60))
    with download.open("w", newline="") as f:
        out = csv.writer(f)
        out.writerow(["Lower Tier Local Authorities Code", "Lower Tier Local Authorities",
                      "Gender identity (8 categories) Code", "Gender identity (8 categories)", "Observation"])
        for code in [*DISTRICT_CODES, "E06000018"]:
            out.writerows([code, "Somewhere", c, name, n] for c, name, n in cats)
    data_file = tmp_path / "census.json"
    data_file.write_text(CENSUS_FILE.read_text())
    args = ["--long-csv", f"TS078={download}", "--source", "ons", "--data-file", str(data_file)]
    assert _script().main(args) == 0
    figures = json.loads(data_file.read_text())["topics"]["gender_identity"]["figures"]
    assert figures["E06000018"]["counts"] == {"same": 800, "different": 12}
    assert figures["E06000018"]["total"] == 872 and figures["E06000018"]["not_compared"] == 60
    assert figures["E10000024"]["counts"]["different"] == 7 * 12 and figures["E10000024"]["source"] == "ons"
    download.write_text(download.read_text().replace("Non-binary", "Something new"))
    assert _script().main(args) == 1  # a category the data file does not name: not guessed


def test_people_who_answered_at_sessions_the_summit_and_in_confidence_are_counted(
    client, db, sign_in, dummy_analyst, create_analysis_survey, create_event, create_summit,
    create_summit_submission, create_response
):
    """About you is asked in every channel where a person speaks for themselves: all counted."""
    from engage.events.services import give_event_view

    event, summit = create_event(), create_summit()
    for _ in range(12):
        give_event_view(event, "Speeding past the school", about_you={"ethnicity": "asian_indian"})
    db.session.commit()
    for _ in range(10):
        create_summit_submission(summit, about_you={"ethnicity": "white_british", "rural_urban": "rural"})
    for _ in range(10):
        create_response("Scared to go out", "direct", about_you={"ethnicity": "black_caribbean"})
    create_response("No answers given", "direct", about_you={"ethnicity": None})  # skipped: nobody
    _people_by_ethnicity(db, create_analysis_survey, {"white_british": 20})
    total, answers = people_by_answer(ResponseFilter(), ("ethnicity", "rural_urban"))
    assert total == 12 + 10 + 10 + 20
    assert answers["ethnicity"] == {"asian_indian": 12, "white_british": 30, "black_caribbean": 10}
    assert answers["rural_urban"] == {"rural": 10, None: 42}
    sign_in(dummy_analyst)
    html = client.get("/analysis/representation").get_data(as_text=True)
    assert "(52 people)" in html and "views given at sessions" in html
    assert _row(html, "rep-ethnicity", "Asian, Asian British or Asian Welsh")[1] == "12"
    assert _row(html, "rep-ethnicity", "White")[1] == "30"


def test_a_signed_in_person_counts_once_across_surveys_and_other_forms(
    db, create_analysis_survey, create_user, create_summit, create_summit_submission
):
    from datetime import timedelta

    from engage.db import utcnow
    from engage.surveys.models import SurveySubmission

    resident = create_user()
    survey = create_analysis_survey()
    _person(db, survey, respondent=resident.id, ethnicity="white_irish", sex="male")
    db.session.execute(db.update(SurveySubmission).values(completed_at=utcnow() - timedelta(days=3)))
    db.session.commit()
    create_summit_submission(create_summit(), respondent=resident, about_you={"ethnicity": "white_other"})
    total, answers = people_by_answer(ResponseFilter(), ("ethnicity", "sex"))
    # One person, with their latest answers (the summit form's: sex not given there).
    assert total == 1 and answers["ethnicity"] == {"white_other": 1} and answers["sex"] == {None: 1}
    # A survey chosen: that survey's respondents only, with their answers there.
    total, answers = people_by_answer(ResponseFilter(survey_id=survey.id), ("ethnicity",))
    assert total == 1 and answers["ethnicity"] == {"white_irish": 1}
    # Filters on 'About you' answers and dates apply to every channel's answers.
    assert people_by_answer(ResponseFilter(equality=(("ethnicity", "white_other"),)), ("ethnicity",))[0] == 1
    assert people_by_answer(ResponseFilter(equality=(("sex", "male"),)), ("ethnicity",))[0] == 1  # the survey
    today = utcnow().date()
    assert people_by_answer(ResponseFilter(until=today - timedelta(days=1)), ("ethnicity",))[1]["ethnicity"] == {
        "white_irish": 1}
    assert people_by_answer(ResponseFilter(since=today + timedelta(days=1)), ("ethnicity",))[0] == 0


def test_erased_answers_are_no_longer_counted(
    db, create_user, create_event, dummy_admin
):
    from engage.events.services import give_event_view
    from engage.privacy.services import erase_subject

    resident = create_user("resident", "ann@example.org")
    give_event_view(create_event(), "Speeding on the A60", respondent=resident, about_you={"sex": "female"})
    db.session.commit()
    assert people_by_answer(ResponseFilter(), ("sex",))[0] == 1
    erase_subject("ann@example.org", dummy_admin)
    db.session.commit()
    assert people_by_answer(ResponseFilter(), ("sex",))[0] == 0


def test_no_export_carries_the_answers_given_with_a_response(
    client, db, sign_in, dummy_analyst, create_event
):
    from engage.events.services import give_event_view

    give_event_view(create_event(), "Speeding on the A60 every night", consent_to_quote=True,
                    about_you={"religion": "buddhist", "ethnicity": "white_gypsy_traveller"})
    db.session.commit()
    sign_in(dummy_analyst)
    for fmt in ("csv", "json", "xlsx"):
        resp = client.get(f"/analysis/export?format={fmt}")
        assert resp.status_code == 200
        body = resp.data
        if fmt == "xlsx":
            book = zipfile.ZipFile(io.BytesIO(resp.data))
            body = b"".join(book.read(name) for name in book.namelist())
        assert b"Speeding on the A60" in body
        for value in (b"buddhist", b"white_gypsy_traveller", b"Buddhist", b"Gypsy"):
            assert value not in body, (fmt, value)
    listed = client.get("/api/v1/responses").get_json()
    assert "buddhist" not in json.dumps(listed) and "about_you" not in json.dumps(listed)
