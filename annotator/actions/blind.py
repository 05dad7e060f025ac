"""Blind coding as a setting of the project, not of the user: on unless the project's owner
marks the project "not blind". It used to be one global preference, so showing other coders once
(in any project) turned it off everywhere afterwards, fresh demo copies included.

Stored in the project's ``project`` table under ``blind_coding`` ("0" means not blind, anything
else or nothing means blind), the key a server study reads too (``annotator_blind()``). A new
project, a demo copy, a coder's file made by ``annotator assign`` and a project that merged a
colleague's work have no such row, so all are blind. Showing other coders in one window for a
while does not change it.
"""

from __future__ import annotations

BLIND_KEY = "blind_coding"


def is_blind(project) -> bool:
    """Whether coders of ``project`` see only their own annotations (the default)."""
    return (project.meta(BLIND_KEY, "1") or "1") != "0"


def set_blind(project, blind: bool) -> None:
    """Mark the project blind (coders see only their own work) or not blind (everyone's)."""
    project.set_meta(BLIND_KEY, "1" if blind else "0")
