"""Demo content for the summit: themes and a progress report from the plan, and submissions."""

from datetime import timedelta

from engage.db import utcnow
from engage.summit import queries
from engage.summit.services import record_submission

THEMES = [
    "Recording and reporting specific rural crimes",
    "Hare coursing, poaching and wildlife crime",
    "Fly tipping on farmland and rural lanes",
    "Farm machinery and fuel theft, including serious and organised criminality",
    "Trust and confidence to report in rural communities",
    "The additional £400,000: drones, hardware tracking and off-road stingers",
]
PROGRESS_REPORT = "\n".join(
    [
        (
            "The Police and Crime Plan 2021-25 commits us to “taking steps to 'level up' "
            "our response to rural crime – with a view to improving criminal justice "
            "outcomes, public confidence and satisfaction, community intelligence and our"
            " shared understanding of the impact these offences have on local residents”."
            " This report reviews progress on each commitment."
        ),
        (
            "1. “Develop a process to improve our engagement with rural communities and "
            "work to support and strengthen local partnerships. This will include "
            "convening an annual rural crime summit to identify emerging issues and "
            "review our progress.”"
        ),
        (
            "2. “Improve our processes for recording and reporting on specific rural "
            "crimes, such as farm machinery theft, fuel theft, fly tipping, poaching, "
            "livestock offences and equine crime – and for recording and reporting on "
            "crimes and ASB affecting rural communities more generally.”"
        ),
        (
            "3. “Improve our awareness and understanding of the impact of rural crime and"
            " explore options to provide an enhanced response to the most adversely "
            "affected victims of crime in rural communities where appropriate, including "
            "those affected by serious and organised criminality.”"
        ),
        (
            "4. “Improve trust and confidence to report victimisation and the perception "
            "that action will be taken as a result by working with partners such as the "
            "Fire and Rescue Service to provide visible and high profile rural crime "
            "interventions.”"
        ),
        (
            "5. “Make an additional £400,000 available to tackle rural crime and improve "
            "our response to the needs of rural communities. This will include new "
            "investment in training, crime prevention tools and state-of-the-art "
            "equipment such as drones, hardware tracking and off-road stingers.”"
        ),
    ]
)


def _sub(
    kind, parish, district, crimes, reported, reason, text, org=None, speak=None, freq="a_few_times"
):
    return {
        "respondent_type": kind,
        "organisation": org,
        "parish": parish,
        "district": district,
        "crimes": crimes,
        "frequency": freq if crimes else None,
        "reported": reported,
        "not_reported_reason": reason,
        "text": text,
        "consent_to_quote": True,
        "wants_to_speak": bool(speak),
        "contact_name": speak,
        "contact_email": f"{speak.split()[0].lower()}@example.org" if speak else None,
    }


SUBMISSIONS = [
    _sub(
        "farmer_landowner",
        "Misterton",
        "bassetlaw",
        ["hare_coursing", "poaching"],
        False,
        "nothing_would_happen",
        "Hare coursers are on our land most weekends from September. They "
        "cut through hedges and threaten us when we ask them to "
        "leave. We stopped ringing 101 because "
        "nobody came.",
        speak="Rob Hempsall",
        freq="weekly",
    ),
    _sub(
        "rural_business",
        "Collingham",
        "newark_and_sherwood",
        ["fuel_theft", "farm_machinery_theft"],
        True,
        None,
        "A quad bike and two tanks of red diesel taken in one night. The officer who came "
        "was excellent but we never heard what happened next. Tell victims what action was taken.",
        org="Trent Vale Contracting",
    ),
    _sub(
        "parish_town_council",
        "Cropwell Bishop",
        "rushcliffe",
        ["fly_tipping"],
        False,
        "reported_elsewhere",
        "Fly tipping in field gateways every week: builders' rubble, tyres, "
        "asbestos. The council clears it but nobody is ever "
        "caught. We want joint action with the police.",
        org="Cropwell Bishop Parish Council",
        speak="Ann Doughty",
        freq="weekly",
    ),
    _sub(
        "resident",
        "Lambley",
        "gedling",
        ["wildlife_crime"],
        False,
        "not_serious_enough",
        "Badger setts near the village have been dug out. People "
        "do not know this is a crime the police "
        "deal with.",
    ),
    _sub(
        "farmer_landowner",
        "Laxton",
        "newark_and_sherwood",
        ["livestock_offences"],
        True,
        None,
        "Sheep worried by dogs off leads on the footpath, three "
        "ewes lost at lambing. Signs are not enough.",
        freq="once",
    ),
    _sub(
        "partner_agency",
        None,
        "bassetlaw",
        ["unauthorised_encampments", "fly_tipping"],
        True,
        None,
        "Better information sharing between the district council, the police and landowners about "
        "encampments would help everyone, including the families on them.",
        org="Bassetlaw District Council",
    ),
    _sub(
        "resident",
        "Teversal",
        "ashfield",
        ["heritage_crime", "other"],
        False,
        "hard_to_report",
        "Lead stolen from the church roof, and off-road bikes tearing up the old railway trail. We "
        "gave up on 101 after forty minutes.",
    ),
    _sub(
        "rural_business",
        "Sutton Bonington",
        "rushcliffe",
        ["equine_crime"],
        False,
        "fear_of_reprisal",
        "Tack stolen twice from the livery yard. Owners are afraid "
        "to report in case they are targeted again.",
        org="Soar Valley Livery",
    ),
    _sub(
        "resident",
        "Rainworth",
        "newark_and_sherwood",
        [],
        None,
        None,
        "Rural crime is not just theft. Speeding on the lanes and "
        "drug dealing in lay-bys make villages "
        "feel unsafe. I want to see officers out here, not just in the towns.",
    ),
]


def seed_summit_demo() -> int:
    """Fill the current summit's themes and progress report and add submissions, once."""
    summit = queries.current_summit()
    if summit is None:
        return 0
    summit.themes = summit.themes or THEMES
    summit.progress_report = summit.progress_report or PROGRESS_REPORT
    if summit.submissions:
        return 0
    start = min(summit.window_opens_at, utcnow() - timedelta(days=len(SUBMISSIONS)))
    for i, item in enumerate(SUBMISSIONS):
        record_submission(summit, item, submitted_at=start + timedelta(days=i, hours=9))
    return len(SUBMISSIONS)
