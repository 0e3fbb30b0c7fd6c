"""The dates stage: news rules on top of spaCy's DATE/TIME entities."""
from __future__ import annotations

import datetime as dt

import pytest

import sitroom
from sitroom.dates.resolve import resolve

THU = "2024-08-15"  # a Thursday


def dates(text, published=THU):
    return sitroom.extract(text, published=published)["dates"]


def one(text, mention, published=THU):
    found = [d for d in dates(text, published) if mention in d["mention"]]
    assert found, (mention, dates(text, published))
    return found[0]


def test_weekday_is_latest_on_or_before_publication():
    assert one("Ukraine launched an offensive on Wednesday.", "Wednesday")["value"] == "2024-08-14"
    # Published on a Wednesday: "Wednesday" is that very day, not a week before.
    assert one("Ukraine launched an offensive on Wednesday.", "Wednesday", "2024-08-14")["value"] == "2024-08-14"
    assert one("Shelling resumed late on Saturday.", "Saturday")["value"] == "2024-08-10"


def test_overnight_today_yesterday():
    d = one("Overnight, around 120 drones were shot down.", "Overnight")
    assert (d["value"], d["granularity"]) == ("2024-08-14", "day")
    assert one("Today, Putin questioned the talks.", "Today")["value"] == THU
    assert one("The governor said yesterday that two people died.", "yesterday")["value"] == "2024-08-14"


def test_no_publication_date_leaves_relative_dates_unresolved():
    text = "Troops crossed the border on August 6, 2024. On Wednesday they advanced; by August 10 and yesterday more followed."
    out = {d["mention"]: d["value"] for d in dates(text, None)}
    assert out["August 6, 2024"] == "2024-08-06"
    assert [v for m, v in out.items() if "Wednesday" in m] == [None]
    assert [v for m, v in out.items() if "August 10" in m] == [None]
    assert out["yesterday"] is None


def test_bare_years_and_months_keep_their_granularity():
    d = one("Russia has been gaining ground since 2023.", "2023")
    assert (d["value"], d["granularity"]) == ("2023", "year")
    d = one("The front was quiet in March.", "March")
    assert (d["value"], d["granularity"]) == ("2024-03", "month")
    # A month after publication's month is last year's unless the text says otherwise.
    assert one("The front was quiet in September.", "September")["value"] == "2023-09"
    d = one("Elections were held in August 2023.", "August 2023")
    assert (d["value"], d["granularity"]) == ("2023-08", "month")


def test_phrases_ner_misses():
    d = one("Fighting has continued since August 6 in the region.", "August 6")
    assert d["value"] == "2024-08-06"
    d = one("The village was captured earlier this month, officials said.", "this month")
    assert (d["value"], d["granularity"]) == ("2024-08", "month")
    d = one("Dozens of strikes were reported this week.", "this week")
    assert (d["value"], d["granularity"]) == ("2024-08-12", "week")  # the week's Monday


def test_future_only_when_the_text_says_so():
    d = one("Talks will resume next week in Geneva.", "next week")
    assert (d["value"], d["granularity"]) == ("2024-08-19", "week")
    assert one("The delegations will meet on Friday.", "Friday")["value"] == "2024-08-16"
    assert one("The delegations met on Friday.", "Friday")["value"] == "2024-08-09"


def test_event_anchored_offsets_are_not_guessed():
    for d in dates("Two days after the attack, the town was evacuated."):
        assert d["value"] is None or d["value"] <= THU


def test_durations_ages_and_frequencies_are_not_dates():
    text = "The fighting lasted three days. A 65-year-old man was wounded. Strikes happen daily."
    assert dates(text) == []


def test_ranges_have_an_end_value():
    d = one("Heavy fighting was reported on August 6-10 near Sudzha.", "August 6")
    assert (d["value"], d["end_value"]) == ("2024-08-06", "2024-08-10")


