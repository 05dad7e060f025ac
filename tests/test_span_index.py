"""The per-paragraph span index and its overlap layers."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.span_index import SpanIndex, block_starts, display_blocks, display_text

TEXT = "First paragraph here.\n\nSecond one.\nThird line"


def test_block_starts_follow_line_feeds():
    assert block_starts(TEXT) == [0, 22, 23, 35]


def test_block_starts_also_split_on_carriage_return_and_paragraph_separator():
    assert block_starts("a\rb\u2029c") == [0, 2, 4]


def test_spans_are_found_in_every_block_they_touch():
    index = SpanIndex.for_text(TEXT, [("a", 6, 30)])
    assert [b for b in range(index.block_count) if index.in_block(b)] == [0, 1, 2]


def test_a_span_ending_at_a_block_start_does_not_touch_that_block():
    index = SpanIndex.for_text(TEXT, [("a", 0, 22)])
    assert list(index.blocks_of(0, 22)) == [0]
    assert index.in_block(1) == []


def test_overlapping_spans_get_different_layers():
    index = SpanIndex.for_text(TEXT, [("outer", 0, 20), ("inner", 6, 15), ("apart", 23, 30)])
    assert index.get("outer").layer == 0
    assert index.get("inner").layer == 1
    assert index.get("apart").layer == 0


def test_added_span_takes_lowest_free_layer_and_others_keep_theirs():
    index = SpanIndex.for_text(TEXT, [("a", 0, 20), ("b", 5, 10)])
    index.remove("a")
    c = index.add("c", 0, 4)
    assert c.layer == 0
    assert index.get("b").layer == 1


def test_remove_takes_the_span_out_of_its_blocks():
    index = SpanIndex.for_text(TEXT, [("a", 6, 30)])
    assert index.remove("a").key == "a"
    assert all(index.in_block(b) == [] for b in range(index.block_count))
    assert index.remove("a") is None


def test_at_lists_innermost_first():
    index = SpanIndex.for_text(TEXT, [("outer", 0, 20), ("inner", 6, 15)])
    assert [s.key for s in index.at(7)] == ["inner", "outer"]
    assert index.at(21) == []


def test_span_outside_the_text_is_refused():
    index = SpanIndex.for_text("short", [])
    with pytest.raises(ValueError):
        index.add("x", 2, 9)


def test_duplicate_key_is_refused():
    index = SpanIndex.for_text(TEXT, [("a", 0, 3)])
    with pytest.raises(KeyError):
        index.add("a", 4, 6)


@given(st.lists(st.tuples(st.integers(0, 40), st.integers(1, 15)), max_size=30))
def test_overlapping_spans_never_share_a_layer(raw):
    spans = [(str(i), s, min(s + n, len(TEXT))) for i, (s, n) in enumerate(raw)]
    bulk = SpanIndex.for_text(TEXT, spans)
    one_by_one = SpanIndex.for_text(TEXT)
    for key, s, e in spans:
        one_by_one.add(key, s, e)
    for index in (bulk, one_by_one):
        placed = [index.get(k) for k, _, _ in spans]
        for a in placed:
            for b in placed:
                if a.key != b.key and a.start < b.end and b.start < a.end:
                    assert a.layer != b.layer


def test_display_text_breaks_long_paragraphs_without_moving_offsets():
    text = " ".join(["word"] * 2000) + ". End of a sentence. " + "more " * 300
    shown = display_text(text, longest=500)
    assert len(shown) == len(text)
    changed = [i for i, (a, b) in enumerate(zip(text, shown)) if a != b]
    assert changed and all(text[i] == " " and shown[i] == "\n" for i in changed)
    assert max(len(p) for p in shown.split("\n")) <= 1000


def test_display_text_prefers_sentence_ends():
    text = "x" * 10 + ". " + "y " * 20
    shown = display_text(text, longest=8)
    assert shown.startswith("x" * 10 + ".\n")


def test_display_text_leaves_ordinary_paragraphs_alone():
    assert display_text(TEXT, longest=100) == TEXT


@given(
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 15)), max_size=20),
    st.lists(st.tuples(st.integers(0, 40), st.integers(1, 15)), max_size=10),
    st.sets(st.integers(0, 30)),
)
def test_lazy_placement_then_single_adds_and_removals_keep_layers_apart(bulk, single, dropped):
    index = SpanIndex.for_text(TEXT, [(f"b{i}", s, min(s + n, len(TEXT))) for i, (s, n) in enumerate(bulk)])
    for i, (s, n) in enumerate(single):
        index.add(f"s{i}", s, min(s + n, len(TEXT)))
    for i in dropped:
        index.remove(f"b{i}")
    placed = {s.key: s for b in range(index.block_count) for s in index.in_block(b)}
    assert len(placed) == len(index)
    for a in placed.values():
        for b in placed.values():
            if a.key != b.key and a.start < b.end and b.start < a.end:
                assert a.layer != b.layer


def test_spans_are_placed_only_when_their_block_is_asked_for():
    index = SpanIndex.for_text(TEXT, [("late", 36, 40), ("early", 0, 5)])
    assert index.in_block(0)[0].key == "early"
    assert "late" in index and index.get("late").layer == 0


def test_refs_can_be_indexed_by_field_positions():
    refs = [("id1", "tag", 0, 5, "ana")]
    index = SpanIndex.for_text(TEXT, refs, fields=(0, 2, 3))
    assert index.get("id1").end == 5


def test_block_end_excludes_the_separator():
    index = SpanIndex.for_text(TEXT)
    assert [index.block_end(b) for b in range(index.block_count)] == [21, 22, 34, len(TEXT)]


def test_display_blocks_are_display_text_and_its_block_starts_in_one_read():
    long_paragraph = " ".join(f"word{i}." for i in range(900))  # past LONG_PARAGRAPH: cut in display
    texts = ["", "one", "a\n\nb\nc", "ends with a break\n", "\n\nstarts with two", "a\rb\u2029c\r\nd",
             "e😀 f\n" * 50, long_paragraph, "short\n\n" + long_paragraph + "\nlast"]
    for text in texts:
        shown = display_text(text)
        assert display_blocks(text) == (shown, block_starts(shown)), text[:30]
