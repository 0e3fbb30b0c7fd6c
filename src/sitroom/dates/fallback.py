"""dateparser, for the numeric day formats the rules leave alone ("6/8/2024").

dateparser is slow and, on news phrasing, often wrong (it reads "three days"
as a date and "on Wednesday" as last week's), so it sees only strings that
look like a numeric calendar date, and every answer is cached.
"""
from __future__ import annotations

import datetime as dt
import functools
import re

NUMERIC_DATE = re.compile(r"^\d{1,4}[/.]\d{1,2}[/.]\d{2,4}$")


@functools.lru_cache(maxsize=2)
def _parser(order: str):
    from dateparser.date import DateDataParser

    return DateDataParser(languages=["en"], settings={"PREFER_DATES_FROM": "past", "REQUIRE_PARTS": ["day", "month", "year"],
                                                      "DATE_ORDER": order})


@functools.lru_cache(maxsize=4096)
def parse_numeric(text: str) -> str | None:
    if not NUMERIC_DATE.match(text.strip()):
        return None
    # Slashes are read month first, as English-language wires write them;
    # dots day first ("06.08.2024"), as Europe and the former USSR do.
    data = _parser("DMY" if "." in text else "MDY").get_date_data(text.strip())
    d = data.date_obj
    return d.date().isoformat() if isinstance(d, dt.datetime) else None