def test_offsets_and_ids(validate):
    text = "On Wednesday, troops advanced. Overnight, drones were downed. Today talks stalled."
    out = validate(sitroom.extract(text, published=THU))
    assert [d["id"] for d in out["dates"]] == ["d1", "d2", "d3"]
    assert sitroom.extract(text, published=THU) == out


@pytest.mark.parametrize("text,base,future,expected", [
    ("the day before yesterday", "2024-08-15", False, ("2024-08-13", "day", None)),
    ("two weeks ago", "2024-08-15", False, ("2024-07-29", "week", None)),
    ("last month", "2024-01-10", False, ("2023-12", "month", None)),
    ("last year", "2024-08-15", False, ("2023", "year", None)),
    ("the weekend", "2024-08-15", False, ("2024-08-10", "day", "2024-08-11")),
    ("6 and 7 August", "2024-08-15", False, ("2024-08-06", "day", "2024-08-07")),
    ("2022-23", None, False, ("2022", "year", "2023")),
    ("Wednesday, August 14", "2024-08-20", False, ("2024-08-14", "day", None)),
    ("mid-August", "2024-08-15", False, ("2024-08", "month", None)),
    ("Aug. 20", "2024-08-15", False, ("2023-08-20", "day", None)),
    ("Aug. 20", "2024-08-15", True, ("2024-08-20", "day", None)),
    ("three days", "2024-08-15", False, None),
    ("February 30", "2024-08-15", False, None),
])
def test_resolve_rules(text, base, future, expected):
    b = dt.date.fromisoformat(base) if base else None
    r = resolve(text, b, future)
    assert (tuple(r) if r else None) == expected


def test_dateline_month_day_that_ner_misses():
    d = one("MOSCOW, Aug 7 (Example Wire) - Russia said it repelled an attack.", "Aug 7", "2024-08-09")
    assert d["value"] == "2024-08-07"


def test_list_of_dates_is_read_part_by_part():
    out = dates("Strikes were reported on August 10 and yesterday.")
    assert [d["value"] for d in out] == ["2024-08-10", "2024-08-14"]


def test_no_date_after_publication_without_future_context():
    # "August 20" without a year, read in an article of Aug 15: last year's.
    assert one("Shelling was reported on August 20 near the border.", "August 20")["value"] == "2023-08-20"
    assert one("Schools will not open on September 1.", "September 1")["value"] == "2024-09-01"


def test_weekday_abbreviations_are_not_read_in_ordinary_words():
    assert dates("He sat down as the sun rose; they wed in a hurry.") == []


def test_date_run_into_a_number_is_cut_back():
    out = sitroom.extract("On Tuesday 14 people died.", published=THU)
    assert [(d["mention"], d["value"]) for d in out["dates"]] == [("Tuesday", "2024-08-13")]
    assert [(f["value"], f["counts"]) for f in out["figures"]] == [(14, "people")]


def test_explicit_future_year_is_kept():
    assert one("The agreement expires on March 31, 2026.", "March 31, 2026")["value"] == "2026-03-31"


def test_month_with_relative_year_and_month_named_events():
    d = one("In February last year, the border was quiet.", "February")
    assert (d["mention"], d["value"], d["granularity"]) == ("February last year", "2023-02", "month")
    assert dates("The March for Babies and the March of Dimes met at VFW Post No. 1922.") == []


@pytest.mark.parametrize("text,value", [
    ("Troops set fire to the depot on Friday.", "2024-08-09"),
    ("They planned the attack on Friday.", "2024-08-09"),
    ("The talks are scheduled for Friday.", "2024-08-16"),
    ("Kyiv plans to hold a vote on Friday.", "2024-08-16"),
    ("The minister is going to visit on Friday.", "2024-08-16"),
    ("The results are due on Friday.", "2024-08-16"),
])
def test_planning_words_make_a_future_only_in_the_present_tense(text, value):
    assert one(text, "Friday")["value"] == value


