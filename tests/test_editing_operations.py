"""The editing operations and their history, with no Qt at all."""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pytest

from annotator.actions import editing
from annotator.actions.history import History
from annotator.core.model import NewArticle, Status
from annotator.storage import Project
from annotator.storage.errors import InvalidAnnotationError

TEXT = (
    "“We will not back down,” the mayor said on Tuesday.\n\n"
    "SDF spokesman Mustafa Bali called the plan cowardly. 😀 Police confirmed it."
)


@pytest.fixture
def coded(project_file):
    """A project file with one to-do article, two coders' overlapping annotations and a link."""
    p = project_file
    article_id = p.articles.add(NewArticle(text=TEXT, title="Mayor"))
    tags = {t.name: t.id for t in p.codebook.tags()}
    quote = editing.add_annotation(p, article_id, tags["Quote"], 0, 25, "ana").added[0]
    attribution = editing.add_annotation(p, article_id, tags["Source attribution"], 26, 35, "ana",
                                         linked_id=quote.id).added[0]
    other = editing.add_annotation(p, article_id, tags["Claim"], 0, 50, "bo").added[0]
    p.articles.set_status(article_id, Status.TODO)  # as if a colleague's work came in by merge
    return p, article_id, tags, quote, attribution, other


def snapshot(project):
    """Everything an edit may touch, for comparing whole states."""
    annotations = sorted(
        (a.id, a.tag_id, a.start, a.end, a.text, a.note, tuple(sorted(a.fields.items())), a.linked_id, a.updated_at)
        for a in project.annotations.iter_all()
    )
    statuses = sorted((a.id, a.status.value) for a in project.articles.iter_all())
    return annotations, statuses


def test_first_annotation_moves_a_todo_article_to_in_progress_in_the_same_change(coded):
    p, article_id, tags, *_ = coded
    change = editing.add_annotation(p, article_id, tags["Claim"], 57, 71, "ana")
    assert [s.new for s in change.statuses] == [Status.IN_PROGRESS]
    assert p.articles.status(article_id) is Status.IN_PROGRESS
    editing.revert(p, change)
    assert p.articles.status(article_id) is Status.TODO
    assert p.annotations.get(change.added[0].id) is None


def test_add_copies_the_passage_by_code_points(coded):
    p, article_id, tags, *_ = coded
    start = TEXT.index("😀")
    added = editing.add_annotation(p, article_id, tags["Sensational language"], start, start + 1, "ana").added[0]
    assert p.annotations.get(added.id).text == "😀"
    assert added.context_after.startswith(" Police")


@pytest.mark.parametrize("start, end", [(5, 5), (-1, 3), (0, len(TEXT) + 1)])
def test_bad_spans_are_refused_with_one_line_and_nothing_written(coded, start, end):
    p, article_id, tags, *_ = coded
    before = snapshot(p)
    with pytest.raises(InvalidAnnotationError, match="outside the text"):
        editing.add_annotation(p, article_id, tags["Claim"], start, end, "ana")
    assert snapshot(p) == before


def test_unknown_tag_article_and_empty_name_are_refused(coded):
    p, article_id, tags, *_ = coded
    with pytest.raises(InvalidAnnotationError, match="no tag"):
        editing.add_annotation(p, article_id, "nope", 0, 3, "ana")
    with pytest.raises(editing.NotFoundError, match="no article"):
        editing.add_annotation(p, "missing", tags["Claim"], 0, 3, "ana")
    with pytest.raises(InvalidAnnotationError, match="annotator"):
        editing.add_annotation(p, article_id, tags["Claim"], 0, 3, "  ")
    with pytest.raises(KeyError):
        editing.remove_annotation(p, "missing")


def test_remove_clears_incoming_links_and_undo_restores_them(coded):
    p, _article_id, _tags, quote, attribution, _other = coded
    before = snapshot(p)
    change = editing.remove_annotation(p, quote.id)
    assert p.annotations.get(attribution.id).linked_id is None
    assert [after.id for _b, after in change.updated] == [attribution.id]
    editing.revert(p, change)
    assert p.annotations.get(attribution.id).linked_id == quote.id
    assert snapshot(p) == before
    editing.apply(p, change)
    assert p.annotations.get(quote.id) is None and p.annotations.get(attribution.id).linked_id is None


def test_undoing_a_delete_restores_its_typed_relations(coded):
    p, _article_id, _tags, quote, attribution, other = coded
    p.relations.add_many([(attribution.id, quote.id, "said"), (quote.id, other.id, "part-of")])
    before = sorted(p.relations.involving(quote.id))
    change = editing.remove_annotation(p, quote.id)
    assert p.relations.involving(quote.id) == []
    editing.revert(p, change)
    assert sorted(p.relations.involving(quote.id)) == before


def test_retag_keeps_fields_the_new_tag_also_has(coded):
    p, _article_id, tags, quote, *_ = coded
    speaker = p.codebook.get(tags["Quote"]).fields[0].name
    editing.set_field(p, quote.id, speaker, "Mayor")
    change = editing.retag(p, quote.id, tags["Claim"])
    assert change.label == "Retag Quote as Claim"
    assert p.annotations.get(quote.id).tag_id == tags["Claim"]
    editing.revert(p, change)
    assert p.annotations.get(quote.id).fields[speaker] == "Mayor"


