"""Snapping a rough selection to the passage meant, and nudging its edges by words."""

from hypothesis import given
from hypothesis import strategies as st

from annotator.core.find import find_all
from annotator.core.selection import nudge_end, nudge_start, snap

QUOTE = "The mayor said: “We will not back down,” and left. It rose 40% in 2025."


def snapped(text, fragment_start, fragment_end):
    span = snap(text, fragment_start, fragment_end)
    return None if span is None else text[span[0] : span[1]]


def test_half_words_become_whole_words():
    i = QUOTE.index("mayor")
    assert snapped(QUOTE, i + 2, i + 9) == "mayor said"


def test_surrounding_whitespace_and_punctuation_are_dropped():
    i = QUOTE.index(" and left.")
    assert snapped(QUOTE, i - 1, i + 11) == "and left"


def test_selected_quotation_marks_are_kept():
    i = QUOTE.index("“")
    j = QUOTE.index("”") + 1
    assert snapped(QUOTE, i, j) == "“We will not back down,”"


def test_a_stray_closing_quote_at_the_start_is_dropped():
    i = QUOTE.index("”")
    assert snapped(QUOTE, i, i + 8) == "and left"


def test_german_quotes_are_kept_as_a_pair():
    text = "Er sagte: „Wir bleiben“ heute."
    assert snapped(text, text.index("„"), text.index("“") + 1) == "„Wir bleiben“"


def test_quotation_marks_are_never_added():
    i = QUOTE.index("We")
    assert snapped(QUOTE, i + 1, i + 9) == "We will not"


def test_percent_sign_stays_with_its_number():
    i = QUOTE.index("40%")
    assert snapped(QUOTE, i + 1, i + 4) == "40%"


def test_whitespace_only_selection_gives_none():
    assert snap("a   b", 1, 4) is None


def test_punctuation_only_selection_is_kept():
    assert snapped("a — b", 1, 4) == "—"


def test_apostrophes_inside_words_are_part_of_the_word():
    text = "They don’t know l'homme."
    assert snapped(text, text.index("on"), text.index("on") + 1) == "don’t"
    assert snapped(text, text.index("hom"), text.index("hom") + 2) == "l'homme"


def test_combining_accent_stays_with_its_letter():
    text = "un cafe\u0301 noir"
    assert snapped(text, 3, 7) == "cafe\u0301"


def test_flag_and_zwj_emoji_are_not_split():
    text = "go 🇩🇪 and 👩\u200d👩\u200d👧 now"
    flag = text.index("🇩🇪")
    assert snapped(text, flag + 1, flag + 2) == "🇩🇪"
    family = text.index("👩")
    assert snapped(text, family + 2, family + 3) == "👩\u200d👩\u200d👧"


def test_unspaced_scripts_are_not_expanded_to_the_whole_run():
    text = "部长说预算将增加。"
    assert snapped(text, 2, 4) == "说预"


def test_right_to_left_words_snap_like_any_other():
    text = "قال الوزير إن"
    i = text.index("الوزير")
    assert snapped(text, i + 2, i + 4) == "الوزير"


def test_nudge_end_moves_by_whole_words():
    text = "one two three four"
    assert nudge_end(text, 0, 7, 1) == (0, 13)
    assert nudge_end(text, 0, 13, -1) == (0, 7)


def test_nudge_start_moves_by_whole_words():
    text = "one two three four"
    assert nudge_start(text, 8, 13, -1) == (4, 13)
    assert nudge_start(text, 4, 13, 1) == (8, 13)


def test_nudge_never_empties_the_span():
    text = "one two"
    assert nudge_end(text, 0, 3, -1) == (0, 3)
    assert nudge_start(text, 4, 7, 1) == (4, 7)


def test_nudge_stops_at_the_text_edges():
    text = "one two"
    assert nudge_end(text, 0, 7, 1) == (0, 7)
    assert nudge_start(text, 0, 7, -1) == (0, 7)


def test_find_all_is_case_insensitive_and_spans_line_breaks():
    text = "The Budget.\nthe\nbudget rose"
    assert find_all(text, "the budget") == [(0, 10), (12, 22)]
    assert find_all(text, "   ") == []


texts = st.text(alphabet=st.sampled_from(list("ab c,.“”'’\n😀é\u0301-中")), min_size=1, max_size=40)


@given(texts, st.data())
def test_snap_result_is_inside_the_text_and_trimmed(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(0, len(text)))
    span = snap(text, start, end)
    if span is None:
        assert text[min(start, end) : max(start, end)].strip() == ""
        return
    s, e = span
    assert 0 <= s < e <= len(text)
    assert not text[s].isspace() and not text[e - 1].isspace()


@given(texts, st.data())
def test_snap_is_idempotent(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = snap(text, start, end)
    if span is not None:
        assert snap(text, *span) == span


@given(texts, st.data())
def test_snap_keeps_every_selected_letter(text, data):
    start = data.draw(st.integers(0, len(text)))
    end = data.draw(st.integers(start, len(text)))
    span = snap(text, start, end)
    letters = [i for i in range(start, end) if text[i].isalnum()]
    if letters:
        assert span[0] <= letters[0] and letters[-1] < span[1]


@given(texts, st.data())
def test_nudging_keeps_a_valid_span(text, data):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    step = data.draw(st.sampled_from([-2, -1, 1, 2]))
    for move in (nudge_start, nudge_end):
        s, e = move(text, start, end, step)
        assert 0 <= s < e <= len(text)


def test_a_whole_sentence_keeps_its_final_stop():
    text = "It rose. Firefighters battled the blaze for six hours. Then 3.5 million left."
    i = text.index("Firefighters")
    assert snapped(text, i + 2, text.index(" hours") + 3) == "Firefighters battled the blaze for six hours."
    j = text.index("battled")
    assert snapped(text, j, text.index(" hours") + 3) == "battled the blaze for six hours"  # not a whole sentence
    k = text.index("Then")
    assert snapped(text, k, k + 6) == "Then 3"  # a decimal point ends no sentence


def test_a_quoted_sentence_keeps_the_stop_inside_its_marks():
    text = "He said: \u201cPeople were screaming. We ran.\u201d"
    i = text.index("People")
    assert snapped(text, i, text.index("We ran") + 5) == "People were screaming. We ran."
