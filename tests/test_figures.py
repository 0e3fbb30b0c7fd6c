"""The figures stage: numbers with what they count, qualifiers, units, ranges."""
from __future__ import annotations

import pytest

import sitroom
from conftest import SEED


def figures(text, published="2024-08-15"):
    return sitroom.extract(text, published=published)["figures"]


def one(text, needle):
    found = [f for f in figures(text) if needle in f["mention"]]
    assert len(found) == 1, (needle, figures(text))
    return found[0]


def shape(f):
    return (f["value"], f["low"], f["high"], f["qualifier"], f["unit"], f["counts"])


@pytest.mark.parametrize("text,needle,expected", [
    ("Overnight around 120 Ukrainian drones were shot down.", "120", (120, None, None, "about", None, "drone")),
    ("Hundreds of Ukrainian soldiers crossed the border.", "Hundreds", (100, 100, None, "vague", None, "soldier")),
    ("Around 200,000 Russians fled the area.", "200,000", (200000, None, None, "about", None, "russian")),
    ("The army confiscated over 1 thousand square km. of territory.", "1 thousand", (1000, 1000, None, "at_least", "km2", None)),
    ("Russia controlled 18% of Ukraine.", "18%", (18, None, None, "exact", "percent", None)),
    ("A dozen villages were shelled.", "dozen", (12, None, None, "about", None, "village")),
    ("Two civilians were killed.", "Two", (2, None, None, "exact", None, "civilian")),
    ("Tens of thousands of residents were evacuated.", "Tens of thousands", (10000, 10000, None, "vague", None, "resident")),
    ("Between 40 and 50 soldiers were captured.", "40", (40, 40, 50, "range", None, "soldier")),
    ("Some 30 localities were taken.", "30", (30, None, None, "about", None, "locality")),
    ("More than 2,000 people were evacuated.", "2,000", (2000, 2000, None, "at_least", None, "people")),
    ("Up to 300 troops may be involved.", "300", (300, None, 300, "at_most", None, "troop")),
    ("Nearly 50 drones were launched.", "50", (50, None, 50, "at_most", None, "drone")),
    ("The front line is 1,000 km long.", "1,000", (1000, None, None, "exact", "km", None)),
    ("The aid package is worth $1.5 billion.", "$1.5 billion", (1500000000, None, None, "exact", "usd", None)),
    ("Several hundred shells were fired.", "Several hundred", (200, 200, None, "vague", None, "shell")),
    ("The fighting lasted three days.", "three days", (3, None, None, "exact", "day", None)),
])
def test_figure_readings(text, needle, expected):
    assert shape(one(text, needle)) == expected


@pytest.mark.parametrize("text", [
    "The 47th Brigade held the line on August 6, 2024.",
    "Su-34 bombers and F-16 jets were seen; an S-300 battery was hit.",
    "A 65-year-old man was wounded at 2 pm.",
    "Russia has been gaining ground since 2023.",
    "One U.S. official said the second wave failed.",
    "Article 5 was not invoked and the 155 Marine Brigade withdrew.",
])
def test_not_figures(text):
    assert figures(text) == []


def test_page_furniture_yields_nothing(validate):
    out = validate(sitroom.extract(SEED.read_text(encoding="utf-8"), published="2024-08-15"))
    assert "1 Comment" not in [f["mention"] for f in out["figures"]]
    assert all(f["start"] < 3825 for f in out["figures"])


def test_seed_figures_and_ids(validate):
    out = validate(sitroom.extract(SEED.read_text(encoding="utf-8"), published="2024-08-15"))
    got = {(f["value"], f["qualifier"], f["unit"], f["counts"]) for f in out["figures"]}
    assert {(1000, "at_least", "km2", None), (100, "vague", None, "soldier"), (120, "about", None, "drone"),
            (200000, "about", None, "russian"), (18, "exact", "percent", None)} <= got
    assert [f["id"] for f in out["figures"]] == [f"f{i}" for i in range(1, len(out["figures"]) + 1)]
    assert all(f["claim_id"] is None for f in out["figures"])


