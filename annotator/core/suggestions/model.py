"""The records a suggestion run produces, and the settings that shape their boundaries."""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, field, fields
from typing import Any

# The roles a finder fills; each maps to a codebook tag by name (SuggestionSettings.tag_names).
QUOTE = "quote"
ATTRIBUTION = "attribution"
SENSATIONAL = "sensational"
CLAIM = "claim"
ROLES = (QUOTE, ATTRIBUTION, SENSATIONAL, CLAIM)

# Kinds of quote, so the window and the evaluation can tell speech from distancing marks.
DIRECT = "direct quote"
PARTIAL = "partial quote"  # a quoted fragment inside the reporter's sentence (mixed quote)
NESTED = "nested quote"
SCARE = "scare quote"  # one to three words in marks with no speech cue: distance, not speech


@dataclass(frozen=True)
class Suggestion:
    """One pre-marked passage ``text[start:end]`` (code points, end exclusive).

    ``tag`` is the codebook tag's name; ``rule`` names the rule or lexicon entry that produced
    it (shown on hover); ``fields`` are suggested field values; ``link`` is the :attr:`key` of
    the suggestion this one points to (an attribution points to its quote).
    """

    tag: str
    start: int
    end: int
    confidence: float
    rule: str
    kind: str = ""
    fields: dict[str, Any] = field(default_factory=dict, compare=False, hash=False)
    link: tuple[str, int, int] | None = None

    @property
    def key(self) -> tuple[str, int, int]:
        """What identifies a suggestion within its article: tag and span."""
        return (self.tag, self.start, self.end)

    def to_json(self, text: str | None = None) -> dict[str, Any]:
        data: dict[str, Any] = {
            "tag": self.tag, "start": self.start, "end": self.end,
            "confidence": round(self.confidence, 3), "rule": self.rule, "kind": self.kind,
            "fields": dict(self.fields),
            "link": None if self.link is None else {"tag": self.link[0], "start": self.link[1], "end": self.link[2]},
        }
        if text is not None:
            data["text"] = text[self.start:self.end]
        return data


@dataclass
class SuggestionSettings:
    """Codebook-level choices where researchers differ. Stored with the project.

    - ``quote_marks_inside``: a quote's span includes its quotation marks (GUM, many
      codebooks) or not (the default: the quoted words only).
    - ``keep_final_stop``: with marks outside, keep a full stop, "?", "!" or "…" that ends
      the quote inside the marks; a comma that closes a quote inside the marks is never kept.
    - ``attribution_with_cue``: an attribution runs from its source to its cue ("SDF
      spokesman Mustafa Bali said"); without it only the source is marked.
    - ``codings_from``: the project's codings suggested elsewhere, from ``"any"`` coder,
      ``"self"`` (this coder only: blind coding stays blind) or ``"none"``.
    - ``claims``: the claim finder (lower confidence) is off by default.
    - ``claims_in_reported_speech``: a sentence reporting what someone said ("Police said the
      fire was started deliberately") may be a claim; off, only the writer's own assertions
      are (with their sources: "…, according to the figures.").
    - ``indirect_quotes``: reported speech after a speech verb is suggested as a quote (the
      codebook's Quote covers it), the clause without "that" and without the final stop.
    - ``sensational_in_quotes``: loaded words inside quotations are suggested too; off, only
      the writer's own words are (a quotation is the speaker's, coded as a quote).
    - ``min_confidence``: suggestions below it are not shown.
    """

    quote_marks_inside: bool = False
    keep_final_stop: bool = True
    attribution_with_cue: bool = True
    scare_quotes: bool = True
    codings_from: str = "any"
    claims: bool = False
    claims_in_reported_speech: bool = False
    sensational: bool = True
    sensational_in_quotes: bool = False
    indirect_quotes: bool = True
    min_confidence: float = 0.4
    tag_names: dict[str, str] = field(default_factory=lambda: {
        QUOTE: "Quote", ATTRIBUTION: "Source attribution",
        SENSATIONAL: "Sensational language", CLAIM: "Claim",
    })

    def tag_for(self, role: str) -> str:
        return self.tag_names.get(role, "")

    def to_json(self) -> str:
        return json.dumps(asdict(self), sort_keys=True)

    @classmethod
    def from_json(cls, raw: str | None) -> "SuggestionSettings":
        """Settings from their stored JSON; unknown keys are ignored, missing ones default."""
        if not raw:
            return cls()
        try:
            data = json.loads(raw)
        except ValueError:
            return cls()
        known = {f.name for f in fields(cls)}
        settings = cls(**{k: v for k, v in data.items() if k in known})
        if settings.codings_from not in ("any", "self", "none"):
            settings.codings_from = "any"
        return settings
