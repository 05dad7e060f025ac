"""News-database exports: one article per story, the right metadata, the body only; damaged
exports refused whole. Every file here is fictional, written in each database's shape."""

from __future__ import annotations

import docx
import pytest

from annotator.actions.import_files import import_paths
from annotator.core.importing import Failure, FileNote, read_file
from annotator.core.model import NewArticle
from tests.document_fixtures import make_eml, rtf

BODY_A = ["The council voted on Tuesday to close the old bridge.", "Residents said they were not consulted."]
BODY_B = ["Fishermen in the harbour town welcomed the new quota.", "The minister will visit next week."]


def items(path):
    return list(read_file(path))


def articles(path) -> list[NewArticle]:
    return [i for i in items(path) if isinstance(i, NewArticle)]


def reasons(path) -> list[str]:
    return [i.reason for i in items(path) if isinstance(i, Failure)]


def nexis_paragraphs(stories, *, declared=None, cut=False):
    """A Nexis Uni download's paragraphs: cover page, then each story closed by End of Document."""
    out = ["Date and Time: Monday, 2. March 2026 10:00:00 CET", "Job Number: 42",
           f"Documents ({declared if declared is not None else len(stories)})"]
    out += [f"{n}. {s['headline']}" for n, s in enumerate(stories, start=1)]
    out += ["Client/Matter: -None-", "Search Terms: bridge", ""]
    for story in stories:
        out += ["", story["headline"], story.get("outlet", "The Harbour Gazette"), story.get("date", "March 1, 2026 Sunday"),
                "", "Copyright 2026 Harbour Media Ltd. All Rights Reserved", "",
                "Section:\u00a0LOCAL; Pg. 4", "Length:\u00a0312 words", "Byline:\u00a0Mara Lind", "Body", ""]
        out += story["body"]
        out += ["", "Classification", "Language:\u00a0ENGLISH", "Subject:\u00a0BRIDGES (90%)", "Load-Date:\u00a0March 2, 2026", ""]
        out += ["End of Document", ""]
    if cut:
        out = out[: len(out) - 12]  # the download stopped inside the last story
    return out


def write_docx(path, paragraphs):
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    document.save(str(path))
    return path


def test_nexis_uni_docx_is_split_into_stories_with_their_metadata(tmp_path):
    path = write_docx(tmp_path / "download.DOCX", nexis_paragraphs([
        {"headline": "Council closes old bridge", "body": BODY_A},
        {"headline": "Harbour welcomes quota", "body": BODY_B, "outlet": "Coast Daily", "date": "February 27, 2026 Friday 9:20 AM GMT"},
    ]))
    first, second = articles(path)
    assert first.text == "\n\n".join(BODY_A)
    assert (first.title, first.outlet, first.published, first.author, first.language) == (
        "Council closes old bridge", "The Harbour Gazette", "2026-03-01", "Mara Lind", "en")
    assert {k: first.extra[k] for k in ("database", "section", "page", "word_count", "copyright", "load_date")} == {
        "database": "Nexis Uni", "section": "LOCAL", "page": "4", "word_count": "312",
        "copyright": "Copyright 2026 Harbour Media Ltd. All Rights Reserved", "load_date": "March 2, 2026"}
    assert (second.title, second.outlet, second.published) == ("Harbour welcomes quota", "Coast Daily", "2026-02-27")
    # Nothing of the cover page, the labels or the closing lines is in any text.
    for article in (first, second):
        for furniture in ("Job Number", "Load-Date", "End of Document", "Classification", "Byline", "Body"):
            assert furniture not in article.text


def test_export_summary_counts_stories_and_duplicates(project, tmp_path):
    stories = [{"headline": "Council closes old bridge", "body": BODY_A}, {"headline": "Harbour welcomes quota", "body": BODY_B},
               {"headline": "Council closes old bridge (repeat)", "body": BODY_A}]
    path = write_docx(tmp_path / "download.docx", nexis_paragraphs(stories))
    report = import_paths(project, [path])
    assert report.file_summaries() == [f"{path}: Nexis Uni export: 3 stories (1 duplicate skipped)"]
    assert (report.articles_added, report.duplicates_skipped, report.failures) == (2, 1, [])


def test_story_with_an_empty_body_is_reported_not_imported(project, tmp_path):
    path = write_docx(tmp_path / "download.docx", nexis_paragraphs([
        {"headline": "Council closes old bridge", "body": BODY_A}, {"headline": "Photo gallery", "body": []}]))
    report = import_paths(project, [path])
    assert report.articles_added == 1
    assert report.failures == [(str(path), "story 2 of 2 (“Photo gallery”) has an empty body; not imported")]
    assert all(a.text.strip() for a in project.articles.iter_all())


