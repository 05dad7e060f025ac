"""Rules of session 3, written from how news and tabloid English work in general (not from an
article scored here): loaded terms side by side are one phrase, tabloid idioms, credits in
capitals, terms inside names, plural possessives in a source's name, bystanders as anonymous
sources, and claims with numbers spelled out but not inside quotations."""

from annotator.core.suggestions.engine import suggest
from annotator.core.suggestions.model import SuggestionSettings

CLAIMS = SuggestionSettings(claims=True)


def found(text, tag, settings=SuggestionSettings()):
    return [text[s.start:s.end] for s in suggest(text, settings) if s.tag == tag]


def test_loaded_terms_one_space_apart_are_one_phrase():
    text = "Headline\n\nIt was a shocking betrayal and a living hell, and the fire was a horror blaze."
    assert found(text, "Sensational language") == ["shocking betrayal", "living hell", "horror blaze"]


def test_tabloid_idioms_and_intensifiers_across_topics():
    text = ("Headline\n\nFamilies fled for their lives as the flames tore through the estate. "
            "The bill was eye-watering, the service an absolute shambles, and the boss was slammed by fans.")
    assert found(text, "Sensational language") == [
        "fled for their lives", "tore through", "eye-watering", "absolute shambles", "slammed"]


def test_neutral_words_with_a_loaded_sense_stay_quiet_in_plain_reporting():
    text = ("Headline\n\nThe blaze was put out by firefighters. Prices soared after the storm, and a "
            "backlash followed. He got sick, and the elite unit left the historic town centre.")
    assert found(text, "Sensational language") == []


def test_credits_and_names_in_capitals_are_not_shouting():
    text = ("Headline\n\nThe mayor spoke. PHOTOGRAPH BY JANE DOE FOR THE DAILY NEWS\n"
            "KENNETH PREWITT wrote the report. Then he said it was TOTAL CHAOS AT THE DEPOT.")
    assert found(text, "Sensational language") == ["TOTAL CHAOS AT THE DEPOT"]


def test_a_term_capitalised_inside_a_sentence_is_part_of_a_name():
    text = ("Headline\n\nAnalysts at the International Crisis Group said so. Chaos followed.\n\n"
            "Terror On The Pier\n\nThe Horror Channel aired it.")
    assert found(text, "Sensational language") == ["Chaos", "Terror"]


def test_a_plural_possessive_stays_inside_the_source_name():
    text = ("Class sizes grew, according to a report published by the Northvale Teachers\u2019 Union. "
            "The workers' union said it would strike.")
    assert found(text, "Source attribution") == [
        "according to a report published by the Northvale Teachers\u2019 Union", "The workers' union said"]


def test_bystanders_are_anonymous_sources():
    text = "\u201cIt was like a war zone,\u201d one onlooker said. \u201cWe ran,\u201d a pal told reporters."
    found_ = [s for s in suggest(text) if s.tag == "Source attribution"]
    assert [text[s.start:s.end] for s in found_] == ["one onlooker said", "a pal told reporters"]
    assert {s.fields["source_type"] for s in found_} == {"anonymous"}


def test_claims_count_spelled_out_numbers_shares_and_relative_dates():
    text = ("Headline\n\nThree people were taken to hospital last night. "
            "Nearly half of the town's homes lost power two days ago. "
            "The council said it was sorry.")
    assert found(text, "Claim", CLAIMS) == [
        "Three people were taken to hospital last night.",
        "Nearly half of the town's homes lost power two days ago."]


def test_details_inside_a_quotation_are_the_speakers_not_a_claim():
    text = ("Headline\n\n\u201cWe lost two teaching assistants this year,\u201d Ms Okafor said. "
            "The district lost two teaching assistants this year.")
    assert found(text, "Claim", CLAIMS) == ["The district lost two teaching assistants this year."]


def test_an_unnamed_source_with_a_relative_clause_and_an_age_noun():
    text = ("A neighbour, who did not want to be named, said: \u201cWe heard a bang.\u201d "
            "\u201cI thought I would die,\u201d said the 27-year-old.")
    found_ = [s for s in suggest(text) if s.tag == "Source attribution"]
    assert [text[s.start:s.end] for s in found_] == [
        "A neighbour, who did not want to be named, said", "said the 27-year-old"]
    assert {s.fields["source_type"] for s in found_} == {"anonymous"}


def test_tabloid_cues_next_to_a_quote_a_name_after_a_comma_and_the_passive():
    text = ("\u201cI\u2019m not going anywhere,\u201d he vowed. "
            "\u201cWe\u2019re devastated,\u201d said Sarah\u2019s dad, Mike. "
            "He was branded a \u201cmonster\u201d by the judge.")
    found_ = [s for s in suggest(text) if s.tag == "Source attribution"]
    assert [text[s.start:s.end] for s in found_] == ["he vowed", "said Sarah\u2019s dad, Mike"]
    assert found_[1].fields["source_name"] == "Mike"


