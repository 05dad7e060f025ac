"""Rules added after looking at Wikinews' misses and the real-window session: a quoted term
after a determiner, headlines in capitals across a colon, "according to" + any noun phrase,
tabloid speech verbs, a name in an apposition, claims found word by word, and long lines."""

from annotator.core.suggestions.engine import suggest
from annotator.core.suggestions.model import PARTIAL, SCARE, SuggestionSettings

CLAIMS = SuggestionSettings(claims=True)


def found(text, tag, settings=SuggestionSettings()):
    return [text[s.start:s.end] for s in suggest(text, settings) if s.tag == tag]


def kinds(text):
    return {text[s.start:s.end]: s.kind for s in suggest(text) if s.tag == "Quote"}


def test_quoted_words_after_a_determiner_are_a_term_even_with_a_cue():
    text = ("The army has been told to prepare a \u201cquasi-state of war\u201d. "
            "She called the plan \u201cdangerous\u201d.")
    assert kinds(text) == {"quasi-state of war": SCARE, "dangerous": PARTIAL}


def test_headline_in_capitals_runs_across_its_colon_but_body_labels_do_not():
    text = "PIER OF DOOM: TERROR AS BLAZE RIPS THROUGH ARCADE\n\nSECTION: NEWS\nLANGUAGE: ENGLISH\n"
    assert found(text, "Sensational language") == ["PIER OF DOOM: TERROR AS BLAZE RIPS THROUGH ARCADE"]


def test_according_to_takes_any_noun_phrase_up_to_the_comma():
    text = ("More than 300 people left, according to the county fire service. "
            "According to the report released yesterday, it fell. It went according to plan.")
    assert found(text, "Source attribution") == ["according to the county fire service",
                                                 "According to the report released yesterday"]


def test_tabloid_speech_verbs_are_cues_next_to_a_quote_only():
    text = ("\u201cThey let it rot,\u201d fumed retired teacher Graham Holt. "
            "\u201cNever again,\u201d she sobbed. The baby cried all night. Fans screamed as the band came.")
    assert found(text, "Source attribution") == ["fumed retired teacher Graham Holt", "she sobbed"]


def test_a_name_in_the_apposition_makes_the_phrase_before_it_a_source():
    text = "The pier\u2019s owners, Coastline Leisure, insisted it was safe. The minister, John Smith, said no."
    found_ = [s for s in suggest(text) if s.tag == "Source attribution"]
    assert [text[s.start:s.end] for s in found_] == ["The pier\u2019s owners, Coastline Leisure, insisted",
                                                      "The minister, John Smith, said"]
    assert [s.fields["source_name"] for s in found_] == ["Coastline Leisure", "John Smith"]


def test_claim_signals_found_in_hyphenated_and_possessive_words():
    text = ("Yesterday the record-breaking vote was held in the city hall of Westcombe. "
            "Last year\u2019s fire cost 4 per cent of the budget of the town. "
            "The mayor may visit in the autumn with the whole of the council.")
    rules = {text[s.start:s.end][:9]: s.rule for s in suggest(text, CLAIMS) if s.tag == "Claim"}
    assert rules == {"Yesterday": "checkable detail: a date, a comparison, a named event",
                     "Last year": "checkable detail: a number, a quantity or share, a date, a named event"}


def test_a_whole_article_on_one_line_is_read_like_one_with_paragraphs():
    # A pasted page with no line breaks: the block-quote rule once went quadratic on it.
    paragraphs = ["\u201cWe will rebuild,\u201d the mayor said. The pier burned for six hours."] * 400
    one_line = " ".join(paragraphs)
    assert len(found(one_line, "Quote")) == 400
    assert len(found(one_line, "Source attribution")) == 400


def test_capital_words_keep_their_apostrophes():
    text = "'I'M NOT A MONSTER': LOTTERY WINNER'S FURY AT NEIGHBOUR FEUD\n\nBody."
    assert "LOTTERY WINNER'S FURY AT NEIGHBOUR FEUD" in found(text, "Sensational language")


def test_who_saw_or_made_a_document_belongs_to_the_source():
    text = "It fell in January, according to documents seen by the Post. City records show a rise."
    found_ = [s for s in suggest(text) if s.tag == "Source attribution"]
    assert [text[s.start:s.end] for s in found_] == ["according to documents seen by the Post", "City records show"]
    assert [s.fields["source_type"] for s in found_] == ["document", "document"]


def test_show_is_a_cue_only_for_documents_and_found_never():
    text = "The children show their drawings. Sensitive document found on street. The data shows a rise."
    assert found(text, "Source attribution") == ["The data shows"]


def test_an_age_and_a_relative_clause_between_name_and_cue():
    text = ("Former bus driver Derek Nolan, 61, who scooped \u00a37.5 million in 2019, told this newspaper he was "
            "the victim. \"It is over,\" said one neighbour, who asked not to be named.")
    assert found(text, "Source attribution") == [
        "Former bus driver Derek Nolan, 61, who scooped \u00a37.5 million in 2019, told this newspaper",
        "said one neighbour"]


def test_sources_close_to_a_named_person_are_anonymous():
    text = "Sources close to Mr Nolan claim he has spent more than \u00a340,000."
    (source,) = [s for s in suggest(text) if s.tag == "Source attribution"]
    assert text[source.start:source.end] == "Sources close to Mr Nolan claim"
    assert source.fields["source_type"] == "anonymous"
