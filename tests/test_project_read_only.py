"""Project.open_read_only: a worker thread's own connection that reads and never writes."""

from __future__ import annotations

import pytest

from annotator.storage import Project, ProjectError, ReadOnlyProjectError


def test_reads_what_the_project_holds(project_file, project_factory_article):
    article_id = project_file.articles.add(project_factory_article)
    with Project.open_read_only(project_file.path) as reader:
        assert reader.articles.ids() == [article_id]


def test_refuses_to_write(project_file, project_factory_article):
    with Project.open_read_only(project_file.path) as reader:
        with pytest.raises(ReadOnlyProjectError, match="opened for reading only"):
            reader.articles.add(project_factory_article)


def test_a_foreign_file_is_refused_with_a_project_error(tmp_path):
    junk = tmp_path / "notes.annotator"
    junk.write_bytes(b"not a database at all")
    with pytest.raises(ProjectError):
        Project.open_read_only(junk)
