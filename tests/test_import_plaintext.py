"""Plain text and Markdown: the whole file is the article; the title is the first headline."""

from __future__ import annotations

import pytest

from annotator.core.importing.plaintext import find_title, looks_like_headline, read_plaintext
from annotator.core.importing.problems import ImportProblem


def write(tmp_path, name, text, encoding="utf-8"):
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_whole_file_is_the_text(tmp_path):
    text = "Mayor resigns after budget row\n\nThe mayor resigned on Friday.\n"
    assert read_plaintext(write(tmp_path, "a.txt", text)).text == text


def test_source_file_is_the_file_name(tmp_path):
    assert read_plaintext(write(tmp_path, "a.txt", "Mayor resigns after budget row\n")).source_file == "a.txt"


def test_title_is_first_line_when_it_reads_like_a_headline(tmp_path):
    article = read_plaintext(write(tmp_path, "a.txt", "Mayor resigns after budget row\n\nBody text.\n"))
    assert article.title == "Mayor resigns after budget row"


def test_boilerplate_before_the_headline_is_skipped():
    text = (
        "Skip to content\nMenu\nSearch\nHome | News | Politics | Sport\nAdvertisement\n"
        "We use cookies to give you the best experience\nShare this\n"
        "Tuesday, 10 March 2026\nBy Jonas Ferreira\n"
        "Photo: The town hall on Monday evening\n"
        "City council approves record budget\n\nBody.\n"
    )
    assert find_title(text) == "City council approves record budget"


@pytest.mark.parametrize(
    "line",
    [
        "Skip to main content",
        "Share this article",
        "Advertisement",
        "Tuesday, 10 March 2026",
        "March 10, 2026 at 10:32",
        "Updated 2026-03-10",
        "By Jonas Ferreira",
        "Photo: Protesters outside the town hall",
        "https://example.invalid/story/123",
        "Home | World | Politics | Sport",
        "Short line",
        "x" * 250,
    ],
)
def test_not_a_headline(line):
    assert not looks_like_headline(line)


def test_markdown_heading_marks_are_dropped(tmp_path):
    article = read_plaintext(write(tmp_path, "a.md", "# Night market returns to the quay 🎉\n\nText.\n"))
    assert article.title == "Night market returns to the quay 🎉"


def test_markdown_text_keeps_its_marks(tmp_path):
    text = "# Night market returns to the quay\n\n*Meridian Post*\n"
    assert read_plaintext(write(tmp_path, "a.md", text)).text == text


def test_file_name_when_no_line_reads_like_a_headline(tmp_path):
    article = read_plaintext(write(tmp_path, "city_council-vote.txt", "Menu\nok\n"))
    assert article.title == "city council-vote"


def test_empty_file_is_refused(tmp_path):
    with pytest.raises(ImportProblem, match="empty"):
        read_plaintext(write(tmp_path, "a.txt", ""))


def test_whitespace_only_file_is_refused(tmp_path):
    with pytest.raises(ImportProblem, match="empty"):
        read_plaintext(write(tmp_path, "a.txt", " \n\n\t\n"))


def test_windows_1252_file_is_decoded(tmp_path):
    article = read_plaintext(write(tmp_path, "a.txt", "Café owner wins “fight” over tables\r\n", "cp1252"))
    assert article.text == "Café owner wins “fight” over tables\n"


def test_title_passes_over_skip_links_in_any_wording():
    from annotator.core.importing.plaintext import find_title

    for skip in ("Jump directly to the content", "Zum Inhalt springen", "Aller au contenu principal",
                 "Go to main navigation now", "Ir al contenido"):
        assert find_title(f"{skip}\nCouncil closes the old bridge after vote\n\nBody.") == "Council closes the old bridge after vote"


def test_title_passes_over_a_kicker_but_keeps_a_headline_in_capitals():
    from annotator.core.importing.plaintext import find_title

    assert find_title("EXCLUSIVE REPORT FROM THE COAST\nCouncil closes the old bridge\n\nBody.") == "Council closes the old bridge"
    assert find_title("Analysis of the week:\nCouncil closes the old bridge\n\nBody.") == "Council closes the old bridge"
    assert find_title("PRISONER OF HIS OWN CABINET\n\nThe prime minister said on Tuesday.") == "PRISONER OF HIS OWN CABINET"


def test_boilerplate_lines_are_whole_lines_only():
    from annotator.core.importing.boilerplate import drop_boilerplate

    text = "12\n1/20\nPhoto: Mara Lind\n(AFP)\nSubscribe now\nRead more\nThe café sold cookies, said the owner.\nAdvertisement\n"
    cleaned = drop_boilerplate(text)
    assert cleaned.text == "The café sold cookies, said the owner.\n"
    assert cleaned.dropped == ["12", "1/20", "Photo: Mara Lind", "(AFP)", "Subscribe now", "Read more", "Advertisement"]
