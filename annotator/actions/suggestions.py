"""Suggestions for the window and the command line: compute, store, accept, reject.

An accepted suggestion is an ordinary add operation (:func:`annotator.actions.editing.
add_annotation`'s change), with its span exactly as suggested (never re-snapped), its
suggested fields and its link, so it is one undo step. A rejection is remembered per coder
and article and the suggestion does not come back for that coder there.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace

from annotator.actions import editing
from annotator.core.changes import Change, merged
from annotator.core.suggestions.codings import CodedPassage
from annotator.core.suggestions.engine import ProjectKnowledge, find_coded, select, suggest
from annotator.core.suggestions.model import ROLES, Suggestion, SuggestionSettings
from annotator.storage import Project

# Bump when a rule changes what it finds: stored runs from older rules become stale.
RULES_VERSION = "2"


def fingerprint(settings: SuggestionSettings, knowledge: ProjectKnowledge) -> str:
    """Names what a stored run depends on: rules, settings and the project's own terms."""
    terms = sorted((t.term.casefold(), t.weight) for t in knowledge.terms)
    raw = json.dumps([RULES_VERSION, settings.to_json(), terms], sort_keys=True)
    return hashlib.sha1(raw.encode()).hexdigest()[:16]


def knowledge_for(project: Project, annotator: str, settings: SuggestionSettings | None = None) -> ProjectKnowledge:
    """The project's terms and, as the settings allow, its codings: anyone's, or only this
    coder's (blind coding stays blind), or none."""
    settings = settings or project.suggestions.settings()
    codings: list[CodedPassage] = []
    if settings.codings_from != "none":
        who = annotator if settings.codings_from == "self" else None
        for tag, text, coder, fields in project.suggestions.coded_passages(who):
            try:
                values = tuple(sorted(json.loads(fields or "{}").items()))
            except (ValueError, AttributeError):
                values = ()
            codings.append(CodedPassage(tag, text, coder, values))
    return ProjectKnowledge(terms=project.suggestions.terms(), codings=codings)


def rule_suggestions(text: str, settings: SuggestionSettings, knowledge: ProjectKnowledge) -> list[Suggestion]:
    """The part of a run that depends only on the text, the settings and the project's terms
    (everything but its codings): what a corpus-wide run stores."""
    bare = ProjectKnowledge(terms=knowledge.terms, language=knowledge.language)
    bare._lexicon = knowledge.lexicon_matcher()
    return suggest(text, replace(settings, min_confidence=0.0, codings_from="none"), bare)


def for_article(project: Project, article_id: str, annotator: str, *,
                settings: SuggestionSettings | None = None, knowledge: ProjectKnowledge | None = None,
                tags: Iterable[str] | None = None, text: str | None = None, blind: bool = False) -> list[Suggestion]:
    """What ``annotator`` is offered in an article: the stored run when it is current (else
    computed now), the project's codings found again, minus what the coder rejected or has
    already tagged. ``tags`` limits the result to those tag names. ``blind`` (other coders'
    annotations are hidden from this coder) suggests only this coder's own codings."""
    settings = settings or project.suggestions.settings()
    if blind and settings.codings_from == "any":
        settings = replace(settings, codings_from="self")
    knowledge = knowledge or knowledge_for(project, annotator, settings)
    text = text if text is not None else project.articles.text(article_id)
    if text is None:
        raise editing.NotFoundError(f"no article {article_id}")
    found = project.suggestions.stored(article_id, fingerprint(settings, knowledge))
    if found is None:
        found = rule_suggestions(text, settings, knowledge)
    found = [*found, *find_coded(text, knowledge)]
    names = _tag_names(project)
    existing = [(names.get(tag_id, ""), start, end) for tag_id, start, end, _ in
                project.suggestions.coder_spans(article_id, annotator)]
    rejected = [(names.get(tag_id, ""), start, end) for tag_id, start, end in
                project.suggestions.rejected(article_id, annotator)]
    result = select(found, settings, existing, rejected)
    active = {t.name.casefold() for t in project.codebook.active()}
    result = [s for s in result if s.tag.casefold() in active]
    if tags is not None:
        wanted = {t.casefold() for t in tags}
        result = [s for s in result if s.tag.casefold() in wanted]
    return result


def run_corpus(project: Project, *, article_ids: Iterable[str] | None = None, annotator: str = "",
               progress: Callable[[int, int], None] | None = None,
               cancelled: Callable[[], bool] | None = None, force: bool = False) -> int:
    """Compute and store the rule suggestions of every article (or ``article_ids``) that has
    no current run; returns how many articles were run. ``progress(done, total)`` is called
    as it goes; ``cancelled()`` returning True stops it between articles (what was stored
    stays: it is correct, just not complete)."""
    settings = project.suggestions.settings()
    knowledge = ProjectKnowledge(terms=project.suggestions.terms())
    key = fingerprint(settings, knowledge)
    ids = list(article_ids) if article_ids is not None else project.articles.ids()
    if not force:
        done_already = project.suggestions.articles_with_run(key)
        ids = [i for i in ids if i not in done_already]
    for n, article_id in enumerate(ids):
        if cancelled is not None and cancelled():
            return n
        text = project.articles.text(article_id)
        if text is not None:
            project.suggestions.store(article_id, key, rule_suggestions(text, settings, knowledge))
        if progress is not None:
            progress(n + 1, len(ids))
    return len(ids)


