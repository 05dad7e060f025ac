"""Fixtures for the window shell tests: settings in a temporary INI file, prompts that answer at
once (no modal dialog ever blocks), and project files with a few articles."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings

from annotator.storage import Project
from annotator.ui.prompts import Prompts
from annotator.ui.settings import Settings
from tests.corpus_fixtures import add_articles


class FakePrompts(Prompts):
    """Answers every question from its attributes and remembers what it was shown."""

    def __init__(self):
        self.name: str | None = "Tester"
        self.open_path: str | None = None
        self.new_path: str | None = None
        self.paths: list[str] = []
        self.errors: list[tuple[str, str]] = []
        self.dialogs: list = []
        self.asked_name = 0
        self.confirm_answer = True  # what every yes/no question is answered
        self.questions: list[tuple[str, str]] = []  # (title, question) of each one asked
        self.messages: list[tuple[str, str]] = []  # (title, message) of each one told

    def open_project_path(self, parent):
        return self.open_path

    def new_project_path(self, parent):
        return self.new_path

    def import_paths(self, parent):
        return self.paths

    def import_folder(self, parent):
        return self.paths

    def annotator_name(self, parent, current=""):
        self.asked_name += 1
        return self.name

    def inform(self, parent, title, message, seconds=0):
        self.messages.append((title, message))

    def confirm(self, parent, title, question):
        self.questions.append((title, question))
        return self.confirm_answer

    def error(self, parent, title, message):
        self.errors.append((title, message))

    def show_dialog(self, dialog):
        self.dialogs.append(dialog)

    def import_options(self, parent, preview):
        self.previews = getattr(self, "previews", []) + [preview]
        return getattr(self, "drop_boilerplate", False)


@pytest.fixture
def settings(tmp_path) -> Settings:
    return Settings(QSettings(str(tmp_path / "settings.ini"), QSettings.Format.IniFormat))


@pytest.fixture
def prompts() -> FakePrompts:
    return FakePrompts()


@pytest.fixture
def project_path(tmp_path):
    """A project file with 12 articles; yields its path (closed, ready to open)."""
    path = tmp_path / "study.annotator"
    with Project.create(path) as project:
        add_articles(project, 12)
    return path


def open_window(project_path, settings, prompts, qtbot, annotator="Tester"):
    """Start the app in-process on ``project_path`` and return its main window."""
    from annotator.ui.app import launch

    controller = launch(str(project_path), annotator=annotator, settings=settings, prompts=prompts)
    window = controller.windows[0]
    qtbot.addWidget(window)
    qtbot.waitExposed(window)
    return window
