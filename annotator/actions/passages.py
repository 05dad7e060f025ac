"""The coded-passage browser's operations: turn what a researcher typed into a filter, read pages
and counts, export the filtered list, copy it as text. Both the window and ``annotator
passages`` call these.

Names are resolved here (tags and fields by name in any case, outlets in any case), and every
bad value raises a :class:`PassageError` whose message is one line naming what the project
has instead.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from annotator.core.model import FieldType, Status, Tag
from annotator.core.passages import (
    ArticleCodeCondition,
    DateError,
    FieldCondition,
    Layer,
    Passage,
    PassageFilter,
    PassageSort,
    date_bounds,
    kwic_text,
    one_line,
)
from annotator.storage import Project
from annotator.storage.passage_queries import PassageQueries

PAGE = 1000  # rows per read when streaming the whole filtered list


class PassageError(ValueError):
    """A filter that cannot be applied; the message is one line a researcher can act on."""


@dataclass(frozen=True)
class FilterRequest:
    """A filter as typed: names and ``NAME=VALUE`` pairs, not ids."""

    tags: tuple[str, ...] = ()
    fields: tuple[str, ...] = ()  # "speaker=minister"
    annotators: tuple[str, ...] = ()
    outlets: tuple[str, ...] = ()
    date_from: str = ""
    date_to: str = ""
    statuses: tuple[str, ...] = ()
    variables: tuple[str, ...] = ()  # article-level: "tone=negative"
    layer: str = Layer.ALL.value
    search: str = ""
    search_context: bool = False


def queries(project: Project) -> PassageQueries:
    """The read-only queries behind the browser, for the window's lazy model."""
    return PassageQueries(project.db)


def resolve(project: Project, request: FilterRequest) -> PassageFilter:
    """The :class:`PassageFilter` for ``request``, or :class:`PassageError` on a bad value."""
    tags = project.codebook.tags()
    tag_ids = tuple(_tag(tags, name).id for name in request.tags)
    fields = tuple(field_condition(tags, pair) for pair in request.fields)
    known = set(project.annotations.annotators())
    for name in request.annotators:
        if name not in known:
            listed = ", ".join(sorted(known)) or "nobody yet"
            raise PassageError(f"no passages coded by {name!r} (coders: {listed})")
    outlets = PassageQueries(project.db).outlets()
    by_fold = {o.casefold(): o for o in outlets}
    for name in request.outlets:
        if name.casefold() not in by_fold:
            listed = ", ".join(outlets[:12]) + (", ..." if len(outlets) > 12 else "") or "none"
            raise PassageError(f"no articles from outlet {name!r} (outlets: {listed})")
    statuses = []
    for status in request.statuses:
        try:
            statuses.append(Status(status).value)
        except ValueError:
            raise PassageError(f"unknown status {status!r}; choose one of {', '.join(s.value for s in Status)}") from None
    try:
        layer = Layer(request.layer)
    except ValueError:
        raise PassageError(f"unknown layer {request.layer!r}; choose one of {', '.join(l.value for l in Layer)}") from None
    try:
        date_bounds(request.date_from, request.date_to)
    except DateError as error:
        raise PassageError(str(error)) from None
    return PassageFilter(
        tag_ids=tag_ids, fields=fields, annotators=tuple(request.annotators), layer=layer,
        outlets=tuple(request.outlets), date_from=request.date_from.strip(), date_to=request.date_to.strip(),
        statuses=tuple(statuses), search=request.search, search_context=request.search_context,
        article_codes=tuple(article_code_condition(project, pair) for pair in request.variables),
    )


def field_condition(tags: list[Tag], pair: str) -> FieldCondition:
    """``speaker=minister`` as a condition on the tags that have a field ``speaker``."""
    name, sep, value = pair.partition("=")
    name, value = name.strip(), value.strip()
    if not sep or not name:
        raise PassageError(f"--field {pair!r}: give it as NAME=VALUE, e.g. speaker=minister")
    text_tags, yesno_tags = [], []
    for tag in tags:
        for f in tag.fields:
            if f.name.casefold() == name.casefold():
                name = f.name
                (yesno_tags if f.type is FieldType.YESNO else text_tags).append(tag.id)
    if not text_tags and not yesno_tags:
        known = sorted({f.name for t in tags for f in t.fields}) or ["none"]
        raise PassageError(f"no tag has a field {name!r} (fields: {', '.join(known)})")
    if yesno_tags and not text_tags and value.lower() not in ("yes", "no"):
        raise PassageError(f"--field {pair!r}: {name} is a yes/no field; give yes or no")
    return FieldCondition(field=name, value=value, tag_ids=tuple(text_tags), yesno_tag_ids=tuple(yesno_tags))


