"""annotations.csv written by two processes: the bytes one process writes, progress over both,
and nothing left behind (file or process) on a cancel or an error."""

from __future__ import annotations

import multiprocessing
import random

import pytest

from annotator.actions import parallel_csv
from annotator.actions.export import Cancelled, ExportError, export
from annotator.core.formats.csv_export import annotation_plan
from annotator.core.model import Annotation, NewArticle, Status
from annotator.storage import export_queries
from tests.export_fixtures import fill

ANNOTATORS = ["maria", "li", "sam"]


@pytest.fixture
def big(project_file):
    """The export sample (hostile cells, fields, a link), then 40 articles with 60 annotations
    each: many start at the same offset, stored in shuffled order, so that the order of ties
    must come out the same from both processes. Every third article is done."""
    fill(project_file)
    rng = random.Random(3)
    tags = project_file.codebook.tags()
    texts = [f'Article {i}: =sum, "quoted"\nline, é 😀 and a few more words.' for i in range(40)]
    ids = project_file.articles.add_many(NewArticle(text=t, title=f'T{i}, "x"', outlet="-Daily") for i, t in enumerate(texts)).added
    annotations = []
    for article_id, text in zip(ids, texts):
        for _ in range(60):
            start = rng.randrange(5)
            end = rng.randrange(start + 1, len(text))
            annotations.append(Annotation(
                article_id=article_id, tag_id=rng.choice(tags).id, start=start, end=end, text=text[start:end],
                annotator=rng.choice(ANNOTATORS), note=rng.choice(["", "+1", 'a, "b"\nc']),
                fields={"speaker": "=the mayor", "checkable": rng.random() < 0.5, "quote_type": "direct"},
            ))
    rng.shuffle(annotations)
    project_file.annotations.add_many(annotations, known_texts=dict(zip(ids, texts)))
    for article_id in ids[::3]:
        project_file.articles.set_status(article_id, Status.DONE)
    return project_file


@pytest.fixture
def worker_rows(monkeypatch):
    """The rows each worker reported, to show that a second process wrote a real share."""
    seen = []
    wait = parallel_csv._Worker.wait

    def spy(self, check):
        rows = wait(self, check)
        seen.append(rows)
        return rows

    monkeypatch.setattr(parallel_csv._Worker, "wait", spy)
    return seen


def export_both_ways(project, folder, monkeypatch, **options) -> tuple[bytes, bytes, int]:
    """annotations.csv from one process and from two; and the rows written."""
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 10**9)
    export(project, "csv", folder / "one.csv", **options)
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    report = export(project, "csv", folder / "two.csv", **options)
    return (folder / "one.csv").read_bytes(), (folder / "two.csv").read_bytes(), report.annotations


def leftovers(folder) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if not p.name.startswith("study.annotator"))


def no_worker_alive() -> bool:
    return not [p for p in multiprocessing.active_children() if p.name == "annotator-csv-export"]


def test_two_processes_write_the_bytes_of_one(big, tmp_path, monkeypatch, worker_rows):
    one, two, rows = export_both_ways(big, tmp_path, monkeypatch)
    assert rows == big.annotations.count() == 2404
    assert two == one
    assert worker_rows and 0.3 * rows < worker_rows[0] < 0.7 * rows


def test_excel_file_from_two_processes_has_one_bom_at_the_start(big, tmp_path, monkeypatch, worker_rows):
    one, two, _ = export_both_ways(big, tmp_path, monkeypatch, excel=True)
    assert two == one
    assert two.startswith(b"\xef\xbb\xbfannotation_id,") and two.count(b"\xef\xbb\xbf") == 1
    assert worker_rows[0] > 0


@pytest.mark.parametrize("options", [
    dict(annotators=["maria", "sam"], tags=["Quote", "Claim", "Sensational language"]),
    dict(status="done"),
    dict(formula_guard=False, annotators=["li"]),
], ids=["annotators and tags", "status", "no formula guard"])
def test_filters_apply_alike_in_both_processes(big, tmp_path, monkeypatch, worker_rows, options):
    one, two, rows = export_both_ways(big, tmp_path, monkeypatch, **options)
    assert two == one
    assert 0 < worker_rows[0] < rows


