"""Bytes to article text: byte-order marks, UTF-8, then detection of legacy encodings.

The result is always passed through :func:`annotator.core.text.normalise_text` (LF line
endings, NFC), so the same article gives the same content id whatever file it came from.
"""

from __future__ import annotations

import codecs

from annotator.core.importing.problems import ImportProblem
from annotator.core.text import normalise_text

# Longest BOM first: the UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# How much of a file we look at to decide whether it is binary, or which encoding it uses.
SNIFF_BYTES = 64 * 1024
# Control characters other than tab, newlines and form feed: plenty of them means "not text".
_CONTROL = {c for c in range(32) if c not in (9, 10, 12, 13)} | {127}


def bom_encoding(data: bytes) -> tuple[str, int] | None:
    """``(encoding, BOM length)`` if ``data`` starts with a Unicode byte-order mark."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return encoding, len(bom)
    return None


def detect_encoding(sample: bytes) -> str:
    """The encoding of a file that starts with ``sample``, for reading it as a stream.

    A BOM wins, then UTF-8, then charset-normalizer's guess (Windows-1252 preferred when it
    reads the bytes just as well: short Western texts are otherwise often taken for cp1250).
    Raises :class:`ImportProblem` for binary data.
    """
    found = bom_encoding(sample)
    if found:
        return "utf-8-sig" if found[0] == "utf-8" else found[0]
    _refuse_binary(sample)
    try:
        sample.decode("utf-8")
        return "utf-8"
    except UnicodeDecodeError as error:
        # A multi-byte character cut off by the end of the sample is still UTF-8.
        if error.start >= len(sample) - 3 and len(sample) >= SNIFF_BYTES:
            try:
                sample[: error.start].decode("utf-8")
                return "utf-8"
            except UnicodeDecodeError:
                pass
    return _guess_legacy(sample)[0]


def decode_bytes(data: bytes) -> str:
    """Decode a whole file's bytes to normalised text, or raise :class:`ImportProblem`."""
    found = bom_encoding(data)
    if found:
        encoding, skip = found
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as error:
            raise ImportProblem(f"not valid {encoding.upper()} text despite its byte-order mark") from error
    else:
        _refuse_binary(data[:SNIFF_BYTES])
        try:
            text = data.decode("utf-8")
        except UnicodeDecodeError:
            text = _guess_legacy(data)[1]
    if _looks_binary(text[:4096]):
        raise ImportProblem("binary file, not text")
    return normalise_text(text)


def _refuse_binary(sample: bytes) -> None:
    # NUL bytes never occur in text files without a UTF-16/32 BOM (which was checked first).
    if b"\x00" in sample:
        raise ImportProblem("binary file, not text")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    return controls / len(text) > 0.05


def _guess_legacy(data: bytes) -> tuple[str, str]:
    """``(encoding, text)`` for bytes that are not UTF-8."""
    from charset_normalizer import from_bytes  # only legacy files need it; keeps start-up quick

    results = from_bytes(data)
    best = results.best()
    if best is None:
        raise ImportProblem("binary file or unknown text encoding")
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        western = None
    if western is not None:
        # charset-normalizer collapses code pages that decode these bytes identically and
        # names one of them (often cp1250); when cp1252 reads the text as well, it is by
        # far the likelier origin of a Western news text.
        for candidate in results:
            same = candidate.encoding in ("cp1252", "latin_1", "iso8859_15") or str(candidate) == western
            if same and candidate.chaos <= best.chaos + 0.02:
                return "cp1252", western
    return best.encoding, str(best)
