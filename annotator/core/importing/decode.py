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

    A BOM wins, then UTF-16 recognised by its zero bytes, then UTF-8, then the code page whose
    reading spells the words best (:mod:`legacy_encodings`). Raises :class:`ImportProblem`
    for binary data.
    """
    found = bom_encoding(sample)
    if found:
        return "utf-8-sig" if found[0] == "utf-8" else found[0]
    utf16 = _utf16_without_bom(sample)
    if utf16:
        return utf16
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
    from annotator.core.importing.legacy_encodings import best_code_page

    return best_code_page(sample)


def decode_bytes(data: bytes) -> str:
    """Decode a whole file's bytes to normalised text, or raise :class:`ImportProblem`."""
    return decode_with_encoding(data)[0]


def decode_with_encoding(data: bytes) -> tuple[str, str]:
    """``(normalised text, encoding used)``; the encoding is ``""`` for plain UTF-8 and
    otherwise a name a researcher can check ("Windows-1250 (Central European)")."""
    from annotator.core.importing.legacy_encodings import NAMES

    found = bom_encoding(data)
    used = ""
    if found:
        encoding, skip = found
        try:
            text = data[skip:].decode(encoding)
        except UnicodeDecodeError as error:
            raise ImportProblem(f"not valid {encoding.upper()} text despite its byte-order mark") from error
        used = "" if encoding == "utf-8" else encoding.upper()
    else:
        utf16 = _utf16_without_bom(data[:SNIFF_BYTES])
        if utf16:
            try:
                text = data.decode(utf16)
            except UnicodeDecodeError as error:
                raise ImportProblem("binary file, not text") from error
            used = NAMES[utf16]
        else:
            data = _without_stray_nuls(data)
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                text, used = _not_utf8(data)
    if _looks_binary(text[:4096]):
        raise ImportProblem("binary file, not text")
    return normalise_text(text), used


def _utf16_without_bom(sample: bytes) -> str | None:
    """UTF-16 text without a BOM: mostly ASCII, so every other byte is zero."""
    if len(sample) < 8 or b"\x00" not in sample:
        return None
    sample = sample[: len(sample) - len(sample) % 2]
    even, odd = sample[0::2], sample[1::2]
    zeros_even, zeros_odd = even.count(0) / len(even), odd.count(0) / len(odd)
    for encoding, zeros, other in (("utf-16-le", zeros_odd, zeros_even), ("utf-16-be", zeros_even, zeros_odd)):
        if zeros > 0.4 and other < 0.05:
            try:
                text = sample.decode(encoding, errors="strict")
            except UnicodeDecodeError:
                continue
            if not _looks_binary(text[:4096]):
                return encoding
    return None


def _without_stray_nuls(data: bytes) -> bytes:
    # A few NUL bytes (a bad save, a copy through a terminal) do not make a page binary; a
    # real binary file has far more of them, and the check below still refuses it.
    nuls = data.count(b"\x00", 0, SNIFF_BYTES)
    if nuls and nuls <= max(4, min(len(data), SNIFF_BYTES) // 1000):
        return data.replace(b"\x00", b"")
    _refuse_binary(data[:SNIFF_BYTES])
    return data


def _not_utf8(data: bytes) -> tuple[str, str]:
    """Text that is not valid UTF-8: UTF-8 with a few bad bytes, or a legacy code page."""
    from annotator.core.importing.legacy_encodings import NAMES, best_code_page

    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    multibyte = sum(1 for ch in text if ord(ch) > 0x7F and ch != "\ufffd")
    # Real UTF-8 with a few damaged bytes: keep it UTF-8 and say how many were replaced,
    # rather than reading the whole file in a code page it was never written in.
    if multibyte >= 3 and bad <= max(2, multibyte // 10):
        return text, f"UTF-8 with {bad} invalid byte{'s' if bad != 1 else ''} replaced by \ufffd"
    encoding = best_code_page(data)
    try:
        return data.decode(encoding), NAMES[encoding]
    except UnicodeDecodeError:
        return data.decode("cp1252", errors="replace"), NAMES["cp1252"] + " (some bytes unreadable)"


def _refuse_binary(sample: bytes) -> None:
    # NUL bytes never occur in text files without a UTF-16/32 BOM (which was checked first).
    if b"\x00" in sample:
        raise ImportProblem("binary file, not text")


def _looks_binary(text: str) -> bool:
    if not text:
        return False
    controls = sum(1 for ch in text if ord(ch) in _CONTROL)
    return controls / len(text) > 0.05
