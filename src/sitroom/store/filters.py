"""One set of incident filters for the CLI, the exports, the report and the web API."""
from __future__ import annotations

from dataclasses import dataclass, fields
from datetime import date

CORROBORATION = ("single_source", "corroborated", "contested")


@dataclass
class Filters:
    since: str | None = None        # event_date >= since (YYYY-MM-DD)
    until: str | None = None        # event_date <= until
    country: str | None = None      # ISO2 code or English name, case-insensitive
    admin1: str | None = None       # region name, case-insensitive
    type: str | None = None         # disorder type, event type or sub-event type
    actor: str | None = None        # substring of actor1/actor2 (or their ISO2 country)
    min_sources: int | None = None  # num_sources >= this
    corroboration: str | None = None  # single_source | corroborated | contested
    bbox: tuple[float, float, float, float] | None = None  # min_lon, min_lat, max_lon, max_lat
    q: str | None = None            # substring of notes or any member evidence
    limit: int | None = None
    offset: int | None = None

    def __post_init__(self):
        for name in ("since", "until"):
            v = getattr(self, name)
            if v is not None:
                setattr(self, name, date.fromisoformat(str(v)[:10]).isoformat())
        if self.corroboration is not None and self.corroboration not in CORROBORATION:
            raise ValueError(f"corroboration must be one of {', '.join(CORROBORATION)}")
        if isinstance(self.bbox, str):
            self.bbox = parse_bbox(self.bbox)
        if self.bbox is not None:
            self.bbox = tuple(float(x) for x in self.bbox)
            if len(self.bbox) != 4:
                raise ValueError("bbox is min_lon,min_lat,max_lon,max_lat")

    @classmethod
    def from_mapping(cls, m: dict) -> "Filters":
        """From query parameters or CLI options; unknown keys and None are ignored."""
        names = {f.name for f in fields(cls)}
        return cls(**{k: v for k, v in m.items() if k in names and v not in (None, "")})

    def where(self) -> tuple[str, list]:
        """SQL condition over the `incidents` table (alias i) and its parameters."""
        conds, params = [], []
        if self.since:
            conds.append("i.event_date >= CAST(? AS DATE)"); params.append(self.since)
        if self.until:
            conds.append("i.event_date <= CAST(? AS DATE)"); params.append(self.until)
        if self.country:
            conds.append("(lower(i.country_code) = lower(?) OR lower(i.country) = lower(?))")
            params += [self.country, self.country]
        if self.admin1:
            conds.append("lower(i.admin1) = lower(?)"); params.append(self.admin1)
        if self.type:
            conds.append("(lower(i.event_type) = lower(?) OR lower(i.sub_event_type) = lower(?) "
                         "OR lower(i.disorder_type) = lower(?))")
            params += [self.type] * 3
        if self.actor:
            conds.append("(i.actor1 ILIKE ? OR i.actor2 ILIKE ? OR lower(i.actor1_country) = lower(?) "
                         "OR lower(i.actor2_country) = lower(?))")
            params += [f"%{self.actor}%", f"%{self.actor}%", self.actor, self.actor]
        if self.min_sources:
            conds.append("i.num_sources >= ?"); params.append(int(self.min_sources))
        if self.corroboration:
            conds.append("i.corroboration = ?"); params.append(self.corroboration)
        if self.bbox:
            x0, y0, x1, y1 = self.bbox
            conds.append("i.longitude BETWEEN ? AND ? AND i.latitude BETWEEN ? AND ?")
            params += [x0, x1, y0, y1]
        if self.q:
            conds.append("(i.notes ILIKE ? OR CAST(i.detail AS VARCHAR) ILIKE ?)")
            params += [f"%{self.q}%", f"%{self.q}%"]
        return (" AND ".join(conds) or "TRUE"), params

    def page(self) -> str:
        out = ""
        if self.limit is not None:
            out += f" LIMIT {int(self.limit)}"
        if self.offset:
            out += f" OFFSET {int(self.offset)}"
        return out


def parse_bbox(s: str) -> tuple[float, float, float, float]:
    parts = [p for p in s.replace(" ", "").split(",") if p]
    if len(parts) != 4:
        raise ValueError(f"bbox {s!r}: expected min_lon,min_lat,max_lon,max_lat")
    return tuple(float(p) for p in parts)  # type: ignore[return-value]