def accept(project: Project, article_id: str, suggestion: Suggestion, annotator: str, *,
           text: str | None = None, others: Iterable[Suggestion] = ()) -> Change:
    """Add the suggestion as the coder's annotation, span as suggested, with its fields and
    its link (when the passage it points to is tagged already). Accepting a quote also links
    the coder's attribution annotations that were suggested for it. One change, one undo step."""
    tag = _tag_named(project, suggestion.tag)
    linked = _linked_annotation(project, article_id, annotator, suggestion.link)
    change = editing.add_annotation(
        project, article_id, tag.id, suggestion.start, suggestion.end, annotator,
        fields=_valid_fields(tag, suggestion.fields), linked_id=linked, text=text,
    )
    added = change.added[0]
    relinks = []
    for other in others:
        if other.link == suggestion.key:
            other_tag = project.codebook.by_name(other.tag)
            if other_tag is None:
                continue
            other_id = project.suggestions.annotation_at(article_id, other_tag.id, other.start, other.end, annotator)
            if other_id is not None:
                relinks.append(editing.set_link(project, other_id, added.id))
    relinks = [c for c in relinks if not c.empty]
    if relinks:
        change = merged(change.label, [change, *relinks])
    return replace(change, label=f"Accept suggested {tag.name}")


def accept_all(project: Project, article_id: str, suggestions: Iterable[Suggestion], annotator: str, *,
               text: str | None = None) -> Change:
    """Accept many suggestions (all of one tag, from a menu) in one transaction, one undo step.
    Overlapping suggestions of the same tag are all accepted: each is a passage."""
    suggestions = list(suggestions)
    text = text if text is not None else project.articles.text(article_id)
    parts: list[Change] = []
    with editing.transaction(project):
        for s in suggestions:
            parts.append(accept(project, article_id, s, annotator, text=text, others=suggestions))
    if not parts:
        return Change(label="Accept suggestions")
    tags = sorted({s.tag for s in suggestions})
    return _folded(f"Accept {len(parts)} suggested {', '.join(tags)}", parts)


def reject(project: Project, article_id: str, suggestion: Suggestion, annotator: str) -> None:
    """Remember that this coder does not want this suggestion in this article."""
    tag = _tag_named(project, suggestion.tag)
    project.suggestions.reject(article_id, annotator, tag.id, suggestion.start, suggestion.end)


def unreject(project: Project, article_id: str, suggestion: Suggestion, annotator: str) -> None:
    tag = _tag_named(project, suggestion.tag)
    project.suggestions.unreject(article_id, annotator, tag.id, suggestion.start, suggestion.end)


# -- helpers -------------------------------------------------------------------------------------


def _folded(label: str, parts: list[Change]) -> Change:
    """Parts may update an annotation a previous part added (a link): fold such updates into
    the added record so the change touches each annotation once."""
    added: dict[str, object] = {}
    order: list[str] = []
    updated: list = []
    statuses = []
    for part in parts:
        for a in part.added:
            added[a.id] = a
            order.append(a.id)
        for before, after in part.updated:
            if after.id in added:
                added[after.id] = after
            else:
                updated.append((before, after))
        statuses.extend(s for s in part.statuses if all(s.article_id != t.article_id for t in statuses))
    return Change(label=label, added=tuple(added[i] for i in order), updated=tuple(updated), statuses=tuple(statuses))


def _tag_names(project: Project) -> dict[str, str]:
    return {t.id: t.name for t in project.codebook.tags()}


def _tag_named(project: Project, name: str):
    tag = project.codebook.by_name(name)
    if tag is None or tag.retired:
        raise editing.InvalidAnnotationError(f"the codebook has no active tag {name!r} for this suggestion")
    return tag


def _valid_fields(tag, fields: dict) -> dict:
    """Only the fields the tag has, and choice values among its choices."""
    out = {}
    for name, value in fields.items():
        f = tag.field_named(name)
        if f is None or value in ("", None):
            continue
        if f.choices and value not in f.choices:
            continue
        out[name] = value
    return out


def _linked_annotation(project: Project, article_id: str, annotator: str, link) -> str | None:
    if not link:
        return None
    tag = project.codebook.by_name(link[0])
    if tag is None:
        return None
    return project.suggestions.annotation_at(article_id, tag.id, link[1], link[2], annotator)


# -- settings, terms, rejections (what the window's Suggestions menu changes) ------------------


def settings_of(project: Project) -> SuggestionSettings:
    """The project's (codebook-level) suggestion settings."""
    return project.suggestions.settings()


def set_setting(project: Project, **values) -> SuggestionSettings:
    """Change some settings (``quote_marks_inside=True`` ...); unknown names are refused."""
    settings = project.suggestions.settings()
    for name, value in values.items():
        if not hasattr(settings, name):
            raise ValueError(f"no suggestion setting {name!r}")
        setattr(settings, name, value)
    project.suggestions.save_settings(settings)
    return settings


def add_term(project: Project, term: str, added_by: str, weight: float = 0.7):
    """Add a loaded term the project's coders want suggested as sensational language."""
    return project.suggestions.add_term(term, added_by, weight)


def clear_rejections(project: Project, article_id: str, annotator: str) -> int:
    """Let this coder see what they rejected in this article again."""
    return project.suggestions.clear_rejections(article_id, annotator)


__all__ = ["ROLES", "accept", "accept_all", "add_term", "clear_rejections", "fingerprint", "for_article",
           "knowledge_for", "reject", "rule_suggestions", "run_corpus", "set_setting", "settings_of", "unreject"]
