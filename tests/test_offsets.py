"""Code points <-> UTF-16: the one conversion between annotator and Qt."""

import sys

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.offsets import OffsetMap, as_utf16_units, utf16_length

SAMPLES = {
    "ascii": "The minister said.",
    "emoji": "😀 Big news 😀😀 today",
    "flag": "🇩🇪🇫🇷 flags are two regional indicators each",
    "combining": "Cafe\u0301 and nai\u0308ve, decomposed accents",
    "cjk": "中文新闻报道：部长说。𠀋 is astral",
    "rtl": "قال الوزير إن الميزانية «سترتفع» שלום עולם",
    "zwj": "family 👩\u200d👩\u200d👧 and 👍🏽 skin tone",
}


def utf16_index(text: str, offset: int) -> int:
    """The reference: the UTF-16 length of the prefix."""
    return len(text[:offset].encode("utf-16-le")) // 2


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_every_offset_round_trips(name):
    text = SAMPLES[name]
    offsets = OffsetMap(text)
    for i in range(len(text) + 1):
        position = offsets.to_utf16(i)
        assert position == utf16_index(text, i)
        assert offsets.from_utf16(position) == i


def test_utf16_length_counts_surrogate_pairs():
    assert utf16_length("a😀🇩🇪") == 1 + 2 + 4
    assert OffsetMap("a😀🇩🇪").utf16_length == 7


def test_bmp_text_is_identity():
    offsets = OffsetMap(SAMPLES["rtl"])
    assert offsets.is_identity
    assert offsets.to_utf16(10) == 10


def test_position_inside_a_surrogate_pair_rounds_down_or_up():
    offsets = OffsetMap("a😀b")  # 😀 is UTF-16 positions 1-2
    assert offsets.from_utf16(2) == 1
    assert offsets.from_utf16(2, round_up=True) == 2


def test_span_from_utf16_widens_to_whole_characters():
    offsets = OffsetMap("a😀b")
    assert offsets.span_from_utf16(2, 2) == (1, 2)


def test_out_of_range_raises():
    offsets = OffsetMap("a😀")
    with pytest.raises(ValueError):
        offsets.to_utf16(3)
    with pytest.raises(ValueError):
        offsets.from_utf16(4)


@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=60), st.data())
def test_matches_python_utf16_encoding(text, data):
    offsets = OffsetMap(text)
    i = data.draw(st.integers(0, len(text)))
    assert offsets.to_utf16(i) == utf16_index(text, i)
    assert offsets.from_utf16(offsets.to_utf16(i)) == i


def long_text_with_astral_characters() -> str:
    parts = []
    for i in range(3000):
        parts.append(f"word{i} ")
        if i % 7 == 0:
            parts.append("😀")
        if i % 11 == 0:
            parts.append("🇩🇪 ")
    return "".join(parts)  # well past one scanning chunk


@pytest.mark.parametrize("far_first", [True, False])
def test_long_text_converts_right_in_any_order(far_first):
    text = long_text_with_astral_characters()
    offsets = OffsetMap(text)
    probes = list(range(0, len(text) + 1, 997)) + [len(text)]
    if far_first:
        probes.reverse()
    for i in probes:
        assert offsets.to_utf16(i) == utf16_index(text, i)


def test_long_text_converts_back_before_anything_else_was_asked():
    text = long_text_with_astral_characters()
    offsets = OffsetMap(text)
    for i in reversed(range(0, len(text) + 1, 1013)):
        assert OffsetMap(text).from_utf16(utf16_index(text, i)) == i
        assert offsets.from_utf16(utf16_index(text, i)) == i
    assert offsets.utf16_length == utf16_index(text, len(text))


def test_utf16_units_hold_the_same_code_units_in_a_narrow_string():
    for text in ["", "plain", "café “quoted” — dash", "😀", "a😀b🇫🇷c", "é" * 1000 + "😀", "x" * 5000]:
        units = as_utf16_units(text)
        assert units.encode("utf-16-le", "surrogatepass") == text.encode("utf-16-le")
        assert len(units) == utf16_length(text)
    text = "word " * 10_000 + "😀"
    # Two bytes a character once the astral one is written as its pair (Qt copies it as is).
    assert sys.getsizeof(as_utf16_units(text)) < 2.1 * len(text) < sys.getsizeof(text)
    assert as_utf16_units("plain") == "plain"
