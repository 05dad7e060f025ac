"""Suggestions in a project: accept (an ordinary add, one undo step), reject, the project's
codings, corpus runs, and ``annotator suggest`` with ``--evaluate``."""

import json

import pytest

from annotator.actions import editing
from annotator.actions import suggestions as sg
from annotator.actions.history import History
from annotator.cli.main import main
from annotator.core.model import NewArticle
from annotator.core.text import normalise_text
from annotator.storage import Project

TEXT = normalise_text(
    "Bridge row deepens\n\n"
    "\u201cWe will not back down,\u201d council spokesman Erik Lund said on Tuesday.\n\n"
    "Critics called the plan an outrageous attack on the harbour. According to a senior "
    "engineer, the repairs will take a year.\n\n"
    "\u201cIt is a shambles,\u201d said Mira Ostby, who runs a cafe nearby."
)
OTHER = normalise_text("Harbour news\n\nAn outrageous attack on the harbour, residents say. The repairs will take a year.")


@pytest.fixture
def study(tmp_path):
    path = tmp_path / "study.annotator"
    with Project.create(path) as p:
        p.articles.add(NewArticle(text=TEXT, title="Bridge row"))
        p.articles.add(NewArticle(text=OTHER, title="Harbour"))
    return path


def _ids(p):
    by_title = {a.title: a.id for a in p.articles.iter_all()}
    return by_title["Bridge row"], by_title["Harbour"]


def _find(found, tag, text_part, text=TEXT):
    return next(s for s in found if s.tag == tag and text_part in text[s.start:s.end])


def test_accept_is_one_add_with_fields_link_and_exact_span(study):
    with Project.open(study) as p:
        bridge, _ = _ids(p)
        history = History(p)
        found = sg.for_article(p, bridge, "ana")
        quote = _find(found, "Quote", "We will not")
        attribution = _find(found, "Source attribution", "Erik Lund")
        history.push(sg.accept(p, bridge, quote, "ana", others=found))
        change = history.push(sg.accept(p, bridge, attribution, "ana", others=found))
        (added,) = change.added
        assert (added.start, added.end) == (attribution.start, attribution.end)  # not re-snapped
        assert added.fields == {"source_name": "Erik Lund", "source_type": "official"}
        quote_annotation = p.annotations.get(added.linked_id)
        assert quote_annotation.text == "We will not back down"
        assert quote_annotation.fields == {"quote_type": "direct", "speaker": "Erik Lund"}
        # accepted suggestions no longer show; undo brings the attribution back as a suggestion
        assert attribution not in sg.for_article(p, bridge, "ana")
        history.undo()
        assert attribution in sg.for_article(p, bridge, "ana")
        assert len(p.annotations.for_article(bridge)) == 1


def test_accepting_the_quote_after_its_attribution_links_them(study):
    with Project.open(study) as p:
        bridge, _ = _ids(p)
        found = sg.for_article(p, bridge, "ana")
        attribution = _find(found, "Source attribution", "Erik Lund")
        quote = _find(found, "Quote", "We will not")
        sg.accept(p, bridge, attribution, "ana", others=found)
        change = sg.accept(p, bridge, quote, "ana", others=found)
        assert len(change.added) == 1 and len(change.updated) == 1
        (_, relinked), = change.updated
        assert relinked.linked_id == change.added[0].id
        editing.revert(p, change)
        assert p.annotations.get(relinked.id).linked_id is None


def test_rejected_does_not_come_back_for_that_coder_only(study):
    with Project.open(study) as p:
        bridge, _ = _ids(p)
        found = sg.for_article(p, bridge, "ana")
        loaded = _find(found, "Sensational language", "outrageous")
        sg.reject(p, bridge, loaded, "ana")
    with Project.open(study) as p:
        assert loaded not in sg.for_article(p, bridge, "ana")
        assert loaded in sg.for_article(p, bridge, "ben")


def test_accept_all_of_a_tag_is_one_undo_step(study):
    with Project.open(study) as p:
        bridge, _ = _ids(p)
        found = sg.for_article(p, bridge, "ana")
        quotes = [s for s in found if s.tag == "Quote"]
        assert len(quotes) == 2
        history = History(p)
        history.push(sg.accept_all(p, bridge, quotes, "ana"))
        assert len(p.annotations.for_article(bridge, ["ana"])) == 2
        history.undo()
        assert p.annotations.for_article(bridge) == []


