"""The user's preferences, declared once with their types and defaults, kept in QSettings.

Project data lives in the project file; only what belongs to this user on this computer is
here (their name, recent projects, window layout, the last article read in each project and
how far down it they were).
Tests pass their own ``QSettings`` (an INI file in a temporary folder) so they never touch the
user's real settings.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any, Generic, TypeVar

from PySide6.QtCore import QByteArray, QSettings

ORGANIZATION = "annotator"
APPLICATION = "annotator"
MAX_RECENT = 10

T = TypeVar("T")


class Setting(Generic[T]):
    """A typed value under ``key``: reads convert what QSettings returns (INI files give strings)."""

    def __init__(self, key: str, kind: type, default: T):
        self.key, self.kind, self.default = key, kind, default

    def __get__(self, settings: "Settings", owner=None) -> T:
        if settings is None:
            return self  # type: ignore[return-value]
        return _convert(settings.qsettings.value(self.key, None), self.kind, self.default)

    def __set__(self, settings: "Settings", value: T) -> None:
        settings.qsettings.setValue(self.key, value)


class Settings:
    """Every preference the window keeps, with its default."""

    annotator_name = Setting("user/annotator_name", str, "")
    recent_projects = Setting("projects/recent", list, [])
    window_geometry = Setting("window/geometry", QByteArray, QByteArray())
    window_state = Setting("window/state", QByteArray, QByteArray())
    splitter_sizes = Setting("window/splitter_sizes", list, [])
    snapping = Setting("tagging/snapping", bool, True)
    # Where the export dialog starts (never a temporary folder: see ui/export_destination.py).
    last_export_folder = Setting("export/last_folder", str, "")
    # Blind coding is not here: it is the project's (annotator.actions.blind), so showing other
    # coders in one project never carries over to the next (issue 13).

    def __init__(self, qsettings: QSettings | None = None):
        self.qsettings = qsettings if qsettings is not None else QSettings(ORGANIZATION, APPLICATION)

    def splitter(self) -> list[int]:
        return [int(s) for s in self.splitter_sizes if str(s).lstrip("-").isdigit()]

    def last_article(self, project_path: str | Path) -> str:
        """The article last read in the project at ``project_path``, or ""."""
        return str(self.qsettings.value(_project_key(project_path), "") or "")

    def set_last_article(self, project_path: str | Path, article_id: str) -> None:
        self.qsettings.setValue(_project_key(project_path), article_id)

    def last_position(self, project_path: str | Path, article_id: str) -> int:
        """Where reading stopped in ``article_id`` (the code point at the top of the text) the
        last time the project was closed on it; 0 for any other article."""
        stored = str(self.qsettings.value(_project_key(project_path, "last_position"), "") or "")
        offset, _, stored_id = stored.partition(":")
        return int(offset) if stored_id == article_id and offset.isdigit() else 0

    def set_last_position(self, project_path: str | Path, article_id: str, offset: int) -> None:
        self.qsettings.setValue(_project_key(project_path, "last_position"), f"{max(0, int(offset))}:{article_id}")

    def add_recent(self, project_path: str | Path) -> None:
        """Put ``project_path`` first in the recent projects (each once, at most ``MAX_RECENT``)."""
        path = _recent_key(project_path)
        recent = [p for p in self.recent_projects if p != path]
        self.recent_projects = [path, *recent][:MAX_RECENT]

    def remove_recent(self, project_path: str | Path) -> None:
        path = _recent_key(project_path)
        self.recent_projects = [p for p in self.recent_projects if p != path]

    def sync(self) -> None:
        self.qsettings.sync()


def _project_key(project_path: str | Path, what: str = "last_article") -> str:
    # Paths contain characters QSettings keys cannot hold; a digest is stable and short.
    digest = hashlib.sha1(str(Path(project_path).resolve()).encode("utf-8")).hexdigest()[:16]
    return f"projects/{what}/{digest}"


def _convert(raw: Any, kind: type, default: Any) -> Any:
    if raw is None:
        return default
    if kind is bool:
        if isinstance(raw, str):
            return raw.strip().lower() in ("true", "1", "yes")
        return bool(raw)
    if kind is list:
        # A one-item list comes back from an INI file as a bare string, an empty one as None.
        if isinstance(raw, (list, tuple)):
            return [str(v) if not isinstance(v, int) else v for v in raw]
        return [raw] if raw != "" else []
    if kind is QByteArray:
        return raw if isinstance(raw, QByteArray) else default
    if kind is str:
        return str(raw)
    try:
        return kind(raw)
    except (TypeError, ValueError):
        return default


def _recent_key(project_path: str | Path) -> str:
    """A file's absolute path; a server study's URL as given (it is no path to resolve)."""
    text = str(project_path)
    return text if "://" in text else str(Path(project_path).resolve())