def article_code_condition(project: Project, pair: str) -> ArticleCodeCondition:
    """``tone=negative`` as a condition on the passage's article: some coder set the article-level
    variable ``tone`` (any case) to ``negative`` (an option's label, a scale point's label or
    number, yes/no, a number, or a text in any case); for a several-of variable, that option is
    among those chosen."""
    from annotator.core import variable_values
    from annotator.core.variables import VariableError, VariableType

    name, sep, text = pair.partition("=")
    if not sep or not name.strip() or not text.strip():
        raise PassageError(f"--variable {pair!r}: give it as NAME=VALUE, e.g. tone=negative")
    # Looked up here rather than by the store's name query, which is SQLite's (COLLATE NOCASE).
    variables = project.variables.variables(include_retired=True)
    variable = next((v for v in variables if v.name.casefold() == name.strip().casefold()), None)
    if variable is None:
        names = ", ".join(v.name for v in variables if not v.retired) or "none (add one with annotator codebook --add-variable)"
        raise PassageError(f"no variable called {name.strip()!r}; variables: {names}")
    try:
        value = variable_values.parse(variable, text)
    except VariableError as error:
        raise PassageError(str(error)) from None
    if variable.type is VariableType.SEVERAL_OF:
        if len(value) != 1:
            raise PassageError(f"--variable {pair!r}: give one value of {variable.name} ({variable.allowed()}); "
                               "repeat --variable for alternatives")
        return ArticleCodeCondition(variable.id, value[0], several=True)
    return ArticleCodeCondition(variable.id, variable_values.encode(variable, value),
                                any_case=variable.type is VariableType.TEXT)


def variable_choices(project: Project) -> list[tuple[str, list[str]]]:
    """The article-level variables a filter may name, with the values to offer for each (option
    labels, yes and no; none for numbers and texts, which are typed), in codebook order."""
    from annotator.core.variables import VariableType

    out = []
    for variable in project.variables.variables(include_retired=True):
        if variable.type.has_options:
            offered = [o.label for o in variable.options]
        else:
            offered = ["yes", "no"] if variable.type is VariableType.YES_NO else []
        out.append((variable.name, offered))
    return out


def visible(f: PassageFilter, coder: str, blind: bool) -> PassageFilter:
    """``f`` under the project's visibility rule: in blind coding a coder sees only their own
    passages (and never the reviewed layer), whatever the filter chooses."""
    return f.with_changes(only_annotators=(coder,)) if blind else f.with_changes(only_annotators=None)


def iter_passages(project: Project, f: PassageFilter, sort: PassageSort = PassageSort.ARTICLE,
                  descending: bool = False) -> Iterator[Passage]:
    """Every passage ``f`` lets through, in order, read a page at a time."""
    q = PassageQueries(project.db)
    after = None
    while True:
        page = q.page(f, sort, descending, after=after, limit=PAGE)
        yield from page
        if len(page) < PAGE:
            return
        after = page[-1]


def tag_names(project: Project) -> dict[str, str]:
    return {t.id: t.name for t in project.codebook.tags()}


def field_text(passage: Passage) -> str:
    """The passage's field values as one line: ``speaker: the mayor; quote_type: direct``."""
    parts = []
    for name, value in passage.fields.items():
        if value in (None, ""):
            continue
        shown = "yes" if value is True else "no" if value is False else str(value)
        parts.append(f"{name}: {one_line(shown)}")
    return "; ".join(parts)


def as_json(passage: Passage, tag_name: str) -> dict:
    """One passage for ``annotator passages --json``."""
    return {
        "annotation_id": passage.id, "article_id": passage.article_id, "article_title": passage.title,
        "outlet": passage.outlet, "published": passage.published, "status": passage.status,
        "annotator": passage.annotator, "tag": tag_name, "start": passage.start, "end": passage.end,
        "text": passage.text, "context_before": passage.context_before,
        "context_after": passage.context_after, "note": passage.note, "fields": passage.fields,
    }


def as_text_lines(passages: Iterable[Passage], tags: dict[str, str], width: int = 50) -> Iterator[str]:
    """Tab-separated lines for the clipboard and the terminal: tag, coder, outlet, date, title,
    the keyword-in-context line, fields, note."""
    for p in passages:
        yield "\t".join((
            tags.get(p.tag_id, ""), p.annotator, one_line(p.outlet), p.published[:10], one_line(p.title),
            kwic_text(p, width), field_text(p), one_line(p.note),
        ))


def export_csv(project: Project, f: PassageFilter, destination: str | os.PathLike, *,
               excel: bool = False, formula_guard: bool = True, progress=None, cancelled=None) -> int:
    """Write the passages ``f`` lets through as annotations.csv through the registry's
    ``passages`` format (the same columns, the same formula guard, written beside the
    destination and moved into place); return the count."""
    from annotator.actions.export import export

    return export(project, "passages", destination, passages=f, excel=excel, formula_guard=formula_guard,
                  progress=progress, cancelled=cancelled).annotations


def _tag(tags: list[Tag], name: str) -> Tag:
    found = next((t for t in tags if t.name.casefold() == name.strip().casefold()), None)
    if found is None:
        raise PassageError(f"no tag named {name!r} (the codebook has: {', '.join(t.name for t in tags) or 'none'})")
    return found