def test_timestamp_publication_anchors_on_its_day():
    assert one("Overnight, drones were downed.", "Overnight", "2024-08-15T06:30:00Z")["value"] == "2024-08-14"
    assert one("Overnight, drones were downed.", "Overnight", "not a date")["value"] is None


def test_weekday_with_last_this_next():
    assert one("Russia struck the city last Tuesday.", "last Tuesday")["value"] == "2024-08-13"
    # Published on a Thursday, "last Thursday" is a week back, not the same day.
    assert one("Russia struck the city last Thursday.", "last Thursday")["value"] == "2024-08-08"
    assert one("Talks resume next Monday, officials said.", "next Monday")["value"] == "2024-08-19"


def test_past_n_units_run_up_to_publication():
    d = one("In the past 24 hours, Russian forces shelled 20 towns.", "24 hours")
    assert (d["value"], d["end_value"], d["granularity"]) == ("2024-08-14", "2024-08-15", "day")
    d = one("Over the past week, 300 drones were launched.", "past week")
    assert (d["value"], d["end_value"]) == ("2024-08-08", "2024-08-15")
    # Vague spans are not turned into numbers.
    assert not [d for d in dates("Over the last few days, fighting intensified.") if d["value"]]


def test_seasons_are_month_ranges():
    d = one("The offensive, launched in the summer of 2023, stalled.", "summer of 2023")
    assert (d["value"], d["end_value"], d["granularity"]) == ("2023-06", "2023-08", "month")
    # Winter runs into the next year; "last summer" in August is the year before.
    assert one("Fighting went on through the winter of 2022-23.", "winter")["end_value"] == "2023-02"
    assert one("Attacks peaked last summer.", "last summer")["value"] == "2023-06"
    assert one("In autumn 2022, Ukraine retook Kherson.", "autumn 2022")["value"] == "2022-09"


def test_decades_holidays_and_the_start_of_the_year():
    d = one("In the 1990s the region was at war.", "1990s")
    assert (d["value"], d["end_value"], d["granularity"]) == ("1990", "1999", "year")
    assert one("On Christmas Day a missile hit Kharkiv.", "Christmas Day")["value"] == "2023-12-25"
    assert one("Since the start of the year, 1,200 people have fled.", "start of the year")["value"] == "2024"
    assert one("By the end of the month, the town had fallen.", "end of the month")["value"] == "2024-08"
    assert one("Heavy shelling marked the first week of August.", "first week of August")["value"] == "2024-08"


def test_range_running_past_publication_keeps_its_year():
    # Read on August 7, "August 6-10" is this August's, not 2024-08-06 to 2023-08-10.
    for text, mention in [("Fighting raged August 6-10.", "August 6-10"),
                          ("From 6 to 10 August, fighting raged.", "6 to 10 August")]:
        d = one(text, mention, "2024-08-07")
        assert (d["value"], d["end_value"]) == ("2024-08-06", "2024-08-10")
    d = one("Fighting raged from Dec. 28 to Jan. 3.", "Dec. 28", "2024-01-10")
    assert (d["value"], d["end_value"]) == ("2023-12-28", "2024-01-03")


def test_dotted_numeric_dates_are_day_first():
    assert one("The attack on 06.08.2024 killed two.", "06.08.2024")["value"] == "2024-08-06"
    assert one("The attack on 6/8/2024 killed two.", "6/8/2024")["value"] == "2024-06-08"


def test_dates_counted_from_the_story_are_found_without_a_value():
    for text, mention, gran in [("The next day, troops withdrew.", "next day", "day"),
                                ("Russian forces shelled the town that night.", "that night", "day"),
                                ("The previous year, the town fell.", "previous year", "year")]:
        d = one(text, mention)
        assert (d["value"], d["granularity"]) == (None, gran)


def test_earlier_in_the_week_is_the_publications_week():
    d = one("Earlier in the week, the mayor resigned.", "Earlier in the week")
    assert (d["value"], d["granularity"]) == ("2024-08-12", "week")
