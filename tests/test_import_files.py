"""import_paths: files and folders into a project; duplicates, failures, progress, cancelling."""

from __future__ import annotations

import json
import os

import pytest

from annotator.actions import import_files, import_workers
from annotator.actions.import_files import import_paths
from annotator.core.bundle import Bundle
from annotator.core.formats import detect
from annotator.core.importing import problems
from annotator.core.model import Article
from annotator.core.text import content_id


def write(path, text, encoding="utf-8"):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode(encoding))
    return path


def page(title, body):
    return (
        f"<html><head><title>{title}</title></head><body><nav><a href='/'>Home</a></nav>"
        f"<article><h1>{title}</h1><p>{body}</p><p>{body} And a second paragraph follows "
        "here with several more words in it.</p></article><footer>© Example</footer></body></html>"
    )


def test_articles_are_stored(project, tmp_path):
    path = write(tmp_path / "a.txt", "Mayor resigns after budget row\n\nBody.\n")
    report = import_paths(project, [path])
    assert (report.articles_added, project.articles.count()) == (1, 1)


def test_stored_article_keeps_text_and_title(project, tmp_path):
    text = "Mayor resigns after budget row\n\n“Quoted” 6\u00a0p.m. 😀 ياسمين\n"
    import_paths(project, [write(tmp_path / "a.txt", text)])
    article = project.articles.get(content_id(text))
    assert (article.text, article.title) == (text, "Mayor resigns after budget row")


def test_source_file_is_recorded_with_its_full_path(project, tmp_path):
    # Five pages all called "source.html" in different folders must be told apart.
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        write(tmp_path / folder / "source.txt", f"Council votes on the {folder} budget\n\nThe vote was close.\n")
    import_paths(project, [tmp_path])
    assert sorted(a.source_file for a in project.articles.iter_all()) == [
        str(tmp_path / "one" / "source.txt"), str(tmp_path / "two" / "source.txt")
    ]


def test_same_article_twice_is_a_counted_duplicate(project, tmp_path):
    a = write(tmp_path / "a.txt", "Same article text\n")
    b = write(tmp_path / "b.md", "Same article text\r\n")  # CRLF: the same once normalised
    report = import_paths(project, [a, b])
    assert (report.articles_added, report.duplicates_skipped, project.articles.count()) == (1, 1, 1)


def test_importing_again_adds_nothing(project, tmp_path):
    path = write(tmp_path / "a.jsonl", '{"text": "One."}\n{"text": "Two."}\n')
    import_paths(project, [path])
    report = import_paths(project, [path])
    assert (report.articles_added, report.duplicates_skipped) == (0, 2)


def test_per_file_counts(project, tmp_path):
    batch = write(tmp_path / "b.jsonl", '{"text": "One."}\n{"text": "One."}\nbad\n')
    report = import_paths(project, [batch])
    counts = report.per_file[str(batch)]
    assert (counts.added, counts.duplicates, counts.failed) == (1, 1, 1)


def test_folders_are_searched_recursively(project, tmp_path):
    write(tmp_path / "corpus" / "a.txt", "First article here\n")
    write(tmp_path / "corpus" / "deeper" / "still" / "b.md", "Second article here\n")
    report = import_paths(project, [tmp_path / "corpus"])
    assert report.articles_added == 2


def test_hidden_files_and_folders_are_skipped(project, tmp_path):
    write(tmp_path / "corpus" / ".hidden.txt", "Hidden article\n")
    write(tmp_path / "corpus" / ".git" / "x.txt", "In a hidden folder\n")
    write(tmp_path / "corpus" / "a.txt", "Visible article\n")
    report = import_paths(project, [tmp_path / "corpus"])
    assert (report.files_seen, report.articles_added) == (1, 1)


def test_many_paths_at_once(project, tmp_path):
    paths = [write(tmp_path / f"{i}.txt", f"Article number {i}\n") for i in range(5)]
    assert import_paths(project, paths).articles_added == 5


