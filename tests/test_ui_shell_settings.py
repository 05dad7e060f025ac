"""The typed settings wrapper: defaults, round trips through the INI file, recent projects."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings

from annotator.ui.settings import MAX_RECENT, Settings
from tests.ui_shell_fixtures import settings  # noqa: F401  (fixture)


def reopened(settings: Settings) -> Settings:
    settings.sync()
    return Settings(QSettings(settings.qsettings.fileName(), QSettings.Format.IniFormat))


def test_defaults_when_nothing_is_stored(settings):
    assert settings.annotator_name == ""
    assert settings.recent_projects == []
    assert settings.snapping is True
    assert settings.splitter() == []
    assert settings.window_geometry.isEmpty()


def test_values_survive_a_restart(settings):
    settings.annotator_name = "Bea"
    settings.snapping = False
    settings.splitter_sizes = [300, 700, 350]
    settings.window_geometry = QByteArray(b"\x01\x02geometry")
    again = reopened(settings)
    assert again.annotator_name == "Bea"
    assert again.snapping is False
    assert again.splitter() == [300, 700, 350]
    assert bytes(again.window_geometry) == b"\x01\x02geometry"


def test_a_single_recent_project_comes_back_as_a_list(settings, tmp_path):
    settings.add_recent(tmp_path / "one.annotator")
    assert reopened(settings).recent_projects == [str(tmp_path / "one.annotator")]


def test_recent_projects_newest_first_each_once_and_capped(settings, tmp_path):
    for i in range(MAX_RECENT + 3):
        settings.add_recent(tmp_path / f"p{i}.annotator")
    settings.add_recent(tmp_path / "p5.annotator")
    recent = reopened(settings).recent_projects
    assert recent[0] == str(tmp_path / "p5.annotator")
    assert len(recent) == MAX_RECENT
    assert len(set(recent)) == MAX_RECENT


def test_last_article_is_kept_per_project(settings, tmp_path):
    settings.set_last_article(tmp_path / "a.annotator", "id-a")
    settings.set_last_article(tmp_path / "b.annotator", "id-b")
    again = reopened(settings)
    assert again.last_article(tmp_path / "a.annotator") == "id-a"
    assert again.last_article(tmp_path / "b.annotator") == "id-b"
    assert again.last_article(tmp_path / "c.annotator") == ""