def test_truncated_export_imports_nothing_and_says_so(project, tmp_path):
    path = write_docx(tmp_path / "cut.docx", nexis_paragraphs(
        [{"headline": "Council closes old bridge", "body": BODY_A}, {"headline": "Harbour welcomes quota", "body": BODY_B}], cut=True))
    report = import_paths(project, [path])
    assert project.articles.count() == 0
    [(_, reason)] = report.failures
    assert reason.startswith("Nexis Uni export is cut off: story 2 of 2") and "nothing imported" in reason


def test_export_missing_its_last_stories_is_cut_off(tmp_path):
    path = write_docx(tmp_path / "cut.docx", nexis_paragraphs([{"headline": "Council closes old bridge", "body": BODY_A}], declared=3))
    [reason] = reasons(path)
    assert "cut off" in reason and articles(path) == []


def test_export_without_any_story_says_so(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_text("Download Request: Selected Items\n\n   1 of 1 DOCUMENTS\n", encoding="utf-8")
    path.write_text("Download Request\nLENGTH: 0 words\n", encoding="utf-8")
    assert articles(path)  # not an export at all: one text article
    path.write_text("<html><body><div class='article enArticle'></div><p>Factiva</p></body></html>", encoding="utf-8")
    assert reasons(path) == ["looks like a Factiva export but no story was found in it"]


LEXIS_TXT = """Download Request: Selected Items: 1-2
Terms: bridge

                               1 of 2 DOCUMENTS

                              The Harbour Gazette

                            March 1, 2026 Sunday
                                  Late Edition

Council closes old bridge

BYLINE: By Mara Lind

SECTION: LOCAL; Pg. 4

LENGTH: 312 words

The council voted on Tuesday to close the old bridge. The vote was
seven to two.

Residents said they were not consulted.

LOAD-DATE: March 2, 2026

LANGUAGE: ENGLISH

PUBLICATION-TYPE: Newspaper

                  Copyright 2026 Harbour Media Ltd.
                          All Rights Reserved

                               2 of 2 DOCUMENTS

                                 Coast Daily

                           February 27, 2026 Friday

Harbour welcomes quota

LENGTH: 120 words

Fishermen in the harbour town welcomed the new quota.

LOAD-DATE: February 28, 2026

LANGUAGE: ENGLISH

                       Copyright 2026 Coast Daily
"""


def test_lexisnexis_academic_text(tmp_path):
    path = tmp_path / "results.TXT"
    path.write_text(LEXIS_TXT, encoding="utf-8")
    first, second = articles(path)
    assert first.text == "The council voted on Tuesday to close the old bridge. The vote was seven to two.\n\nResidents said they were not consulted."
    assert (first.title, first.outlet, first.published, first.author, first.language) == (
        "Council closes old bridge", "The Harbour Gazette", "2026-03-01", "Mara Lind", "en")
    assert (first.extra["section"], first.extra["page"], first.extra["word_count"], first.extra["edition"]) == ("LOCAL", "4", "312", "Late Edition")
    assert first.extra["copyright"] == "Copyright 2026 Harbour Media Ltd. All Rights Reserved"
    assert (second.title, second.outlet, second.text) == ("Harbour welcomes quota", "Coast Daily", BODY_B[0])


def test_lexisnexis_academic_html(tmp_path):
    def div(text):
        return f"<BR><DIV CLASS='c5'><P CLASS='c6'><SPAN>{text}</SPAN></P></DIV>"

    page = "<HTML><BODY>"
    for n, (headline, body) in enumerate((("Council closes old bridge", BODY_A), ("Harbour welcomes quota", BODY_B)), start=1):
        page += (f"<!-- <DOC NUMBER={n}> <DOCFULL> -->" + div(f"{n} of 2 DOCUMENTS") + div("The Harbour Gazette")
                 + div("March 1, 2026, Sunday") + div(headline) + div("<B>BYLINE: </B>Mara Lind") + div("<B>LENGTH: </B>312 words")
                 + "<DIV>" + "".join(f"<P>{p}</P>" for p in body) + "</DIV>" + div("<B>LOAD-DATE: </B>March 2, 2026")
                 + div("<B>LANGUAGE: </B>ENGLISH") + div("Copyright 2026 Harbour Media Ltd.") + "<!-- </DOCFULL> </DOC> -->")
    path = tmp_path / "results.html"
    path.write_text(page + "</BODY></HTML>", encoding="utf-8")
    first, second = articles(path)
    assert (first.text, first.title, first.author, first.published) == ("\n\n".join(BODY_A), "Council closes old bridge", "Mara Lind", "2026-03-01")
    assert (second.title, second.text) == ("Harbour welcomes quota", "\n\n".join(BODY_B))


def factiva_row(code, value):
    return f"<tr><td class='index'><b>{code}</b></td><td>{value}</td></tr>"


def factiva_html(stories):
    page = "<html><body><div id='fcpNavContainer'>Factiva Dow Jones</div>"
    for headline, body, accession in stories:
        page += ("<div class='article enArticle'><table>" + factiva_row("HD", f"<b class='enHeadline'>{headline}</b>")
                 + factiva_row("BY", "Mara Lind") + factiva_row("WC", "312 words") + factiva_row("PD", "1 March 2026")
                 + factiva_row("SN", "The Harbour Gazette") + factiva_row("SC", "HARBG") + factiva_row("LA", "English")
                 + factiva_row("CY", "(c) 2026 Harbour Media") + factiva_row("LP", f"<p class='articleParagraph'>{body[0]}</p>")
                 + factiva_row("TD", "".join(f"<p class='articleParagraph'>{p}</p>" for p in body[1:]))
                 + factiva_row("NS", "gpol : Domestic Politics")
                 + (factiva_row("AN", f"Document {accession}") if accession else "") + "</table></div>")
    return page + "<div id='pageFooter'>© 2026 Factiva, Inc. All rights reserved.</div></body></html>"


def test_factiva_html_keeps_every_story(tmp_path):
    path = tmp_path / "Factiva.htm"
    path.write_text(factiva_html([("Council closes old bridge", BODY_A, "HARBG00020260301e2310000a"),
                                  ("Harbour welcomes quota", BODY_B, "HARBG00020260301e2310000b")]), encoding="utf-8")
    first, second = articles(path)
    assert first.text == "\n\n".join(BODY_A) and "| HD |" not in first.text and "HD" not in first.text
    assert (first.title, first.author, first.outlet, first.published, first.language) == (
        "Council closes old bridge", "Mara Lind", "The Harbour Gazette", "2026-03-01", "en")
    assert (first.extra["database_id"], first.extra["word_count"], first.extra["copyright"], first.extra["ns"]) == (
        "HARBG00020260301e2310000a", "312", "(c) 2026 Harbour Media", "gpol : Domestic Politics")
    assert second.title == "Harbour welcomes quota"


def test_factiva_story_without_accession_number_means_a_cut_off_page(tmp_path):
    path = tmp_path / "Factiva.html"
    path.write_text(factiva_html([("Council closes old bridge", BODY_A, "HARBG00020260301e2310000a"),
                                  ("Harbour welcomes quota", BODY_B, "")]), encoding="utf-8")
    assert articles(path) == [] and "cut off" in reasons(path)[0]


def test_factiva_xml(tmp_path):
    path = tmp_path / "factiva.xml"
    path.write_text(
        '<?xml version="1.0" encoding="utf-8"?><PPSResponse><ppsArticleResponse xmlns="http://global.factiva.com/pps/2.0">'
        '<ppsarticleResultSet count="1"><ppsarticle><article><accessionNo>HARBG0020260301</accessionNo>'
        '<baseLanguage>EN</baseLanguage><copyright>(c) 2026 Harbour Media</copyright>'
        '<headline><paragraph>Council <hlt>closes</hlt> old bridge</paragraph></headline>'
        f'<leadParagraph><paragraph>{BODY_A[0]}</paragraph></leadParagraph><pages>4</pages>'
        '<publicationDate><dateTime>2026-03-01T08:00:00Z</dateTime></publicationDate>'
        '<sourceName>The Harbour Gazette</sourceName><newsSubject code="gpol"><name>Domestic Politics</name></newsSubject>'
        f'<tailParagraphs><paragraph>{BODY_A[1]}</paragraph></tailParagraphs><wordCount>312</wordCount>'
        '</article></ppsarticle></ppsarticleResultSet></ppsArticleResponse></PPSResponse>', encoding="utf-8")
    [article] = articles(path)
    assert (article.text, article.title, article.outlet, article.published, article.language) == (
        "\n\n".join(BODY_A), "Council closes old bridge", "The Harbour Gazette", "2026-03-01", "en")
    assert (article.extra["database_id"], article.extra["page"], article.extra["subjects"]) == ("HARBG0020260301", "4", "Domestic Politics")


def test_truncated_factiva_xml_is_refused(tmp_path):
    path = tmp_path / "factiva.xml"
    path.write_text('<?xml version="1.0"?><PPSResponse><ppsarticle><article><headline>Cut', encoding="utf-8")
    [reason] = reasons(path)
    assert reason.startswith("not well-formed XML (cut off or damaged")


def test_factiva_rtf_without_codes(tmp_path):
    lines = ["Council closes old bridge", "By Mara Lind", "312 words", "1 March 2026", "08:00", "The Harbour Gazette", "HARBG",
             "English", "(c) 2026 Harbour Media", *BODY_A, "Document HARBG00020260301e2310000a", "",
             "Harbour welcomes quota", "120 words", "27 February 2026", "Coast Daily", "English", "Copyright 2026 Coast Daily",
             *BODY_B, "Document COAST00020260227e22r0000b"]
    path = tmp_path / "Factiva.rtf"
    path.write_text(rtf(lines), encoding="ascii")
    first, second = articles(path)
    assert (first.title, first.author, first.outlet, first.published, first.text) == (
        "Council closes old bridge", "By Mara Lind", "The Harbour Gazette", "2026-03-01", "\n\n".join(BODY_A))
    assert first.extra["database_id"] == "HARBG00020260301e2310000a"
    assert (second.title, second.text, second.extra["copyright"]) == ("Harbour welcomes quota", "\n\n".join(BODY_B), "Copyright 2026 Coast Daily")


def proquest_record(title, body, doc_id):
    label = "<p><strong>{}: </strong>{}</p>"
    return ("<div><p></p><p style='font-weight:bold'>" + title + "</p>" + label.format("Author", "Lind, Mara")
            + label.format("Publication info", "The Harbour Gazette; Harbour [Harbour] 01 Mar 2026: A.4.")
            + "<p><a href='https://example.org/docview/1'>ProQuest document link</a></p>"
            + "<p><strong>Full text: </strong><text>" + "".join(f"<p>{p}</p>" for p in body) + "</text></p>"
            + label.format("Publication title", "The Harbour Gazette; Harbour") + label.format("Pages", "A.4")
            + label.format("Publication date", "Mar 1, 2026") + label.format("Section", "Local")
            + label.format("Language of publication", "English")
            + (label.format("ProQuest document ID", doc_id) if doc_id else "")
            + label.format("Copyright", "(Copyright (c) 2026 Harbour Media)") + label.format("Database", "Regional News")
            + "</div>")


def test_proquest_html(tmp_path):
    path = tmp_path / "ProQuestDocuments.html"
    path.write_text("<html><body>" + proquest_record("Council closes old bridge", BODY_A, "2600000001") + "</body></html>", encoding="utf-8")
    [article] = articles(path)
    assert (article.text, article.title, article.author, article.outlet, article.published, article.language) == (
        "\n\n".join(BODY_A), "Council closes old bridge", "Lind, Mara", "The Harbour Gazette", "2026-03-01", "en")
    assert (article.extra["database_id"], article.extra["page"], article.extra["section"], article.extra["copyright"]) == (
        "2600000001", "A.4", "Local", "Copyright (c) 2026 Harbour Media")


def test_proquest_email_with_html_part(tmp_path):
    html = "<html><body>" + proquest_record("Council closes old bridge", BODY_A, "2600000001") + proquest_record(
        "Harbour welcomes quota", BODY_B, "2600000002") + "</body></html>"
    path = make_eml(tmp_path / "results.eml", html)
    assert [a.title for a in articles(path)] == ["Council closes old bridge", "Harbour welcomes quota"]
    assert [i.kind for i in items(path) if isinstance(i, FileNote)] == ["ProQuest export"]


def test_email_without_html_part_is_refused(tmp_path):
    path = make_eml(tmp_path / "results.eml", None)
    assert reasons(path) == ["e-mail without an HTML part: nothing to import (database results come as HTML)"]


def test_proquest_record_cut_before_its_document_id(tmp_path):
    html = "<html><body>" + proquest_record("Council closes old bridge", BODY_A, "2600000001") + proquest_record(
        "Harbour welcomes quota", BODY_B, "") + "</body></html>"
    path = tmp_path / "results.html"
    path.write_text(html, encoding="utf-8")
    assert articles(path) == [] and "cut off" in reasons(path)[0]


def test_proquest_text_export(tmp_path):
    rule = "_" * 60
    text = f"""{rule}

Report Information from ProQuest
March 02 2026 10:00
{rule}

Document 1 of 1

Council closes old bridge

Author: Lind, Mara
Publication info: The Harbour Gazette; Harbour 01 Mar 2026: A.4.
Full text: {BODY_A[0]}
And the vote was close.

{BODY_A[1]}
Publication title: The Harbour Gazette; Harbour
Publication date: Mar 1, 2026
Language of publication: English
ProQuest document ID: 2600000001
Document URL: https://example.org/docview/2600000001
Copyright: Copyright 2026 Harbour Media
Database: Regional News
{rule}
"""
    path = tmp_path / "ProQuestDocuments.txt"
    path.write_text(text, encoding="utf-8")
    [article] = articles(path)
    assert article.text == f"{BODY_A[0]} And the vote was close.\n\n{BODY_A[1]}"
    assert (article.title, article.author, article.outlet, article.extra["database_id"], article.url) == (
        "Council closes old bridge", "Lind, Mara", "The Harbour Gazette", "2600000001", "https://example.org/docview/2600000001")


def test_europresse_html_both_layouts(tmp_path):
    table_layout = (
        "<table><tr><td><span class='DocPublicationName'>La Gazette du Port</span><br>"
        "<span class='DocHeader'>Politique, </span><span class='DocHeader'>jeudi </span><span class='DocHeader'>5 mars 2026</span>"
        "<span class='DocHeader'>, p. 7</span><br><br><span class='TitreArticleVisu'>Le conseil ferme le vieux pont</span><br><br>"
        "Mara Lind<br><p></p>Le conseil a voté mardi.<p></p>Les riverains protestent.<p></p>"
        "<b><i>© 2026 La Gazette. Tous droits réservés.</i></b><p></p>Numéro de document : news·20260305·GP·0001<br>"
        "<table><tr><td class='txtCertificat'>Le présent document est protégé par les lois.</td></tr>"
        "<tr><td>Ce certificat est émis à University.</td></tr></table></td></tr></table>"
    )
    article_layout = (
        "<article><header><div><span class='DocPublicationName'>Le Quotidien</span></div>"
        "<div><span class='DocHeader'>Économie, lundi 2 mars 2026, p. 12</span></div>"
        "<div class='titreArticle'><p class='titreArticleVisu'>Les pêcheurs saluent le quota</p></div><div class='docAuthors'>Jean Roc</div>"
        "</header><section><div class='DocText'><div class='docOcurrContainer'><p>Les pêcheurs sont contents.</p></div></div></section>"
        "<footer><small>© 2026 Le Quotidien.</small><p>Numéro de document : news·20260302·LQ·0002</p>"
        "<div id='divPubliC'>Ce certificat est émis à University</div></footer></article>"
    )
    path = tmp_path / "europresse.html"
    path.write_text(f"<html><body>{table_layout}<p><br>{article_layout}</body></html>", encoding="utf-8")
    first, second = articles(path)
    assert (first.title, first.outlet, first.author, first.published, first.text) == (
        "Le conseil ferme le vieux pont", "La Gazette du Port", "Mara Lind", "2026-03-05", "Le conseil a voté mardi.\n\nLes riverains protestent.")
    assert (first.extra["section"], first.extra["page"], first.extra["database_id"]) == ("Politique", "7", "news·20260305·GP·0001")
    assert "certificat" not in first.text and "©" not in first.text
    assert (second.title, second.author, second.published, second.text, second.extra["page"]) == (
        "Les pêcheurs saluent le quota", "Jean Roc", "2026-03-02", "Les pêcheurs sont contents.", "12")


def test_an_export_is_recognised_by_content_whatever_its_name(tmp_path):
    path = tmp_path / "download.txt"  # a Factiva page saved with the wrong extension
    path.write_text(factiva_html([("Council closes old bridge", BODY_A, "HARBG00020260301e2310000a")]), encoding="utf-8")
    assert [a.title for a in articles(path)] == ["Council closes old bridge"]


def test_nexis_uni_pdf_is_split_where_the_text_layer_allows(tmp_path):
    from tests.document_fixtures import make_pdf

    story = lambda headline, body: [headline, "The Harbour Gazette", "March 1, 2026 Sunday", "Length: 312 words",
                                    "Byline: Mara Lind", "Body", *body, "Load-Date: March 2, 2026", "End of Document"]
    path = make_pdf(tmp_path / "download.pdf", [
        ["Documents (2)", "1. Council closes old bridge", "2. Harbour welcomes quota"],
        story("Council closes old bridge", BODY_A), story("Harbour welcomes quota", BODY_B)])
    first, second = articles(path)
    assert (first.title, first.outlet, first.published, first.author) == ("Council closes old bridge", "The Harbour Gazette", "2026-03-01", "Mara Lind")
    assert first.text == "\n\n".join(BODY_A) or first.text == " ".join(BODY_A)
    assert "Load-Date" not in first.text and "End of Document" not in first.text
    assert second.title == "Harbour welcomes quota"
