"""A text as another tool shipped it, and how its offsets map onto our normalised text.

Other tools count offsets on the file exactly as shipped: with CRLF line endings, or in NFD.
We store texts normalised (LF, NFC), so an offset must be converted, and only where the
conversion is provably right. Removing the CR of a CRLF is a pure deletion: every offset maps
exactly. NFC composition is mapped cluster by cluster (a starter and the marks after it); the
mapping is used only if normalising cluster by cluster gives exactly the normalised whole, and
an offset that falls inside a cluster whose length changed has no image (``None``): the caller
reports it rather than guess.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left
from functools import cached_property

from annotator.core.text import normalise_text


class ShippedText:
    """``raw`` (decoded, BOM removed) and ``text`` (what we store); :meth:`to_text` maps offsets."""

    def __init__(self, raw: str):
        self.raw = raw
        self.text = normalise_text(raw)
        self.changed = self.text != raw
        self.has_crlf = "\r" in raw
        self._removed_cr: list[int] = []
        self._clusters: list[tuple[int, int, int, int]] | None = None  # lf_start, lf_end, nfc_start, nfc_end
        self.mappable = True
        self._bom = 0
        if self.changed:
            self._prepare()

    def _prepare(self) -> None:
        raw = self.raw[1:] if self.raw.startswith("\ufeff") else self.raw
        self._bom = len(self.raw) - len(raw)
        # The CR of each CRLF is deleted; a lone CR becomes LF (same length).
        self._removed_cr = [i for i in range(len(raw) - 1) if raw[i] == "\r" and raw[i + 1] == "\n"]
        lf = raw.replace("\r\n", "\n").replace("\r", "\n")
        if unicodedata.is_normalized("NFC", lf):
            return
        clusters, pieces, start, out = [], [], 0, 0
        for i in range(1, len(lf) + 1):
            if i == len(lf) or _starts_cluster(lf[i]):
                piece = unicodedata.normalize("NFC", lf[start:i])
                clusters.append((start, i, out, out + len(piece)))
                pieces.append(piece)
                out += len(piece)
                start = i
        if "".join(pieces) != self.text:
            self.mappable = False  # composition across clusters: no provable mapping
        self._clusters = clusters
        self._starts = [c[0] for c in clusters]

    def to_text(self, offset: int) -> int | None:
        """The offset in :attr:`text` of ``offset`` in :attr:`raw`, or None if it has none."""
        if not 0 <= offset <= len(self.raw):
            return None
        if not self.changed:
            return offset
        if not self.mappable:
            return None
        offset -= self._bom
        if offset < 0:
            return None
        lf_offset = offset - bisect_left(self._removed_cr, offset)
        if self._clusters is None:
            return lf_offset
        return self._map_cluster(lf_offset)

    @cached_property
    def lf(self) -> str:
        """:attr:`raw` without its BOM and with LF line endings, before NFC: what a tool that
        counts after dropping the CRs counts on."""
        raw = self.raw[1:] if self.raw.startswith("\ufeff") else self.raw
        return raw.replace("\r\n", "\n").replace("\r", "\n")

    def lf_to_text(self, lf_offset: int) -> int | None:
        """The offset in :attr:`text` of ``lf_offset`` in :attr:`lf`, or None if it has none."""
        if not 0 <= lf_offset <= len(self.lf):
            return None
        if not self.changed or self._clusters is None:
            return lf_offset
        if not self.mappable:
            return None
        return self._map_cluster(lf_offset)

    def _map_cluster(self, lf_offset: int) -> int | None:
        clusters = self._clusters or []
        if not clusters:
            return 0 if lf_offset == 0 else None
        index = bisect_left(self._starts, lf_offset)
        if index < len(clusters) and clusters[index][0] == lf_offset:
            return clusters[index][2]
        if lf_offset == clusters[-1][1]:
            return clusters[-1][3]
        lf_start, lf_end, nfc_start, nfc_end = clusters[index - 1]
        if lf_end - lf_start == nfc_end - nfc_start:
            return nfc_start + (lf_offset - lf_start)
        return None  # inside a cluster that composition shortened


def _starts_cluster(ch: str) -> bool:
    # Combining marks and Hangul vowel/final jamo attach to the character before them.
    code = ord(ch)
    return unicodedata.combining(ch) == 0 and not (0x1161 <= code <= 0x11C2)


def decode_shipped(data: bytes, what: str) -> ShippedText:
    """Decode a shipped UTF-8 text file (a BOM is allowed and not counted); raise ValueError."""
    try:
        return ShippedText(data.decode("utf-8-sig"))
    except UnicodeDecodeError as error:
        raise ValueError(f"{what}: not UTF-8 text (byte {error.start})") from error