def bad_inputs(tmp_path):
    """One of every bad input the issue names, beside one good file."""
    folder = tmp_path / "mixed"
    write(folder / "good.txt", "A good article that imports\n")
    write(folder / "empty.txt", "")
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02\x03PK\x00\x00" * 100)
    write(folder / "bad.jsonl", "".join(json.dumps({"text": f"Record {i}"}) + "\n" for i in range(6)) + "{oops\n")
    write(folder / "notext.csv", "title,summary\nA,B\n")
    write(folder / "nav.html", "<html><body><nav><ul><li>Home</li><li>News</li></ul></nav><footer>© x</footer></body></html>")
    write(folder / "photo.png", "not really a picture")
    return folder


def test_every_bad_input_gets_a_plain_reason(project, tmp_path):
    folder = bad_inputs(tmp_path)
    reasons = {os.path.basename(p): r for p, r in import_paths(project, [folder]).failures}
    assert reasons == {
        "empty.txt": "empty file (0 bytes)",
        "binary.txt": "binary file, not text",
        "bad.jsonl": "not valid JSON on line 7 (Expecting property name enclosed in double quotes, column 2)",
        "notext.csv": 'no "text" column (columns: title, summary)',
        "nav.html": "no article text found in the page",
        "photo.png": "unsupported file type .png (accepted: .txt .md .html .htm .docx .rtf .pdf .eml .xml .jsonl .csv .json)",
    }


def test_bad_inputs_do_not_stop_the_good_ones(project, tmp_path):
    report = import_paths(project, [bad_inputs(tmp_path)])
    assert report.articles_added == 7  # good.txt and the six good lines of bad.jsonl


def test_missing_path_is_reported(project, tmp_path):
    report = import_paths(project, [tmp_path / "nowhere.txt"])
    assert report.failures == [(str(tmp_path / "nowhere.txt"), "no such file or folder")]


def test_file_over_the_size_limit_is_refused_unread(project, tmp_path):
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:  # sparse: no disk space used
        handle.truncate(problems.MAX_ARTICLE_FILE_BYTES + 1)
    (failure,) = import_paths(project, [path]).failures
    assert failure[1] == "larger than the limit (32.0 MB; at most 32 MB per file)"


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads any file")
def test_unreadable_file_is_reported(project, tmp_path):
    path = write(tmp_path / "secret.txt", "Locked article\n")
    path.chmod(0)
    try:
        assert import_paths(project, [path]).failures == [(str(path), "unreadable (permission denied)")]
    finally:
        path.chmod(0o644)


def test_permission_error_while_reading_is_reported(project, tmp_path, monkeypatch):
    # The same as above for machines where tests run as root (chmod does not stop root).
    path = write(tmp_path / "secret.txt", "Locked article\n")
    real_open = open

    def refusing_open(file, *args, **kwargs):
        if str(file) == str(path):
            raise PermissionError(13, "Permission denied")
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", refusing_open)
    assert import_paths(project, [path]).failures == [(str(path), "unreadable (permission denied)")]


def test_progress_is_reported_per_file(project, tmp_path):
    paths = [write(tmp_path / f"{i}.txt", f"Article number {i}\n") for i in range(3)]
    calls = []
    import_paths(project, paths, progress=lambda done, total, path: calls.append((done, total, path.name)))
    assert calls == [(1, 3, "0.txt"), (2, 3, "1.txt"), (3, 3, "2.txt")]


def test_cancelling_stops_between_files_and_keeps_what_was_stored(project, tmp_path):
    paths = [write(tmp_path / f"{i}.txt", f"Article number {i}\n") for i in range(5)]
    done = []
    report = import_paths(
        project, paths, progress=lambda d, t, p: done.append(d), cancelled=lambda: len(done) >= 2
    )
    assert (report.cancelled, project.articles.count()) == (True, 2)


