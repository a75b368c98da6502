"""Publication dates to ISO 8601 (date, or date and time when known)."""

from __future__ import annotations

from datetime import datetime

from dateutil import parser as dateparser


def parse_date(value: str | None) -> str | None:
    """ISO form of a date string, or None if it does not look like a date."""
    if not value:
        return None
    value = value.strip()
    try:
        parsed = dateparser.parse(value, default=datetime(1900, 1, 1))
    except (ValueError, OverflowError, TypeError):
        return None
    if parsed is None or parsed.year < 1800 or parsed.year > 2200:
        return None
    if parsed.hour == parsed.minute == parsed.second == 0 and "T" not in value and ":" not in value:
        return parsed.date().isoformat()
    return parsed.replace(microsecond=0).isoformat()
