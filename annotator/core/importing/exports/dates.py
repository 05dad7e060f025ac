"""Dates as news databases print them ("January 11, 2010 Monday", "29 décembre 2011",
"jeudi 4 octobre 2012", "2012-01-09T01:35:58Z") → ISO 8601 ``YYYY-MM-DD``."""

from __future__ import annotations

import re
import unicodedata

# Month names in the languages these databases serve most (English, French, German, Spanish,
# Italian, Dutch, Portuguese), without accents, lower case; abbreviations by prefix below.
_MONTHS = {
    1: "january janvier januar janner enero gennaio januari janeiro",
    2: "february fevrier februar febrero febbraio februari fevereiro",
    3: "march mars marz marzo maart marco",
    4: "april avril abril aprile",
    5: "may mai mayo maggio mei maio",
    6: "june juin juni junio giugno junho",
    7: "july juillet juli julio luglio julho",
    8: "august aout agosto augustus",
    9: "september septembre septiembre settembre setembro",
    10: "october octobre oktober octubre ottobre oktober outubro",
    11: "november novembre noviembre novembro",
    12: "december decembre dezember diciembre dicembre dezembro",
}
_BY_NAME = {name: number for number, names in _MONTHS.items() for name in names.split()}
_ISO = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DAY_MONTH_YEAR = re.compile(r"\b(\d{1,2})\.?\s+([a-z]{3,10})\.?,?\s+(\d{4})\b")
_MONTH_DAY_YEAR = re.compile(r"\b([a-z]{3,10})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b")
_NUMERIC = re.compile(r"\b(\d{1,2})[./](\d{1,2})[./](\d{4})\b")


def iso_date(text: str) -> str:
    """``YYYY-MM-DD`` for a date written in one of the usual ways; else the text, trimmed."""
    raw = " ".join((text or "").split())
    if not raw:
        return ""
    simple = _fold(raw)
    match = _ISO.search(simple)
    if match:
        return "-".join(match.groups())
    match = _DAY_MONTH_YEAR.search(simple)
    if match and _month(match.group(2)):
        return _join(match.group(3), _month(match.group(2)), match.group(1))
    match = _MONTH_DAY_YEAR.search(simple)
    if match and _month(match.group(1)):
        return _join(match.group(3), _month(match.group(1)), match.group(2))
    match = _NUMERIC.search(simple)  # day first: the European order these exports use
    if match:
        return _join(match.group(3), int(match.group(2)), match.group(1))
    return raw


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _month(name: str) -> int:
    name = name.lower()
    if name in _BY_NAME:
        return _BY_NAME[name]
    if len(name) >= 3:
        for full, number in _BY_NAME.items():
            if full.startswith(name):
                return number
    return 0


def _join(year: str, month: int, day: str) -> str:
    if not (1 <= month <= 12 and 1 <= int(day) <= 31):
        return ""
    return f"{int(year):04d}-{month:02d}-{int(day):02d}"
