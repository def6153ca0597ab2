"""What the redactor takes out of residents' text: every detail of issue 15's list."""

import pytest

from engage.redaction import Detail, find_personal_details, redact


@pytest.mark.parametrize(
    "text, gone, kept",
    [
        ("Email me on jo.bloggs+notts@example.co.uk please", "jo.bloggs", "[email]"),
        ("Ring 07700 900123 or 0115 496 0000 or +44 (0)115 4960000", "900123", "[phone]"),
        ("It happens outside 12 Acacia Avenue every night", "Acacia", "[address]"),
        ("Flat 3, 22 High Street has had its door kicked in", "High Street", "[address]"),
        ("Hello, my name is Sarah Jones and I live in Bulwell", "Sarah", "my name is [name]"),
        ("I'm Dave, a farmer near Southwell", "Dave", "I'm [name]"),
        ("I’m Priya and I run the youth club", "Priya", "I’m [name]"),
        ("My neighbour Gary Smith deals from his car", "Gary", "My neighbour [name]"),
    ],
)
def test_personal_details_are_taken_out(text, gone, kept):
    out = redact(text)
    assert gone not in out and kept in out


@pytest.mark.parametrize(
    "text, expected",
    [
        # The names issue 15 found going out unredacted.
        ("Sarah Jones at the council said no", "[name] at the council said no"),
        ("Contact Dave Wilson about the CCTV", "Contact [name] about the CCTV"),
        ("Great meeting, thanks, Sarah Connor", "Great meeting, thanks, [name]"),
        ("Regards, Jane Doe", "Regards, [name]"),
        ("Mrs Khan at number 12 was burgled", "Mrs [name] at number 12 was burgled"),
        ("i told mrs jane doe about it", "i told mrs [name] about it"),
        ("PC Davies was brilliant", "PC [name] was brilliant"),
        ("Dr Patel at the surgery sees it weekly", "Dr [name] at the surgery sees it weekly"),
        ("Kind regards,\nJ. Robinson", "Kind regards,\n[name]"),
        ("my mate jordan got jumped", "my mate [name] got jumped"),
        ("me and chantelle got followed", "me and [name] got followed"),
        ("a man called Stevo sells to kids", "a man called [name] sells to kids"),
        ("Will said he'd bring the petition", "[name] said he'd bring the petition"),
        ("Message Rose Taylor about the rota", "Message [name] about the rota"),
        ("Mark Evans from the parish council", "[name] from the parish council"),
    ],
)
def test_names_with_and_without_cues(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "phone",
    [
        "07700 900123",
        "07700900123",
        "07700-900-123",
        "+44 7700 900123",
        "+447700900123",
        "+44 (0)115 496 0000",
        "0044 7700 900 555",
        "0115 496 0000",
        "(0115) 496 0123",
        "01623 456789",
        "020 7946 0000",
    ],
)
def test_every_uk_phone_form(phone):
    assert redact(f"ring me on {phone} after 6") == "ring me on [phone] after 6"


@pytest.mark.parametrize(
    "email",
    [
        "jo.bloggs@example.co.uk",
        "sarah dot connor at victim dot example",
        "dave.w [at] gmail [dot] com",
        "d.wilson(at)example.com",
        "kez_1987 at hotmail dot co dot uk",
        "j.smith @ nottscc.example.gov.uk",
    ],
)
def test_emails_written_or_spelled_out(email):
    assert redact(f"email {email} please") == "email [email] please"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("We live at NG7 2RD near the park", "We live at NG7 near the park"),
        ("postcode ng72rd", "postcode NG7"),
        ("in DN22 7XX, Retford", "in DN22, Retford"),
        ("Our area is NG5, quite safe", "Our area is NG5, quite safe"),
    ],
)
def test_postcodes_reduced_to_their_district(text, expected):
    assert redact(text) == expected


@pytest.mark.parametrize(
    "address", ["5 Oak Road", "flat 3, 12 high st", "Flat 6, 88 Carlton Hill", "3 The Crescent"]
)
def test_street_addresses(address):
    assert redact(f"I live at {address} in Arnold") == "I live at [address] in Arnold"


@pytest.mark.parametrize(
    "plate", ["AB12 CDE", "AB12CDE", "ab12 cde", "ab12cde", "M123 ABC", "k456lmn", "ABC 123D"]
)
def test_vehicle_registrations(plate):
    assert redact(f"a grey car {plate} parked up") == "a grey car [vehicle] parked up"


@pytest.mark.parametrize(
    "text, expected",
    [
        ("DOB 12/03/1985", "DOB [date of birth]"),
        ("I was born 3rd March 1985", "I was born [date of birth]"),
        ("date of birth: 1st of December 1988", "date of birth: [date of birth]"),
        ("d.o.b 21.06.79 and", "d.o.b [date of birth] and"),
    ],
)
def test_dates_of_birth(text, expected):
    assert redact(text) == expected


def test_details_come_back_as_spans_for_the_gate():
    text = "Contact Dave Wilson on 07700 900123 or dave@example.com, NG7 2RD"
    details = find_personal_details(text)
    assert [d.kind for d in details] == ["name", "phone", "email", "postcode"]
    assert details[0] == Detail("name", 8, 19, "Dave Wilson")
    assert all(text[d.start : d.end] == d.text for d in details)


def test_empty_text():
    assert redact("") == "" and find_personal_details("") == []
