"""Lines of a scraped text dump that are page furniture, not article: image counters ("7",
"3/12"), photo credits ("Credit: AFP"), share and subscribe prompts, cookie notices.

Dropping them is an import option, off by default (a researcher studying the whole page must
get it whole), and the window shows which lines would go before anything is stored. Only
whole lines that match are dropped; a sentence that mentions cookies stays.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_COUNTER = re.compile(r"^\(?\d{1,3}(\s*(/|of|von|sur|de)\s*\d{1,3})?\)?$", re.IGNORECASE)
_CREDIT = re.compile(
    r"^(\(?(photo|photos|image|images|picture|pictures|credit|credits|foto|fotos|bild|bilder|illustration|video|"
    r"source|quelle|crédit|crédits)\s*(\(s\))?\s*[:©/|-].{0,80}|©.{0,80}|\(?(afp|reuters|ap|dpa|epa|getty images|"
    r"anadolu|ansa|efe)( photo)?\)?)$",
    re.IGNORECASE,
)
_PROMPT = re.compile(
    r"^(share( this( article| story| page)?)?( on \w+)?|share via \w+|tweet( this)?|email( this)?|print( this)?|"
    r"copy link|click to share.*|follow us( on \w+)?.{0,40}|subscribe( now| today| to .{0,60})?|sign up( now| for .{0,60})?|"
    r"(get|read) (our|the) newsletter.{0,40}|newsletter|register( now)?|log ?in|sign in|already a subscriber\??.{0,40}|"
    r"advertisement|anzeige|publicité|werbung|sponsored( content)?|read more.{0,40}|related( articles| stories)?|"
    r"most read|listen to this article.{0,20}|\d+ comments?|comments?( \(\d+\))?|show comments|"
    r"skip (to|the) .{0,30}|jump (to|directly to) .{0,30}|back to top|zum inhalt springen|aller au contenu|"
    r"ir al contenido|direkt zum inhalt)[.!:]?$",
    re.IGNORECASE,
)
_COOKIE = re.compile(r"\b(cookies?|tracking technologies|consent|datenschutz|privacy (policy|settings))\b", re.IGNORECASE)
_COOKIE_ACTION = re.compile(r"\b(we use|this (site|website) uses|accept|reject|manage|settings|agree|einverstanden|akzeptieren)\b", re.IGNORECASE)
MAX_COOKIE_NOTICE_WORDS = 60


@dataclass
class Cleaned:
    """The text with the boilerplate lines left out, and which lines those were."""

    text: str
    dropped: list[str]


def is_boilerplate_line(line: str) -> bool:
    """True for a whole line that is a counter, a credit, a prompt or a cookie notice."""
    simple = line.strip().strip("•·|»›>-–— \u00a0")
    if not simple:
        return False
    if _COUNTER.match(simple) or _CREDIT.match(simple) or _PROMPT.match(simple):
        return True
    words = len(simple.split())
    return words <= MAX_COOKIE_NOTICE_WORDS and bool(_COOKIE.search(simple)) and bool(_COOKIE_ACTION.search(simple))


def drop_boilerplate(text: str) -> Cleaned:
    """``text`` without its boilerplate lines; blank lines left by them collapse to one."""
    kept, dropped = [], []
    for line in text.split("\n"):
        if is_boilerplate_line(line):
            dropped.append(line.strip())
            continue
        if not line.strip() and kept and not kept[-1].strip():
            continue  # no run of blank lines where a dropped line sat between paragraphs
        kept.append(line)
    while kept and not kept[0].strip():
        kept.pop(0)
    return Cleaned("\n".join(kept), dropped)
