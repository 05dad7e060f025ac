"""Word documents (``.docx``): paragraphs joined by blank lines, core properties as metadata;
a Nexis Uni download is split into its stories."""

from __future__ import annotations

import zipfile
from collections.abc import Iterator
from pathlib import Path

from annotator.core.importing.plaintext import find_title, title_from_name
from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, Failure, FileNote, ImportProblem
from annotator.core.importing.source import check_size
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text

_TITLE_STYLES = ("title", "heading 1")
# python-docx holds every part of the package in memory and parses the XML parts whole (a DOM
# costs several times the XML): an 831 KB zip bomb took 1.7 GB. A .docx is a ZIP and is checked
# like a .qdpx (names, member count, compression ratio), with limits for what Word writes: the
# text of a very long report is a few MB of XML.
MAX_DOCX_XML_BYTES = 32 * 1024**2
MAX_DOCX_TOTAL_BYTES = 256 * 1024**2


def check_docx_archive(path: Path) -> None:
    """Raise :class:`ImportProblem` for a ``.docx`` whose ZIP would unpack to more than we read
    safely. Reads only the archive's directory."""
    from annotator.core.formats.safe_archive import UnsafeInputError, check_members

    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # python-docx says it is not a valid .docx
    try:
        check_members(infos, path.name)
    except UnsafeInputError as error:
        raise ImportProblem(str(error).removeprefix(f"{path.name}: ")) from error
    total = sum(i.file_size for i in infos)
    if total > MAX_DOCX_TOTAL_BYTES:
        raise ImportProblem(f"refused, it would unpack to {total:,} bytes (limit {MAX_DOCX_TOTAL_BYTES:,} for a .docx)")
    for info in infos:
        if info.filename.lower().endswith((".xml", ".rels")) and info.file_size > MAX_DOCX_XML_BYTES:
            raise ImportProblem(
                f"refused, member {info.filename!r} would unpack to {info.file_size:,} bytes of XML "
                f"(limit {MAX_DOCX_XML_BYTES:,}; a zip bomb?)"
            )


def read_docx_file(path: Path) -> Iterator[NewArticle | Failure | FileNote]:
    """A Word file: a Nexis Uni (or Factiva) download split into its stories, else one article."""
    from annotator.core.importing.exports import articles_from_stories, stories_in_paragraphs

    document = _open(path)
    found = stories_in_paragraphs([p.text for p in document.paragraphs])
    if found:
        yield from articles_from_stories(path, *found)
        return
    yield _article(path, document)


def read_docx(path: Path) -> NewArticle:
    """The article in a ``.docx`` file, or raise :class:`ImportProblem`."""
    return _article(path, _open(path))


def _open(path: Path):
    import docx  # python-docx; imported here so other formats do not pay for it
    from docx.opc.exceptions import PackageNotFoundError

    check_size(path, MAX_ARTICLE_FILE_BYTES)
    check_docx_archive(path)
    try:
        document = docx.Document(str(path))
    except PermissionError as error:
        raise ImportProblem("unreadable (permission denied)") from error
    except (zipfile.BadZipFile, KeyError, ValueError, PackageNotFoundError) as error:
        raise ImportProblem("not a valid .docx file (damaged, or another format renamed)") from error
    except Exception as error:  # python-docx raises its own errors for broken packages
        raise ImportProblem(f"not a valid .docx file ({type(error).__name__})") from error
    return document


def _article(path: Path, document) -> NewArticle:
    paragraphs = [p for p in document.paragraphs if p.text.strip()]
    text = normalise_text("\n\n".join(p.text for p in paragraphs))
    if not text.strip():
        raise ImportProblem("no article text found in the document")
    props = document.core_properties
    styled = next(
        (p.text.strip() for p in paragraphs if (p.style is not None and (p.style.name or "").lower() in _TITLE_STYLES)),
        "",
    )
    title = (props.title or "").strip() or styled or find_title(text) or title_from_name(path)
    published = props.created.date().isoformat() if props.created else ""
    extra = {
        key: value
        for key, value in (
            ("subject", props.subject),
            ("keywords", props.keywords),
            ("category", props.category),
            ("comments", props.comments),
        )
        if value
    }
    return NewArticle(
        text=text,
        title=normalise_text(title),
        author=normalise_text((props.author or "").strip()),
        published=published,
        language=(props.language or "").strip(),
        source_file=path.name,
        extra=extra,
    )