@pytest.mark.parametrize("text,needle,expected", [
    ("Temperatures fell to -18 °C overnight.", "18", (-18, None, None, "exact", "celsius", None)),
    ("The damage reached 10 000 euros.", "10 000", (10000, None, None, "exact", "eur", None)),
    ("The ministry said 3 to 4 tonnes of aid arrived.", "3 to 4", (3, 3, 4, "range", "tonne", "aid")),
    ("About 1,000 square kilometres of territory were seized.", "1,000", (1000, None, None, "about", "km2", "territory")),
    ("Rescuers worked for 3 hrs.", "3 hrs", (3, None, None, "exact", "hour", None)),
    ("The battery fired 155mm shells.", "155mm", (155, None, None, "exact", "mm", None)),
    ("A hundred and two people were evacuated.", "hundred and two", (102, None, None, "exact", None, "people")),
    ("More than two dozen buildings burned.", "two dozen", (24, 24, None, "at_least", None, "building")),
    ("Russia said 120 or more drones were downed.", "120", (120, 120, None, "at_least", None, "drone")),
])
def test_more_number_forms(text, needle, expected):
    assert shape(one(text, needle)) == expected


@pytest.mark.parametrize("text", [
    "The siren sounded at 10:30 and again at 0600 hrs.",
    "Flight MH17 was downed; Resolution 2231 was cited.",
    "Kh-101 and Tu-95 were used, and COVID-19 spread.",
    "The baker's dozen was sold.",
])
def test_more_non_figures(text):
    assert figures(text) == []


def test_numbers_inside_dates_are_not_figures():
    out = sitroom.extract("On 6 August 2024, 300 soldiers crossed.", published="2024-08-15")
    assert [d["value"] for d in out["dates"]] == ["2024-08-06"]
    assert [(f["value"], f["counts"]) for f in out["figures"]] == [(300, "soldier")]


def test_phone_numbers_and_numeric_dates_are_not_figures():
    out = sitroom.extract("Call 044-123-4567. The 6/8/2024 strike hit 12 homes.", published="2024-08-15")
    assert [(f["value"], f["counts"]) for f in out["figures"]] == [(12, "home")]
    assert [d["value"] for d in out["dates"]] == ["2024-06-08"]


@pytest.mark.parametrize("text,expected", [
    ("Jane Smith, 19, of Kyiv was wounded.", []),
    ("The shop at 618 Second Terrace and the 2400 block of Jay Lane were hit.", []),
    ("Traffic on Interstate 4 was halted; call 624-6622.", []),
    ("The tally was 461 in 2005.", [(461, None)]),  # "in" before a year is not inches
])
def test_ages_addresses_and_labels_in_local_news(text, expected):
    assert [(f["value"], f["unit"]) for f in figures(text)] == expected


def test_digits_do_not_run_into_number_words():
    f = one("The state's $33 billion two-year budget passed.", "$33 billion")
    assert (f["value"], f["unit"]) == (33_000_000_000, "usd")


def test_qualified_dozen_and_more_phone_shapes():
    f = one("Rebels killed at least a dozen yesterday.", "dozen")
    assert (f["mention"], f["value"], f["low"], f["qualifier"], f["counts"]) == ("at least a dozen", 12, 12, "at_least", None)
    assert figures("Call (804) 780-1000 or 0208 892 1789.") == []


def test_hyphenated_counts_are_figures():
    got = [(f["value"], f["counts"]) for f in figures("A 6,000-strong force arrived; F-16s and Su-34s flew.")]
    assert got == [(6000, "force")]


def test_vague_quantities_take_a_unit():
    f = one("Hundreds of kilometres of front were mined.", "Hundreds")
    assert (f["value"], f["qualifier"], f["unit"], f["counts"]) == (100, "vague", "km", "front")