def test_a_headline_in_capitals_is_one_passage_without_its_opening_quotation():
    assert found("FURY AT COUNCIL\u2019S \u00a32M \u2018VANITY\u2019 PROJECT\n\nBody.", "Sensational language") == [
        "FURY AT COUNCIL\u2019S \u00a32M \u2018VANITY\u2019 PROJECT"]
    text = "\u2018I THOUGHT I WOULD DIE\u2019: GRAN\u2019S TERROR AS FLAMES ENGULF FLAT\n\nBody."
    assert found(text, "Sensational language") == ["GRAN\u2019S TERROR AS FLAMES ENGULF FLAT"]
    assert found(text, "Quote") == ["I THOUGHT I WOULD DIE"]


def test_a_nested_quote_is_still_suggested_once_its_outer_quote_is_tagged():
    text = "\u201cHe told me, \u2018You will never work again,\u2019 and walked off,\u201d she said."
    outer = next(s for s in suggest(text) if s.tag == "Quote" and s.kind == "direct quote")
    left = [text[s.start:s.end] for s in suggest(text, existing=[outer.key]) if s.tag == "Quote"]
    assert left == ["You will never work again"]


def test_loaded_words_in_quotations_are_the_speakers_unless_the_codebook_says_otherwise():
    text = ("Headline\n\n\u201cIt was a living hell,\u201d she said, after the shocking night. "
            "He called it \u201can absolute disgrace\u201d.")
    assert found(text, "Sensational language") == ["shocking"]
    assert found(text, "Sensational language", SuggestionSettings(sensational_in_quotes=True)) == [
        "living hell", "shocking", "absolute disgrace"]


def attributions(text):
    return found(text, "Source attribution")


def test_documents_and_the_papers_own_reporting_as_sources():
    text = ("Drivers have been overcharged for years, the Gazette can reveal. "
            "A study commissioned by this newspaper found that prices rose. "
            "An audit by the Regional Water Board, published in May, said leaks were rising. "
            "A leaked memo, seen by the Gazette, said the plant would close. "
            "A body was found on the beach. Tests found high levels of lead.")
    assert attributions(text) == [
        "the Gazette can reveal", "A study commissioned by this newspaper found",
        "An audit by the Regional Water Board, published in May, said",
        "A leaked memo, seen by the Gazette, said", "Tests found"]


def test_where_it_was_said_and_who_heard_it_belong_to_the_cue():
    text = ("\u201cIt is over,\u201d the singer told her 3.5 million TikTok fans. "
            "The company\u2019s lawyer, Ana Ruiz, said in a statement that it would appeal. "
            "Residents last night warned that the bridge was unsafe. "
            "The minister angrily told reporters he would not resign.")
    assert attributions(text) == [
        "the singer told her 3.5 million TikTok fans", "The company\u2019s lawyer, Ana Ruiz, said in a statement",
        "Residents last night warned", "The minister angrily told reporters"]


def test_sources_after_the_cue_keep_their_age_home_and_what_they_are_close_to():
    text = ("\u201cWe lost everything,\u201d said Tom Hale, 52, from Dunmore. "
            "The deal is off, according to a source close to the talks. "
            "It doubled, according to data obtained under the Freedom of Information Act.")
    assert attributions(text) == [
        "said Tom Hale, 52, from Dunmore", "according to a source close to the talks",
        "according to data obtained under the Freedom of Information Act"]


def test_relative_pronouns_passives_and_what_clauses():
    text = ("The closure angered parents, who say the school was never consulted. "
            "Shoppers warned over fake bank notes\n\n"
            "The box did not contain what its label claimed. "
            "The census wrongly added two towns.")
    assert attributions(text) == ["parents, who say"]


def test_reported_speech_is_an_indirect_quote_without_that_and_the_final_stop():
    text = ("The ferry company said the engine had failed twice. "
            "The mayor announced on Friday that the bridge would close, and the police chief said she "
            "would send more officers. "
            "Two men were seen running from the shop, witnesses said. "
            "She told him to leave. The minister said she was \u201cappalled\u201d. "
            "According to the report, prices rose by half. Tests found the water was unsafe.")
    found_ = [s for s in suggest(text) if s.tag == "Quote"]
    assert [text[s.start:s.end] for s in found_] == [
        "the engine had failed twice", "the bridge would close", "she would send more officers",
        "Two men were seen running from the shop", "appalled"]
    assert found_[0].fields == {"quote_type": "indirect", "speaker": "ferry company"}
    ferry = next(s for s in suggest(text) if s.tag == "Source attribution")
    assert ferry.link == found_[0].key
    assert found(text, "Quote", SuggestionSettings(indirect_quotes=False)) == ["appalled"]


def test_a_name_in_quotation_marks_is_not_a_quote():
    text = "Inspectors found \u2018Happy Hens\u2019 eggs on sale. Critics called the plan \u2018reckless\u2019."
    assert found(text, "Quote") == ["reckless"]


def test_a_claim_is_the_writers_assertion_not_reported_speech_unless_the_codebook_says_so():
    text = ("Headline\n\nPolice said three men were arrested at 2.40am on Sunday. "
            "Striker Tom Vale, 22, said he would stay for the season. "
            "The dose was 30 micrograms, three times the label, according to the tests.")
    assert found(text, "Claim", CLAIMS) == [
        "The dose was 30 micrograms, three times the label, according to the tests."]
    assert found(text, "Claim", SuggestionSettings(claims=True, claims_in_reported_speech=True)) == [
        "Police said three men were arrested at 2.40am on Sunday.",
        "The dose was 30 micrograms, three times the label, according to the tests."]
