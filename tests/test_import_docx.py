"""Word documents: paragraphs joined by blank lines, core properties as metadata."""

from __future__ import annotations

from datetime import datetime, timezone

import docx
import pytest

from annotator.core.importing import Failure, read_file
from annotator.core.importing.docx_file import read_docx
from annotator.core.importing.problems import ImportProblem


def make_docx(path, paragraphs, *, title="", author="", heading=""):
    document = docx.Document()
    if heading:
        document.add_heading(heading, level=1)
    for text in paragraphs:
        document.add_paragraph(text)
    document.core_properties.title = title
    document.core_properties.author = author
    document.core_properties.created = datetime(2026, 5, 6, 9, 0, tzinfo=timezone.utc)
    document.save(str(path))
    return path


def test_paragraphs_are_joined_by_blank_lines(tmp_path):
    path = make_docx(tmp_path / "a.docx", ["One “quoted”.", "", "Two 😀."])
    assert read_docx(path).text == "One “quoted”.\n\nTwo 😀."


def test_core_properties_become_metadata(tmp_path):
    article = read_docx(make_docx(tmp_path / "a.docx", ["Body."], title="The title", author="A. Writer"))
    assert (article.title, article.author, article.published) == ("The title", "A. Writer", "2026-05-06")


def test_heading_is_the_title_when_properties_have_none(tmp_path):
    article = read_docx(make_docx(tmp_path / "a.docx", ["Body text."], heading="Schools change menus"))
    assert article.title == "Schools change menus"


def test_document_without_text_is_refused(tmp_path):
    with pytest.raises(ImportProblem, match="no article text"):
        read_docx(make_docx(tmp_path / "a.docx", ["", "   "]))


def test_renamed_file_is_not_a_valid_docx(tmp_path):
    path = tmp_path / "a.docx"
    path.write_bytes(b"this is plain text pretending to be a Word file")
    assert [i.reason for i in read_file(path)] == ["not a valid .docx file (damaged, or another format renamed)"]


def load_make_docx():
    import importlib.util

    from annotator.actions.sample_project import sample_data_dir

    spec = importlib.util.spec_from_file_location("make_docx", sample_data_dir() / "make_docx.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_sample_docx_script_is_reproducible():
    module = load_make_docx()
    assert module.build() == module.build()


def test_committed_sample_docx_matches_its_script(tmp_path):
    # Compared by content: another python-docx version may write other bytes for the same text.
    module = load_make_docx()
    rebuilt = tmp_path / "rebuilt.docx"
    rebuilt.write_bytes(module.build())
    committed, fresh = read_docx(module.TARGET), read_docx(rebuilt)
    assert (committed.text, committed.title, committed.author) == (fresh.text, fresh.title, fresh.author)


def test_sample_docx_imports(tmp_path):
    from annotator.actions.sample_project import sample_data_dir

    (article,) = list(read_file(sample_data_dir() / "articles" / "school-meals.docx"))
    assert not isinstance(article, Failure) and article.author == "Mirela Dragan"