def test_progress_counts_both_processes_and_ends_at_the_total(big, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    seen = []
    export(big, "csv", tmp_path / "a.csv", progress=lambda done, total: seen.append((done, total)))
    assert seen[-1] == (2404, 2404)
    assert [done for done, _ in seen] == sorted(done for done, _ in seen)


def test_cancel_ends_the_worker_and_leaves_no_file(big, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    (tmp_path / "a.csv").write_text("earlier export\n", encoding="utf-8")
    with pytest.raises(Cancelled):
        export(big, "csv", tmp_path / "a.csv", cancelled=lambda: True)
    assert leftovers(tmp_path) == ["a.csv"]
    assert (tmp_path / "a.csv").read_text(encoding="utf-8") == "earlier export\n"
    assert no_worker_alive()


def test_cancel_while_waiting_for_the_worker_ends_it_and_leaves_no_file(big, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    # This process writes only the first article, then waits: the cancel comes in the wait.
    monkeypatch.setattr(export_queries, "annotation_split_rowids", lambda db, parts, **where: [2])
    monkeypatch.setattr(parallel_csv, "POLL_SECONDS", 0)
    waited = []
    monkeypatch.setattr(parallel_csv._Worker, "rows_written", lambda self: waited.append(1) or 0)
    with pytest.raises(Cancelled):
        export(big, "csv", tmp_path / "a.csv", progress=lambda done, total: None, cancelled=lambda: bool(waited))
    assert waited and leftovers(tmp_path) == [] and no_worker_alive()


def test_a_worker_that_dies_is_a_one_line_error_and_leaves_nothing(big, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    enter = parallel_csv._Worker.__enter__

    def killed_at_once(self):
        enter(self)
        self._process.kill()  # before it can have written a row: it needs tens of ms to start
        self._process.join()
        return self

    monkeypatch.setattr(parallel_csv._Worker, "__enter__", killed_at_once)
    with pytest.raises(ExportError, match=r"^the second export process stopped unexpectedly \(exit code -9\)$"):
        export(big, "csv", tmp_path / "a.csv")
    assert leftovers(tmp_path) == [] and no_worker_alive()


def test_an_error_in_the_worker_is_one_line_and_leaves_nothing(big, tmp_path, monkeypatch):
    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    monkeypatch.setattr(big, "path", tmp_path / "gone.annotator")  # the worker cannot open it
    with pytest.raises(ExportError, match=r"^the second export process failed: .*gone\.annotator: no such file$"):
        export(big, "csv", tmp_path / "a.csv")
    assert leftovers(tmp_path) == [] and no_worker_alive()


def test_small_and_in_memory_exports_stay_in_one_process(project, project_file):
    assert not parallel_csv.wanted(project, 10**9)
    assert not parallel_csv.wanted(project_file, parallel_csv.MIN_ROWS - 1)


def test_split_runs_together_are_the_whole_query(big):
    plan = annotation_plan(big.codebook.tags())
    [cut] = export_queries.annotation_split_rowids(big.db, 2)

    def rows(rowid_range):
        return [row for chunk in export_queries.annotation_csv_chunks(big.db, plan, rowid_range=rowid_range)
                for row in chunk]

    first, second = rows((None, cut)), rows((cut, None))
    assert first + second == rows(None)
    assert 0.3 < len(first) / len(rows(None)) < 0.7


def test_no_split_for_an_empty_project(project):
    assert export_queries.annotation_split_rowids(project.db, 2) == []


def test_spawn_writes_the_same_bytes_where_there_is_no_forkserver(big, tmp_path, monkeypatch, worker_rows):
    monkeypatch.setattr(parallel_csv, "_context", lambda: multiprocessing.get_context("spawn"))
    one, two, _ = export_both_ways(big, tmp_path, monkeypatch)
    assert two == one and worker_rows[0] > 0


def test_parallel_false_keeps_one_process(tmp_path, monkeypatch):
    from annotator.actions import export as export_module
    from annotator.actions import parallel_csv
    from annotator.storage import Project

    monkeypatch.setattr(parallel_csv, "MIN_ROWS", 1)
    called = []
    monkeypatch.setattr(parallel_csv, "write_annotations", lambda *a, **k: called.append(1))
    with Project.create(tmp_path / "p.annotator") as project:
        from annotator.core.model import NewArticle

        article_id = project.articles.add(NewArticle(text="One two three"))
        project.annotations.create(article_id, project.codebook.tags()[0].id, 0, 3, "a")
        report = export_module.export(project, "csv", tmp_path / "a.csv", parallel=False)
    assert called == [] and report.annotations == 1
