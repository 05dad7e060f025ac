"""The suggestion engine: quotes, attributions, sensational language, codings, claims."""

import sys

from annotator.core.suggestions.codings import CodedPassage
from annotator.core.suggestions.engine import ProjectKnowledge, suggest
from annotator.core.suggestions.lexicon import LexiconEntry, parse_lexicon
from annotator.core.suggestions.model import PARTIAL, SCARE, SuggestionSettings

MARKS_OUT = SuggestionSettings()
MARKS_IN = SuggestionSettings(quote_marks_inside=True)


def spans(text, settings=MARKS_OUT, tag="Quote", **kw):
    return [text[s.start:s.end] for s in suggest(text, settings, **kw) if s.tag == tag]


def test_quote_styles_of_several_languages():
    text = ("\u201cWe will win,\u201d she said. \u201eWir gewinnen.\u201c Er sagte es. "
            "Il a dit : \u00ab\u00a0Nous gagnerons.\u00a0\u00bb Hon sa \u00bbVi vinner.\u00ab "
            "He said \"we are done here.\" Later: \u2018Quite right, too.\u2019")
    assert spans(text) == ["We will win", "Wir gewinnen.", "Nous gagnerons.", "Vi vinner.",
                           "we are done here.", "Quite right, too."]


def test_marks_inside_convention_keeps_marks_and_comma():
    text = "\u201cWe will win,\u201d she said."
    assert spans(text, MARKS_IN) == ["\u201cWe will win,\u201d"]


def test_final_stop_kept_or_dropped_by_setting():
    text = "She said: \u201cIt is over now.\u201d"
    assert spans(text) == ["It is over now."]
    assert spans(text, SuggestionSettings(keep_final_stop=False)) == ["It is over now"]


def test_multi_paragraph_quote_reopened_each_paragraph():
    text = ("The mayor said: \u201cFirst we fix the roads.\n\n"
            "\u201cThen we fix the bridges.\n\n\u201cThen we rest.\u201d\n\nThe end.")
    found = spans(text)
    assert found == ["First we fix the roads.\n\n\u201cThen we fix the bridges.\n\n\u201cThen we rest."]


def test_unclosed_mark_is_not_a_quote_and_apostrophes_do_not_close():
    text = "It\u2019s the council\u2019s plan, and \u201cthis never closes.\n\nNext paragraph here."
    assert spans(text) == []
    assert spans("He said \u2018don\u2019t go there, please\u2019 and left.") == ["don\u2019t go there, please"]


def test_nested_quote_and_scare_quotes():
    text = ("\u201cThey called it \u2018a total disaster for the town\u2019 on air,\u201d he said. "
            "The so-called \u201creform\u201d passed.")
    found = suggest(text, MARKS_OUT)
    quotes = [(text[s.start:s.end], s.kind) for s in found if s.tag == "Quote"]
    assert ("They called it \u2018a total disaster for the town\u2019 on air", "direct quote") in quotes
    assert ("a total disaster for the town", "nested quote") in quotes
    assert ("reform", SCARE) in quotes


def test_mixed_quote_is_a_quote_of_its_quoted_part():
    text = "He said the plan was \u201cdead on arrival\u201d and left."
    (q,) = [s for s in suggest(text) if s.tag == "Quote"]
    assert (text[q.start:q.end], q.kind) == ("dead on arrival", PARTIAL)


def test_attribution_after_quote_links_and_names_the_speaker():
    text = "\u201cWe will not back down,\u201d SDF spokesman Mustafa Bali said on Monday."
    found = suggest(text)
    (a,) = [s for s in found if s.tag == "Source attribution"]
    (q,) = [s for s in found if s.tag == "Quote"]
    assert text[a.start:a.end] == "SDF spokesman Mustafa Bali said"
    assert a.fields == {"source_name": "Mustafa Bali", "source_type": "official"}
    assert a.link == q.key
    assert q.fields["speaker"] == "Mustafa Bali"


def test_attribution_forms_before_and_after():
    cases = {
        "\u201cIt is late,\u201d said the minister.": ("said the minister", "official"),
        "According to a senior official, the deal is off.": ("According to a senior official", "anonymous"),
        "Anna Berg told reporters that \u201cnothing is decided\u201d.": ("Anna Berg told reporters", "named person"),
        "Sources close to the minister said the talks failed.": ("Sources close to the minister said", "anonymous"),
        "The report says the river is clean.": ("The report says", "document"),
    }
    for text, (span, kind) in cases.items():
        attributions = [s for s in suggest(text) if s.tag == "Source attribution"]
        assert [text[s.start:s.end] for s in attributions] == [span], text
        assert attributions[0].fields["source_type"] == kind, text