def test_codings_suggested_elsewhere_any_coder_or_self_only(study):
    with Project.open(study) as p:
        bridge, harbour = _ids(p)
        claim = p.codebook.by_name("Claim")
        start = TEXT.index("the repairs will take a year")
        editing.add_annotation(p, bridge, claim.id, start, start + len("the repairs will take a year"), "tomas")
        found = sg.for_article(p, harbour, "ana")
        assert [OTHER[s.start:s.end] for s in found if s.tag == "Claim"] == ["The repairs will take a year"]
        assert [s for s in sg.for_article(p, harbour, "ana", blind=True) if s.tag == "Claim"] == []
        settings = p.suggestions.settings()
        settings.codings_from = "self"
        p.suggestions.save_settings(settings)
        assert [s for s in sg.for_article(p, harbour, "ana") if s.tag == "Claim"] == []
        assert [s for s in sg.for_article(p, harbour, "tomas") if s.tag == "Claim"] != []


def test_project_terms_extend_the_lexicon(study):
    with Project.open(study) as p:
        _, harbour = _ids(p)
        p.suggestions.add_term("Harbour news", "ana", 0.9)
        found = sg.for_article(p, harbour, "ana")
        assert "Harbour news" in [OTHER[s.start:s.end] for s in found if s.tag == "Sensational language"]


def test_corpus_run_stores_and_can_be_cancelled(study):
    with Project.open(study) as p:
        calls = []
        assert sg.run_corpus(p, progress=lambda d, t: calls.append((d, t)), cancelled=lambda: len(calls) >= 1) == 1
        assert sg.run_corpus(p) == 1  # only the article the cancelled run left
        assert sg.run_corpus(p) == 0
        bridge, _ = _ids(p)
        key = sg.fingerprint(p.suggestions.settings(), sg.knowledge_for(p, "ana"))
        assert p.suggestions.stored(bridge, key)


def test_cli_prints_and_json(study, capsys):
    assert main(["suggest", str(study), "--tag", "Quote"]) == 0
    out = capsys.readouterr().out
    assert "We will not back down" in out and "Erik Lund" in out
    assert main(["suggest", str(study), "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert {d["tag"] for a in data for d in a["suggestions"]} >= {"Quote", "Source attribution"}


def test_cli_evaluate_against_jsonl_and_another_annotator(study, tmp_path, capsys):
    with Project.open(study) as p:
        bridge, _ = _ids(p)
        quote = p.codebook.by_name("Quote")
        start = TEXT.index("We will")
        editing.add_annotation(p, bridge, quote.id, start, start + len("We will not back down"), "gold")
    gold = tmp_path / "gold.jsonl"
    start = TEXT.index("It is a shambles")
    gold.write_text(json.dumps({"text": TEXT, "tag": "quote", "start": start, "end": start + 16}) + "\n")
    assert main(["suggest", str(study), "--evaluate", str(gold), "--tag", "Quote", "--json"]) == 0
    (row, total) = json.loads(capsys.readouterr().out)
    assert row["exact"]["recall"] == 1.0 and row["one_key_share"] == 1.0
    assert main(["suggest", str(study), "--evaluate", "gold"]) == 0
    assert "Quote" in capsys.readouterr().out


@pytest.mark.parametrize("content, message", [
    ("not json\n", "line 1: not JSON"),
    ('{"tag": "Quote", "start": 5, "end": 2, "article_id": "x"}\n', "line 1"),
    ('{"tag": "Quote", "start": 0, "end": 2}\n', "needs \"article_id\" or \"text\""),
    ('{"tag": "Quote", "start": 0, "end": 2, "article_id": "nope"}\n', "does not have"),
    ("", "no gold spans"),
])
def test_bad_gold_is_one_line_exit_2(study, tmp_path, capsys, content, message):
    gold = tmp_path / "gold.jsonl"
    gold.write_text(content)
    assert main(["suggest", str(study), "--evaluate", str(gold)]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err and len(err.strip().splitlines()) == 1


def test_unknown_article_tag_or_annotator_is_one_line(study, capsys):
    assert main(["suggest", str(study), "--article", "zzz"]) == 2
    assert main(["suggest", str(study), "--tag", "Nope"]) == 2
    assert main(["suggest", str(study), "--evaluate", "nobody"]) == 2
    assert "Traceback" not in capsys.readouterr().err


def test_cli_set_changes_a_codebook_setting_and_keeps_it(study, capsys):
    assert main(["suggest", str(study), "--set", "quote_marks_inside=true", "--tag", "Quote", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    texts = [s["text"] for a in data for s in a["suggestions"]]
    assert "\u201cWe will not back down,\u201d" in texts
    with Project.open(study) as p:
        assert p.suggestions.settings().quote_marks_inside is True


@pytest.mark.parametrize("pair, message", [
    ("bogus=1", "expected NAME=VALUE"), ("claims=perhaps", "not true or false"),
    ("min_confidence=2", "between 0 and 1"), ("codings_from=all", "any, self or none"),
])
def test_cli_bad_setting_is_one_line(study, capsys, pair, message):
    assert main(["suggest", str(study), "--set", pair]) == 2
    err = capsys.readouterr().err
    assert message in err and "Traceback" not in err
    with Project.open(study) as p:
        assert p.suggestions.settings() == type(p.suggestions.settings())()
