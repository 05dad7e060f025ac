"""RTF, PDF, scraper JSON, saved pages and legacy encodings: single articles, clean text,
clear messages for bad files."""

from __future__ import annotations

import json

from annotator.actions.import_files import import_paths
from annotator.core.importing import Failure, FileNote, read_file
from annotator.core.model import NewArticle
from tests.document_fixtures import encrypt_pdf, make_pdf, rtf


def articles(path) -> list[NewArticle]:
    return [i for i in read_file(path) if isinstance(i, NewArticle)]


def reasons(path) -> list[str]:
    return [i.reason for i in read_file(path) if isinstance(i, Failure)]


def test_rtf_is_one_article_with_its_paragraphs(tmp_path):
    path = tmp_path / "story.rtf"
    path.write_text(rtf(["Mayor resigns after budget row", "The mayor “resigned” on Friday — café closed.", "Second paragraph."]), encoding="ascii")
    [article] = articles(path)
    assert article.text == "Mayor resigns after budget row\n\nThe mayor “resigned” on Friday — café closed.\n\nSecond paragraph."
    assert article.title == "Mayor resigns after budget row"


def test_rtf_bomb_is_refused_unread(tmp_path):
    path = tmp_path / "bomb.rtf"
    path.write_text("{\\rtf1 " + "{" * 100_000 + "x" + "}" * 100_000 + "}", encoding="ascii")
    [reason] = reasons(path)
    assert reason.startswith("RTF groups nested more than 400 deep")


def test_cut_off_rtf_is_refused(tmp_path):
    path = tmp_path / "cut.rtf"
    path.write_text(rtf(["Mayor resigns after budget row", "The mayor resigned."])[:-3], encoding="ascii")
    assert reasons(path) == ["the RTF file is cut off (its groups do not close)"]


def test_pdf_text_in_reading_order_without_headers_footers_or_hyphenation(tmp_path):
    header, footer = "The Harbour Gazette — Local news", "harbourgazette.example"
    pages = [
        [header, "Council closes old bridge", "The council voted on Tuesday to close the old bridge across the",
         "river after engineers found cracks in its foundations. The decision sur-", "prised residents of the east bank.", footer, "1"],
        [header, "Residents said they were not consulted and will appeal the", "decision at the next meeting of the council.", footer, "2"],
        [header, "The bridge was built in 1911 and carried trams until 1960.", footer, "3"],
    ]
    path = make_pdf(tmp_path / "story.pdf", pages, title="Council closes old bridge", author="Mara Lind")
    [article] = articles(path)
    assert header not in article.text and footer not in article.text
    assert "surprised residents" in article.text and "sur-" not in article.text
    assert not any(line.strip() in ("1", "2", "3") for line in article.text.split("\n"))
    assert article.text.index("cracks") < article.text.index("not consulted") < article.text.index("1911")
    assert (article.title, article.author, article.published, article.extra["pages"]) == (
        "Council closes old bridge", "Mara Lind", "2026-01-05", 3)


def test_pdf_without_text_layer_is_refused(tmp_path):
    path = make_pdf(tmp_path / "scan.pdf", [[], []])
    assert reasons(path) == ["the PDF has no text layer (a scan?): run it through OCR first"]


def test_password_protected_pdf_is_refused(tmp_path):
    plain = make_pdf(tmp_path / "plain.pdf", [["Council closes old bridge", "The council voted on Tuesday."]])
    path = encrypt_pdf(plain, tmp_path / "locked.pdf", "secret")
    assert reasons(path) == ["password-protected PDF: open it with its password and save a copy without one"]


def test_damaged_pdf_is_refused(tmp_path):
    path = tmp_path / "cut.pdf"
    path.write_bytes(make_pdf(tmp_path / "whole.pdf", [["Council closes old bridge"]]).read_bytes()[:120])
    [reason] = reasons(path)
    assert reason.startswith("not a readable PDF") or "no text layer" in reason


def test_scraper_json_aliases(tmp_path):
    path = tmp_path / "batch.jsonl"
    records = [
        {"maintext": "News-please keeps the text here.", "title": "A", "date_publish": "2026-03-01 10:00:00", "source_domain": "example.org"},
        {"story_text": "Media Cloud keeps it here.", "headline": "B", "publish_date": "2026-03-02", "media_name": "Coast Daily"},
        {"content": "Others use content.", "title": "C", "published": "2026-03-03"},
        {"full_text": "Or full_text.", "title": "D"},
        {"body": "Or body.", "title": "E"},
        {"article": "Or article.", "title": "F"},
    ]
    path.write_text("\n".join(json.dumps(r) for r in records), encoding="utf-8")
    found = articles(path)
    assert [a.text for a in found] == ["News-please keeps the text here.", "Media Cloud keeps it here.", "Others use content.",
                                       "Or full_text.", "Or body.", "Or article."]
    assert [(a.title, a.published, a.outlet) for a in found[:3]] == [
        ("A", "2026-03-01 10:00:00", "example.org"), ("B", "2026-03-02", "Coast Daily"), ("C", "2026-03-03", "")]


