"""Offsets counted on a text as another tool shipped it (CRLF, NFD) mapped onto our normalised text."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.formats.shipped_text import ShippedText
from annotator.core.text import normalise_text

_PIECES = ["a", "b", " ", "\r\n", "\n", "\r", "e\u0301", "\u00e9", "o\u0308\u0323", "😀", "\u1100\u1161"]


def test_crlf_offsets_lose_one_per_earlier_cr():
    shipped = ShippedText("ab\r\ncd")
    assert shipped.text == "ab\ncd"
    assert [shipped.to_text(i) for i in (0, 2, 4, 6)] == [0, 2, 3, 5]


def test_an_offset_inside_a_composed_character_has_no_image():
    shipped = ShippedText("cafe\u0301!")
    assert shipped.text == "caf\u00e9!"
    assert (shipped.to_text(3), shipped.to_text(4), shipped.to_text(5)) == (3, None, 4)


def test_a_normalised_text_maps_to_itself():
    shipped = ShippedText("plain text\nwith é")
    assert not shipped.changed and shipped.to_text(7) == 7


@given(st.lists(st.sampled_from(_PIECES), max_size=30), st.data())
def test_mapped_spans_hold_the_normalised_passage(pieces, data):
    raw = "".join(pieces)
    shipped = ShippedText(raw)
    assert shipped.text == normalise_text(raw)
    boundaries = [0]
    for piece in pieces:
        boundaries.append(boundaries[-1] + len(piece))
    # Between the CR and LF of a CRLF is no place a passage can start or end in our text.
    boundaries = [b for b in boundaries if raw[b - 1 : b + 1] != "\r\n"]
    start = data.draw(st.sampled_from(boundaries))
    end = data.draw(st.sampled_from([b for b in boundaries if b >= start]))
    mapped = shipped.to_text(start), shipped.to_text(end)
    if shipped.mappable:
        assert None not in mapped
        assert shipped.text[mapped[0]:mapped[1]] == unicodedata.normalize("NFC", normalise_text(raw[start:end]))
