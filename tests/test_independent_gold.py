"""The blind gold in tests/suggestion_gold/independent and the blind test set in
tests/suggestion_gold/test_set load the way the other gold does, and every passage is a span a
coder could mark under README's boundary conventions: found at its stated occurrence, no white
space or quotation marks at its edges, and a tag and fields the news codebook has."""

import importlib.util
import json
from pathlib import Path

import pytest

from annotator.core.codebook import news_codebook
from annotator.core.model import FieldType

ROOT = Path(__file__).resolve().parents[1]
# Both were written and hand-coded blind; test_set/ is the one nobody may tune rules on.
FOLDERS = [ROOT / "tests" / "suggestion_gold" / name for name in ("independent", "test_set")]
blind_folders = pytest.mark.parametrize("folder", FOLDERS, ids=lambda path: path.name)
QUOTE_MARKS = "\"'“”‘’«»„‚"


def _loader():
    spec = importlib.util.spec_from_file_location("suggestion_gold", ROOT / "tests" / "suggestion_gold" / "load.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.load_gold


def _entries(folder: Path) -> list[dict]:
    return json.loads((folder / "gold.json").read_text(encoding="utf-8"))["annotations"]


@blind_folders
def test_it_loads_like_the_other_gold_and_each_span_is_its_passage(folder):
    gold, texts = _loader()(folder)
    entries = _entries(folder)
    assert len(gold) == len(entries)
    assert sorted(texts) == sorted(p.name for p in folder.glob("*.txt"))
    for span, entry in zip(gold, entries):
        assert texts[entry["article"]][span.start : span.end] == entry["passage"]


@blind_folders
def test_every_occurrence_is_there_and_no_passage_is_coded_twice(folder):
    seen = set()
    for entry in _entries(folder):
        text = (folder / entry["article"]).read_text(encoding="utf-8")
        assert text.count(entry["passage"]) >= entry["occurrence"] >= 1, entry
        key = (entry["article"], entry["tag"], entry["passage"], entry["occurrence"])
        assert key not in seen, entry
        seen.add(key)


@blind_folders
def test_each_passage_keeps_the_boundary_conventions(folder):
    for entry in _entries(folder):
        passage, tag = entry["passage"], entry["tag"]
        assert passage == passage.strip() and passage, entry
        if tag == "Quote":
            assert passage[0] not in QUOTE_MARKS and passage[-1] not in QUOTE_MARKS, entry
            assert passage[-1] not in ",:;", entry  # a closing comma or colon stays outside
        elif tag == "Claim":
            assert passage[-1] in ".?!", entry  # the whole sentence, final stop included
        else:
            assert passage[-1] not in ".,:;", entry


@blind_folders
def test_tags_and_fields_are_the_news_codebooks(folder):
    tags = {tag.name: {f.name: f for f in tag.fields} for tag in news_codebook()}
    for entry in _entries(folder):
        assert entry["tag"] in tags, entry
        for name, value in entry.get("fields", {}).items():
            spec = tags[entry["tag"]][name]
            if spec.type is FieldType.CHOICE:
                assert value in spec.choices, entry
            elif spec.type is FieldType.YESNO:
                assert isinstance(value, bool), entry


@blind_folders
def test_the_articles_are_headline_then_paragraphs_of_news_length(folder):
    for path in folder.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert 700 <= len(text.split()) <= 1000, path.name
        headline, _, body = text.partition("\n\n")
        assert "\n" not in headline and body.strip(), path.name
