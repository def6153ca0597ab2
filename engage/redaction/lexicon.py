"""The word lists the name finder reads, loaded once per process.

Forenames and surnames are the US Census Bureau's 1990 name-frequency lists (a US
government work, public domain), shipped unchanged in the `names` package (MIT).
`data/forenames_extra.txt` adds forenames common here that those lists lack.
`data/common_name_words.tsv` says which listed names are also everyday words, and how
common (built by scripts/build_redaction_words.py from spacy-lookups-data), so "Will",
"May" or "Lane" need more than a capital letter to count as a name. `data/places.txt`
holds Nottinghamshire places, landmarks and makes that contain a name."""

from dataclasses import dataclass
from functools import cache
from importlib.resources import files

DATA = files("engage.redaction") / "data"

# Capitalised words that are never a person's name here, whatever follows a cue.
NOT_NAMES = frozenset(
    """
i im me my we us you your he she they them it its the a an in on at not very so really just
also from here there this that what who when where why how and or but if of to for with by
about after before please thanks thank hi hello dear all everyone anyone someone everybody
guys team mate mates folks both again much lots anyway yes no ok okay x xx xxx sir madam
monday tuesday wednesday thursday friday saturday sunday january february march september
october november december christmas easter bank holiday halloween bonfire
mr mrs ms miss mx dr pc dc ds sgt insp rev prof dame
police officer officers pcso pcsos constable sergeant inspector council councillor cllr
commissioner pcc opcc csp nhs gp ambulance fire service services government mp
crimestoppers facebook whatsapp google twitter instagram tiktok snapchat nextdoor youtube
tesco asda aldi lidl sainsburys morrisons coop boots amazon uber deliveroo
neighbourhood watch victim support citizens advice samaritans childline refuge juno
rspca dvla nfu ofsted highways
god jesus christ lord allah christian muslim jewish sikh hindu catholic church mosque temple
british english scottish welsh irish polish asian black white european romanian indian
pakistani bangladeshi african caribbean chinese kurdish iranian syrian afghan ukrainian
lithuanian latvian nigerian ghanaian somali eritrean sudanese italian spanish portuguese
french german american jamaican arab gypsy traveller roma mixed bisexual gay lesbian trans
deaf blind autistic dyslexic pregnant homeless unemployed vegan
worried scared afraid sure sorry glad happy angry fed tired disabled older young retired
burglary asb antisocial anti social drugs county lines knife crime violence speeding
rural farm wildlife hate fraud scam scams shoplifting
mercedes ford vauxhall audi bmw honda toyota nissan kia hyundai peugeot renault citroen fiat
skoda volvo jaguar rover range land mini tesla transit sprinter corsa fiesta golf polo focus
astra qashqai hilux ranger defender discovery jeep porsche lexus mazda suzuki yamaha
kawasaki ducati triumph deere massey ferguson jcb kubota claas holland ifor
""".split()
)

# Words after a name that make it a place or an organisation ("Victoria Centre").
PLACE_SUFFIXES = frozenset(
    """
street st road rd avenue ave lane ln close drive dr way crescent grove gardens place court
terrace walk rise mews row square hill view green parade park estate centre center bridge
forest wood woods station market ward hospital school academy college university church
chapel library hall club fc pub arms inn house surgery pharmacy shop stores council police
line lines farm fields meadows valley reservoir lake canal river gate statue memorial
boulevard gdns pl ct sq cres croft chase dale vale wharf yard mews embankment alley passage
twitchell jitty ginnel
stadium ground trust foundation
""".split()
)


# Forenames that are also plants, stones or weather, written here at the start of a
# sentence as often as names: treated as everyday words (a surname or a cue is needed).
EVERYDAY_NAMES = """holly heather ivy jasmine hazel willow iris daisy poppy lily violet amber ruby
pearl crystal jade olive rowan heath sky storm brook river forest autumn precious""".split()


@dataclass(frozen=True)
class Lexicon:
    forenames: frozenset[str]
    surnames: frozenset[str]
    common: dict[str, float]
    places: frozenset[str]
    place_phrases: frozenset[tuple[str, ...]]

    @property
    def place_starts(self) -> frozenset[str]:
        return _starts(self.place_phrases)

    def prob(self, word: str) -> float:
        """How common `word` is as an everyday lower-case word (log probability)."""
        return self.common.get(word, -99.0)


@cache
def _starts(phrases: frozenset[tuple[str, ...]]) -> frozenset[str]:
    return frozenset(p[0] for p in phrases)


def _lines(name: str) -> list[str]:
    text = (DATA / name).read_text(encoding="utf-8")
    return [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.startswith("#")]


def _census(name: str) -> set[str]:
    return {ln.split()[0].lower() for ln in (files("names") / name).read_text().splitlines()}


@cache
def lexicon() -> Lexicon:
    """The lists, read on first use and kept for the life of the process."""
    forenames = _census("dist.male.first") | _census("dist.female.first")
    forenames |= set(_lines("forenames_extra.txt"))
    common = {w: float(p) for w, p in (ln.split("\t") for ln in _lines("common_name_words.tsv"))}
    common.update((w, max(common.get(w, -10.0), -10.0)) for w in EVERYDAY_NAMES)
    places = _lines("places.txt")
    return Lexicon(
        forenames=frozenset(forenames),
        surnames=frozenset(_census("dist.all.last")),
        common=common,
        places=frozenset(p for p in places if " " not in p),
        place_phrases=frozenset(tuple(p.split()) for p in places if " " in p),
    )
