"""Small fictional documents for the import tests: PDFs written by hand, RTF, e-mails."""

from __future__ import annotations

from email.message import EmailMessage
from pathlib import Path


def make_pdf(path: Path, pages: list[list[str]], *, title: str = "", author: str = "") -> Path:
    """A PDF whose pages hold these lines of text (Helvetica, top to bottom); an empty list
    of lines makes a page with no text layer."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)  # after every page and content stream
    kids = []
    for lines in pages:
        stream = b"BT /F1 11 Tf 14 TL 72 760 Td " + b" ".join(
            b"(" + line.encode("cp1252").replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b") Tj T*"
            for line in lines
        ) + b" ET"
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(add(
            b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 612 792] /Contents %d 0 R "
            b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
        ))
    assert add(b"<< /Type /Pages /Kids [%s] /Count %d >>" % (b" ".join(b"%d 0 R" % k for k in kids), len(kids))) == pages_id
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    info = add(b"<< /Title (%s) /Author (%s) /CreationDate (D:20260105093000Z) >>" % (title.encode(), author.encode()))
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, catalog, info, xref)
    path.write_bytes(bytes(out))
    return path


def encrypt_pdf(source: Path, target: Path, password: str) -> Path:
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(str(source)))
    writer.encrypt(user_password=password, owner_password=password, algorithm="RC4-128")
    with open(target, "wb") as handle:
        writer.write(handle)
    return target


def rtf(paragraphs: list[str]) -> str:
    """A minimal RTF document, one ``\\par`` per paragraph, non-ASCII as ``\\uN?``."""
    def escape(text: str) -> str:
        out = []
        for ch in text:
            if ch in "\\{}":
                out.append("\\" + ch)
            elif ord(ch) > 127:
                out.append(f"\\u{ord(ch) if ord(ch) < 32768 else ord(ch) - 65536}?")
            else:
                out.append(ch)
        return "".join(out)

    body = "\n".join(f"{{\\pard {escape(p)}\\par}}" for p in paragraphs)
    return "{\\rtf1\\ansi\\ansicpg1252\\deff0{\\fonttbl{\\f0 Times New Roman;}}\n" + body + "\n}"


def make_eml(path: Path, html: str | None, *, text: str = "Your results are attached.") -> Path:
    message = EmailMessage()
    message["From"] = "alerts@database.example"
    message["To"] = "researcher@university.example"
    message["Subject"] = "Your research results"
    message.set_content(text)
    if html is not None:
        message.add_alternative(html, subtype="html")
    path.write_bytes(bytes(message))
    return path