def test_set_field_refuses_a_field_the_tag_lacks(coded):
    p, *_rest = coded
    quote = coded[3]
    with pytest.raises(InvalidAnnotationError, match="no field"):
        editing.set_field(p, quote.id, "no such field", "x")


def test_word_and_character_nudges(coded):
    p, article_id, tags, *_ = coded
    bali = TEXT.index("SDF")
    change = editing.add_annotation(p, article_id, tags["Source attribution"], bali, bali + len("SDF spokesman"), "ana")
    a = change.added[0]
    moved = editing.move_boundary(p, a.id, "end", 1)
    assert moved.updated[0][1].text == "SDF spokesman Mustafa"
    assert moved.label == "Move End of Source attribution"
    # The sentence's full stop: word nudges cannot reach it, a character nudge can.
    cowardly_end = TEXT.index("cowardly") + len("cowardly")
    editing.set_bounds(p, a.id, bali, cowardly_end)
    editing.move_boundary(p, a.id, "end", 1, by="character")
    assert p.annotations.get(a.id).text.endswith("cowardly.")
    # The opening quotation mark before a quote's first word.
    quote = coded[3]
    editing.set_bounds(p, quote.id, 1, 24)
    editing.move_boundary(p, quote.id, "start", -1, by="character")
    assert p.annotations.get(quote.id).text.startswith("“We")


def test_character_nudge_steps_over_an_emoji_as_one(coded):
    p, article_id, tags, *_ = coded
    start = TEXT.index("😀")
    a = editing.add_annotation(p, article_id, tags["Claim"], start - 9, start - 1, "ana").added[0]
    editing.move_boundary(p, a.id, "end", 2, by="character")
    assert p.annotations.get(a.id).text.endswith(" 😀")


def test_a_nudge_that_cannot_move_changes_nothing(coded):
    p, _article_id, _tags, quote, *_ = coded
    history = History(p)
    change = history.push(editing.move_boundary(p, quote.id, "start", -1))
    assert change.empty and not history.can_undo


def test_note_link_and_status_edits_have_inverses(coded):
    p, article_id, _tags, quote, attribution, other = coded
    before = snapshot(p)
    history = History(p)
    history.push(editing.edit_note(p, quote.id, "check the date"))
    history.push(editing.set_link(p, attribution.id, None))
    history.push(editing.set_status(p, article_id, Status.DONE))
    assert history.undo_label == "Mark Done"
    with pytest.raises(InvalidAnnotationError, match="itself"):
        editing.set_link(p, other.id, other.id)
    while history.can_undo:
        history.undo()
    assert snapshot(p) == before
    while history.can_redo:
        history.redo()
    assert p.annotations.get(quote.id).note == "check the date"
    assert p.articles.status(article_id) is Status.DONE


def test_unknown_status_is_one_clear_line(coded):
    p, article_id, *_ = coded
    with pytest.raises(InvalidAnnotationError, match="unknown status 'finished'"):
        editing.set_status(p, article_id, "finished")


def test_history_drops_the_redo_tail_and_tracks_clean(coded):
    p, article_id, tags, *_ = coded
    history = History(p)
    history.mark_clean()
    first = history.push(editing.add_annotation(p, article_id, tags["Claim"], 57, 71, "ana"))
    assert not history.is_clean
    history.undo()
    assert history.is_clean and history.redo_label == first.label
    history.push(editing.add_annotation(p, article_id, tags["Claim"], 72, 80, "ana"))
    assert not history.can_redo and len(history) == 1


def test_a_refused_write_leaves_the_file_and_the_history_as_they_were(coded, tmp_path):
    p, article_id, tags, quote, *_ = coded
    history = History(p)
    history.push(editing.edit_note(p, quote.id, "first"))
    before = snapshot(p)
    reader = Project.open_read_only(p.path)
    try:
        with pytest.raises(sqlite3.OperationalError):
            editing.add_annotation(reader, article_id, tags["Claim"], 57, 71, "ana")
        with pytest.raises(sqlite3.OperationalError):
            History(reader).push(editing.edit_note(reader, quote.id, "second"))
    finally:
        reader.close()
    assert snapshot(p) == before
    # A history whose undo fails stays put, so the next undo tries the same step again.
    p.db.execute("PRAGMA query_only = ON")
    with pytest.raises(sqlite3.OperationalError):
        history.undo()
    p.db.execute("PRAGMA query_only = OFF")
    assert history.can_undo and history.undo_label == "Edit Note"
    history.undo()
    assert p.annotations.get(quote.id).note == ""


def test_the_operations_import_no_qt():
    code = (
        "import sys; import annotator.actions.editing, annotator.actions.history, annotator.core.changes; "
        "assert 'PySide6' not in sys.modules, 'Qt imported'"
    )
    subprocess.run([sys.executable, "-c", code], check=True)
