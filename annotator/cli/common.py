"""Helpers the commands share: opening a project, printing JSON."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from annotator.cli.errors import CliError
from annotator.storage.errors import ProjectError

if TYPE_CHECKING:
    from annotator.storage import Project


def open_project(path: str) -> "Project":
    """Open an existing project file or server study (``postgresql://…``), or raise a one-line
    :class:`CliError`."""
    from annotator.storage.location import open_location

    try:
        return open_location(path)
    except ProjectError as error:
        raise CliError(str(error)) from error


def print_json(data) -> None:
    from annotator.core.terminal import escape_bidi_in_json

    sys.stdout.write(escape_bidi_in_json(json.dumps(data, ensure_ascii=False, indent=2)))
    sys.stdout.write("\n")