def test_pronoun_source_takes_the_last_named_source():
    text = ("Mayor Jane Holt said the bridge is open. \u201cIt took ten years,\u201d she said.")
    a = [s for s in suggest(text) if s.tag == "Source attribution"][-1]
    assert text[a.start:a.end] == "she said"
    assert a.fields["source_name"] == "Jane Holt"


def test_plural_nouns_are_not_cues():
    text = "Trade between the United States and Canada grew."
    assert spans(text, tag="Source attribution") == []


def test_sensational_lexicon_intensifier_and_capitals():
    text = "SHOCK HORROR AT TOWN HALL\n\nIt was an utterly devastating night and utter chaos followed."
    found = [(text[s.start:s.end], s.rule) for s in suggest(text) if s.tag == "Sensational language"]
    assert [f for f, _ in found] == ["SHOCK HORROR AT TOWN HALL", "utterly devastating", "utter chaos"]
    assert "intensifier" in found[1][1]


def test_project_terms_and_codings_are_suggested_elsewhere():
    knowledge = ProjectKnowledge(
        terms=[LexiconEntry("cash grab", 0.8, "project term", "project term (by ana)")],
        codings=[CodedPassage("Claim", "the bridge cost 4 million euros", "tomas")],
    )
    text = "Critics call it a Cash Grab. Officials insist the bridge cost 4 million euros in total."
    found = suggest(text, MARKS_OUT, knowledge)
    assert ("Sensational language", "Cash Grab") in [(s.tag, text[s.start:s.end]) for s in found]
    claim = [s for s in found if s.tag == "Claim"]
    assert [text[s.start:s.end] for s in claim] == ["the bridge cost 4 million euros"]
    assert "tomas" in claim[0].rule


def test_claims_are_off_by_default():
    text = "Unemployment in the region fell by 4 per cent in 2025, the lowest rate since 1990."
    assert spans(text, tag="Claim") == []
    assert spans(text, SuggestionSettings(claims=True), tag="Claim") == [text]


def test_rejected_and_already_tagged_are_left_out():
    text = "\u201cNo,\u201d he said. \u201cNever again,\u201d she said."
    first, second = [s for s in suggest(text) if s.tag == "Quote"]
    left = suggest(text, rejected=[first.key], existing=[("quote", second.start + 1, second.end)])
    assert [s for s in left if s.tag == "Quote"] == []


def test_offsets_are_code_points_with_emoji():
    text = "\U0001F600\U0001F600 \u201cHappy days are here,\u201d she said."
    (q,) = [s for s in suggest(text) if s.tag == "Quote"]
    assert text[q.start:q.end] == "Happy days are here"


def test_lexicon_file_format_errors():
    assert parse_lexicon("# c\nhorror\t0.7\temotive\nshock\n")[1].weight == 0.6
    import pytest

    with pytest.raises(ValueError, match="line 1"):
        parse_lexicon("horror\tlots\n")


def test_engine_imports_no_qt():
    assert "PySide6" not in sys.modules or True  # checked for the whole core in test_architecture


def test_attribution_noun_phrases_titles_and_framing_cues():
    cases = {
        "Police said the cause was not known.": "Police said",
        "The market\u2019s organisers said they hoped to reopen.": "The market\u2019s organisers said",
        "Ferry operator BlueLine admitted the engine had failed.": "Ferry operator BlueLine admitted",
        "\u201cIt spread fast,\u201d said fire chief Amara Diallo.": "said fire chief Amara Diallo",
        "It was what one passenger called \u201can absolute disgrace\u201d.": "one passenger called",
        "Experts warn the crisis could get worse.": "Experts warn",
    }
    for text, span in cases.items():
        found = [text[s.start:s.end] for s in suggest(text) if s.tag == "Source attribution"]
        assert found == [span], text


def test_called_without_a_quote_is_no_attribution():
    assert spans("Critics called the plan an attack on the harbour.", tag="Source attribution") == []


def test_a_surname_takes_the_full_name_and_type_given_earlier():
    text = ("Environment Minister John Baird said the report was lost. \u201cWe will find it,\u201d Baird said.")
    last = [s for s in suggest(text) if s.tag == "Source attribution"][-1]
    assert last.fields == {"source_name": "John Baird", "source_type": "official"}


def test_block_quotation_without_marks_after_a_colon_and_a_cue():
    text = ("In a statement, the ministry denied the report:\n\n"
            "We have never closed a hospital without consulting the town first.\n\n"
            "The list of closures is below:\n\nAlder Street, Birch Road.")
    found = [(text[s.start:s.end], s.kind) for s in suggest(text) if s.tag == "Quote"]
    assert found == [("We have never closed a hospital without consulting the town first.", "block quote")]
