"""One rule for 'closes at the end of a day': a deadline kept as 00:00 London the next day
reads as the last day itself, on every page that shows it."""

from datetime import date, datetime

from engage.surveys.forms import london_day_to_utc
from engage.web import closing, last_day


def test_end_of_day_deadlines_read_as_that_day_in_winter_and_summer():
    winter = london_day_to_utc(date(2027, 3, 31), end=True)  # 2027-03-31 23:00 UTC (BST began)
    assert last_day(winter) == "31 March 2027"
    assert closing(winter) == "the end of 31 March 2027"
    january = london_day_to_utc(date(2027, 1, 15), end=True)
    assert closing(january) == "the end of 15 January 2027"
    assert closing(datetime(2027, 1, 15, 14, 30)) == "15 January 2027 at 14:30"


def test_a_survey_closing_at_the_end_of_31_march_says_31_march_everywhere(client, db,
                                                                          create_survey):
    survey = create_survey()
    survey.closes_at = london_day_to_utc(date(2027, 3, 31), end=True)
    db.session.commit()
    for path in ("/", "/surveys/", f"/surveys/{survey.id}"):
        page = client.get(path).get_data(as_text=True)
        assert "31 March 2027" in page, path
        assert "1 April 2027" not in page and "00:00" not in page, path