def test_number_scan_matches_the_flat_pattern():
    """numbers._elements is a faster form of this pattern; both find the same elements."""
    import re

    from conftest import EXAMPLES
    from sitroom.figures.lexicon import numbers as lexicon
    from sitroom.figures.numbers import _DIGITS, _elements

    nx = lexicon()
    words = list(nx["units"]) + list(nx["scales"]) + list(nx["fractions"]) + ["a", "an"]
    alt = "|".join(sorted(map(re.escape, words), key=len, reverse=True))
    ufr = "".join(nx["unicode_fractions"])
    att = "|".join(sorted(nx["attached_scales"], key=len, reverse=True))
    flat = re.compile(
        rf"(?P<frac>(?:\d+\s+)?\d+/\d+(?![\d/])|\d*[{ufr}])"
        rf"|(?P<dig>(?:{_DIGITS})(?:(?P<att>{att})(?![A-Za-z]))?)"
        rf"|(?P<word>\b(?:{alt})\b)",
        re.IGNORECASE,
    )
    texts = [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir())]
    texts.append("ſix, \u212aILO, TWENTY-one, An 1 ½ 2¾ 3 1/2, 10k 5bn, Seventeen thousand, ANd a half, \u0130n one")
    for text in texts:
        got = [(m.span(), m.groupdict()) for m in _elements().finditer(text)]
        assert got == [(m.span(), m.groupdict()) for m in flat.finditer(text)]


def test_digit_group_guard_changes_no_match():
    import re

    from conftest import EXAMPLES
    from sitroom.dates.mentions import _calendar_pattern
    from sitroom.figures.find import _DIGIT_GROUPS

    texts = [SEED.read_text(encoding="utf-8")] + [p.read_text(encoding="utf-8") for p in sorted(EXAMPLES.iterdir())]
    texts.append("(804) 780-1000, 614- 889-7444, 0208 892 1789, +44 1.2.3, 2024-08-06, 6/8/2024, Aug. 7th, 7 of March 2024")
    for guarded in (_DIGIT_GROUPS, _calendar_pattern()):
        assert guarded.pattern.startswith("(?=[") and guarded.pattern.endswith(")")
        plain = re.compile(guarded.pattern[guarded.pattern.index("(?:"):], guarded.flags)
        found = [[m.span() for m in guarded.finditer(text)] for text in texts]
        assert found == [[m.span() for m in plain.finditer(text)] for text in texts]
        assert found[-1], guarded.pattern  # the comparison is not vacuous


def test_equipment_models_are_not_counts_or_units():
    found = figures("Germany sent 14 Leopard 2 tanks and 3 T-72s were destroyed.")
    assert [f["mention"] for f in found] == ["14", "3"]  # not "2" of "Leopard 2"
    assert found[1]["unit"] is None  # the T of "T-72" is no tonne
    # After a place, a number still counts.
    assert shape(one("In Belgorod 3 civilians died on Monday.", "3")) == (3, None, None, "exact", None, "civilian")


@pytest.mark.parametrize("text,needle,counts", [
    ("Russia launched five Shahed drones at Odesa.", "five", "drone"),
    ("The brigade lost two Leopard 2 tanks.", "two", "tank"),
    ("Officials said 4 Red Cross workers were missing.", "4", "worker"),
    ("Dozens of Iranian-made Shahed drones hit Kyiv.", "Dozens", "drone"),
    # Hyphened to the number, the noun is what is counted, not the one after it.
    ("A missile hit a nine-storey residential building.", "nine", "storey"),
])
def test_makes_and_models_between_number_and_noun(text, needle, counts):
    assert one(text, needle)["counts"] == counts


@pytest.mark.parametrize("text,needle,value", [
    ("Thousands fled the city.", "Thousands", 1000),
    ("The strikes killed hundreds, officials said.", "hundreds", 100),
    ("Casualties number in the tens of thousands.", "tens of thousands", 10000),
    ("Dozens were wounded in the attack.", "Dozens", 12),
])
def test_vague_quantities_without_an_of_phrase(text, needle, value):
    f = one(text, needle)
    assert (f["value"], f["low"], f["qualifier"]) == (value, value, "vague")


def test_scores_needs_its_of_phrase():
    assert figures("Test scores rose and old scores were settled.") == []


@pytest.mark.parametrize("text,value", [
    ("One sixth of the budget goes to defence.", 0.1666666667),
    ("Two-fifths of homes lost power.", 0.4),
    ("Nine tenths of the town was destroyed.", 0.9),
])
def test_fractions_after_a_number_word(text, value):
    assert [f["value"] for f in figures(text)] == [value]


def test_ordinals_alone_are_not_fractions():
    assert figures("The fifth convoy arrived on the seventh day.") == []