def test_cancelling_inside_a_big_batch_stores_whole_batches_only(project, tmp_path, monkeypatch):
    monkeypatch.setattr(import_files, "BATCH_SIZE", 10)
    path = write(tmp_path / "big.jsonl", "".join(json.dumps({"text": f"Record {i}"}) + "\n" for i in range(35)))
    report = import_paths(project, [path], cancelled=lambda: project.articles.count() >= 10)
    assert (report.cancelled, project.articles.count()) == (True, 10)


def test_a_failing_batch_stores_nothing_of_it(project, tmp_path, monkeypatch):
    path = write(tmp_path / "b.jsonl", '{"text": "One."}\n{"text": "Two."}\n')

    def broken_insert(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(project.articles, "add_many", broken_insert)
    with pytest.raises(RuntimeError):
        import_paths(project, [path])
    assert project.articles.count() == 0


def test_pages_are_extracted_in_worker_processes(project, tmp_path, monkeypatch):
    monkeypatch.setattr(import_workers, "MIN_PAGES_FOR_POOL", 2)
    paths = [
        write(tmp_path / f"p{i}.html", page(f"Headline number {i} for the page", f"Body of page {i} with words."))
        for i in range(4)
    ]
    paths.append(write(tmp_path / "nav.html", "<html><body><nav>Home</nav></body></html>"))
    calls = []
    report = import_paths(project, paths, workers=2, progress=lambda d, t, p: calls.append(p.name))
    titles = [a.title for a in project.articles.iter_all()]
    assert (titles, len(report.failures), calls) == (
        [f"Headline number {i} for the page" for i in range(4)], 1, [p.name for p in paths],
    )


def test_exchange_files_go_to_bundle_import(project, tmp_path, monkeypatch):
    text = "An annotated article from another tool.\n"
    bundle = Bundle(
        articles=[Article(id=content_id(text), text=text, title="Exchanged")],
        problems=["annotation 7: unknown tag"],
    )
    exchange = write(tmp_path / "export.jsonl", "{}\n")
    monkeypatch.setattr(detect, "exchange_reader", lambda path, text_of=None: (lambda p: bundle) if path == exchange else None)
    report = import_paths(project, [exchange, write(tmp_path / "plain.txt", "A plain article file\n")])
    assert (report.articles_added, report.failures) == (2, [(str(exchange), "annotation 7: unknown tag")])


def test_a_failing_exchange_reader_is_a_failure(project, tmp_path, monkeypatch):
    exchange = write(tmp_path / "export.qdpx", "not a zip")

    def reader(path):
        raise ValueError("not a REFI-QDA project")

    monkeypatch.setattr(detect, "exchange_reader", lambda path, text_of=None: reader if path == exchange else None)
    report = import_paths(project, [exchange])
    assert report.failures == [(str(exchange), "could not be read (not a REFI-QDA project)")]


def test_report_as_json(project, tmp_path):
    path = write(tmp_path / "a.txt", "Mayor resigns after budget row\n")
    data = import_paths(project, [path, tmp_path / "missing.txt"]).to_json()
    assert (data["articles_added"], data["failed"], data["files"][str(path)]["added"]) == (1, 1, 1)


class BrokenExecutor:
    """A pool whose workers died: every page it was given fails with BrokenProcessPool."""

    def __init__(self, *args, **kwargs):
        pass

    def submit(self, fn, *args):
        from concurrent.futures import Future
        from concurrent.futures.process import BrokenProcessPool

        future = Future()
        future.set_exception(BrokenProcessPool("a child process terminated abruptly"))
        return future

    def shutdown(self, *args, **kwargs):
        pass


def test_pages_still_import_when_the_workers_die(project, tmp_path, monkeypatch):
    monkeypatch.setattr(import_workers, "MIN_PAGES_FOR_POOL", 2)
    monkeypatch.setattr(import_workers, "ProcessPoolExecutor", BrokenExecutor)
    paths = [
        write(tmp_path / f"p{i}.html", page(f"Headline number {i} for the page", f"Body of page {i} with words."))
        for i in range(4)
    ]
    report = import_paths(project, paths, workers=2)
    assert (report.articles_added, report.failures) == (4, [])