def test_csv_columns_use_the_same_aliases(tmp_path):
    path = tmp_path / "batch.csv"
    path.write_text("headline,maintext,publish_date\nA,The text.,2026-03-01\n", encoding="utf-8")
    [article] = articles(path)
    assert (article.title, article.text, article.published) == ("A", "The text.", "2026-03-01")


def test_folder_of_news_please_json_files_imports_like_jsonl(project, tmp_path):
    for n in range(3):
        (tmp_path / f"article{n}.json").write_text(json.dumps({
            "authors": ["Mara Lind"], "date_publish": "2026-03-01 10:00:00", "language": "en",
            "maintext": f"Story number {n} about the bridge.", "title": f"Story {n}", "url": f"https://example.org/{n}",
            "source_domain": "example.org", "image_url": None}, indent=2), encoding="utf-8")
    report = import_paths(project, [tmp_path])
    assert (report.articles_added, report.failures) == (3, [])
    article = next(project.articles.iter_all())
    assert (article.author, article.url, article.language, article.outlet) == ("Mara Lind", "https://example.org/0", "en", "example.org")


def page(body: str, title: str = "Council closes old bridge") -> str:
    return f"<html><head><title>{title}</title></head><body><article>{body}</article></body></html>"


def test_saved_page_keeps_paragraphs_and_headings(tmp_path):
    path = tmp_path / "page.html"
    path.write_text(page(
        "<h1>Council closes old bridge</h1><p>The council voted on Tuesday to close the old bridge across the river.</p>"
        "<h2>Residents angry</h2><p>Residents said they were not consulted and will appeal the decision.</p>"
        "<figure><img src='b.jpg'><figcaption>The old bridge in 1911. Photo: Harbour Archive</figcaption></figure>"
        "<p>The bridge was built in 1911 and carried trams until 1960, the archive shows.</p>"), encoding="utf-8")
    [article] = articles(path)
    paragraphs = article.text.split("\n\n")
    assert "Residents angry" in paragraphs
    assert paragraphs[paragraphs.index("Residents angry") + 1].startswith("Residents said")
    assert "Harbour Archive" not in article.text
    assert article.extra["captions"] == ["The old bridge in 1911. Photo: Harbour Archive"]


def test_stray_nul_bytes_do_not_make_a_page_binary(tmp_path):
    path = tmp_path / "page.html"
    path.write_bytes(page("<p>The council voted on Tuesday to close the old bridge across the river.</p>"
                          "<p>Residents said they were not consulted and will appeal.</p>").encode() + b"\x00\x00")
    assert "close the old bridge" in articles(path)[0].text


def test_short_japanese_article_counts_characters(tmp_path):
    text = "市議会は火曜日、川に架かる古い橋を閉鎖することを決めた。住民は相談がなかったと話している。" * 3
    path = tmp_path / "page.html"
    path.write_text(page(f"<p>{text}</p>", title="古い橋を閉鎖"), encoding="utf-8")
    assert articles(path)[0].text == text


def encoding_note(path) -> str:
    return next((i.encoding for i in read_file(path) if isinstance(i, FileNote)), "")


def test_central_european_and_turkish_are_decoded_and_reported(tmp_path):
    cases = {
        "cp1250": "Az ősszel megtartott választásokon a kormánypárt elvesztette többségét, a főváros hű maradt.",
        "iso8859_2": "Zażółć gęślą jaźń. Minister powiedział, że będzie trudno. Świętochłowice i Łódź.",
        "cp1254": "Başbakan dün İstanbul'da yaptığı konuşmada ekonominin güçlü olduğunu söyledi.",
        "iso8859_9": "Muhalefet ise işsizliğin arttığını ve gençlerin iş bulamadığını belirtti.",
    }
    for encoding, text in cases.items():
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert articles(path)[0].text == text
        assert ("Central European" if encoding in ("cp1250", "iso8859_2") else "Turkish") in encoding_note(path)


def test_utf16_without_bom_is_text(tmp_path):
    text = "Council closes old bridge\n\nThe council voted on Tuesday — “finally”.\n"
    for encoding in ("utf-16-le", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        assert articles(path)[0].text == text
        assert encoding_note(path).startswith("UTF-16")


def test_invalid_utf8_is_not_read_as_cyrillic(tmp_path):
    text = "Zoë Brandt, the café owner, said the “decision” was naïve — résumé attached.\n"
    path = tmp_path / "damaged.txt"
    path.write_bytes(text.encode("utf-8").replace("—".encode(), b"\xe2\x80"))
    [article] = articles(path)
    assert "café owner" in article.text and "\ufffd" in article.text
    assert encoding_note(path) == "UTF-8 with 1 invalid byte replaced by \ufffd"


def test_import_summary_names_the_encoding(project, tmp_path):
    path = tmp_path / "hu.txt"
    path.write_bytes("Az ősszel megtartott választásokon a kormánypárt elvesztette többségét.".encode("cp1250"))
    assert import_paths(project, [path]).file_summaries() == [f"{path}: read as Windows-1250 (Central European)"]
