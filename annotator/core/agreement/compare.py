"""Agreement between coders: the one entry point, :func:`compare`.

What is measured, for every pair of the chosen coders, over the articles both coded:

* Cohen's kappa and Krippendorff's alpha (nominal) over characters. Every character of those
  articles is a unit, uncoded characters included. Per tag, a character's category is "covered
  by this tag or not". Overall, its category is the *set* of tags covering it (none, {Claim},
  {Claim, Quote}, ...), so when one coder stacks two tags on a passage and the other one, that
  is a disagreement overall while the per-tag figures judge each tag separately.
* Span precision, recall and F1 with A (the first coder of the pair) as the reference, with
  exact boundaries and with overlap (see :mod:`annotator.core.agreement.spans`).

Across all chosen coders: Krippendorff's alpha over the articles at least two of them coded
(a character counts once per coder who coded its article). An article counts as coded by a
coder when the coder has at least one span in it (or it is named in ``ArticleCoding.coders``);
articles coded by only one coder of a pair are excluded from that pair and counted.
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations

import numpy as np

from annotator.core.agreement import characters as ch
from annotator.core.agreement.model import (
    ALL_TAGS,
    NONE_LABEL,
    AgreementReport,
    ArticleAgreement,
    ArticleCoding,
    Confusion,
    GroupAlpha,
    PairAgreement,
    SpanScores,
    TagAgreement,
)
from annotator.core.agreement.spans import match_exact, match_overlap


def compare(
    articles: Sequence[ArticleCoding],
    annotators: Sequence[str],
    *,
    tags: Sequence[str] | None = None,
    per_article: bool = False,
) -> AgreementReport:
    """Measure agreement between ``annotators`` (two or more) over ``articles``.

    ``tags`` restricts (and orders) the tags measured; spans of other tags are ignored, but
    still make an article count as coded. By default every tag the coders used, sorted.
    ``per_article`` adds an :class:`ArticleAgreement` per measured article to each pair.
    Raises ``ValueError`` for fewer than two distinct coders or a span outside its article.
    """
    names = list(dict.fromkeys(annotators))
    if len(names) < 2:
        raise ValueError("agreement needs at least two different annotators")
    if tags is None:
        tags = sorted({s[1] for a in articles for s in a.spans if s[0] in names})
    corpus = _Corpus(articles, names, list(tags))
    pairs = [corpus.pair(i, j, per_article) for i, j in combinations(range(len(names)), 2)]
    return AgreementReport(annotators=names, tags=corpus.tags, pairs=pairs, group=corpus.group())


class _Corpus:
    """The input as arrays, built once and shared by every pair."""

    def __init__(self, articles: Sequence[ArticleCoding], names: list[str], tags: list[str]):
        self.names, self.tags = names, tags
        self.ids = [a.article_id for a in articles]
        self.lengths = np.array([a.length for a in articles], dtype=np.int64)
        coder_of = {name: i for i, name in enumerate(names)}
        tag_of = {tag: i for i, tag in enumerate(tags)}
        self.coded = np.zeros((len(names), len(articles)), dtype=bool)
        columns: list[list[list[int]]] = [[[], [], [], []] for _ in names]
        for index, article in enumerate(articles):
            for name in article.coded_by():
                if name in coder_of:
                    self.coded[coder_of[name], index] = True
            for annotator, tag, start, end in article.spans:
                coder, tag_index = coder_of.get(annotator), tag_of.get(tag)
                if coder is None or tag_index is None:
                    continue
                if not 0 <= start < end <= article.length:
                    raise ValueError(
                        f"article {article.article_id}: span {start}-{end} lies outside the text "
                        f"(length {article.length})"
                    )
                target = columns[coder]
                target[0].append(index)
                target[1].append(tag_index)
                target[2].append(start)
                target[3].append(end)
        self.spans = [ch.CoderSpans(*(np.array(c, dtype=np.int64) for c in cols)) for cols in columns]

    def _measured(self, coders: list[int], minimum: int) -> tuple[np.ndarray, list[str]]:
        """Articles coded by at least ``minimum`` of ``coders``, and the ids of those coded by
        some but fewer."""
        count = self.coded[coders].sum(axis=0)
        measured = np.flatnonzero(count >= minimum)
        excluded = [self.ids[i] for i in np.flatnonzero((count > 0) & (count < minimum))]
        return measured, excluded

    def _spans_in(self, coder: int, measured: np.ndarray) -> ch.CoderSpans:
        keep = np.zeros(len(self.ids), dtype=bool)
        keep[measured] = True
        spans = self.spans[coder]
        return spans.subset(keep[spans.article])

    def pair(self, i: int, j: int, per_article: bool) -> PairAgreement:
        measured, excluded = self._measured([i, j], 2)
        a, b = self._spans_in(i, measured), self._spans_in(j, measured)
        segments = ch.lay_out(self.lengths, measured, [a, b])
        n_tags = len(self.tags)
        cover_a, cover_b = ch.coverage(segments, a, n_tags), ch.coverage(segments, b, n_tags)
        label_a, label_b = ch.combined_labels(cover_a, cover_b)
        n_labels = int(max(label_a.max(initial=0), label_b.max(initial=0))) + 1
        overall_matrix = ch.confusion(label_a, label_b, segments.weight, n_labels)

        stride = int(self.lengths[measured].sum()) + 1
        exact = match_exact(a, b, segments.offsets, stride)
        overlap = match_overlap(a, b, segments.offsets, stride)
        a_per_tag = np.bincount(a.tag, minlength=n_tags)
        b_per_tag = np.bincount(b.tag, minlength=n_tags)
        exact_per_tag, overlap_per_tag = exact.by_tag(n_tags), overlap.by_tag(n_tags)

        per_tag = []
        if n_tags:
            tag_index = np.tile(np.arange(n_tags), segments.count)
            tag_matrices = ch.confusion(
                cover_a.reshape(-1).astype(np.int64), cover_b.reshape(-1).astype(np.int64),
                np.repeat(segments.weight, n_tags), 2, groups=tag_index, n_groups=n_tags,
            )
            kappas, alphas = ch.kappa(tag_matrices), ch.pair_alpha(tag_matrices)
            for t, name in enumerate(self.tags):
                m = tag_matrices[t]
                per_tag.append(TagAgreement(
                    tag=name, kappa=ch.optional(kappas[t]), alpha=ch.optional(alphas[t]),
                    exact=SpanScores(int(exact_per_tag[t]), int(a_per_tag[t]), int(b_per_tag[t])),
                    overlap=SpanScores(int(overlap_per_tag[t]), int(a_per_tag[t]), int(b_per_tag[t])),
                    a_characters=int(m[1].sum()), b_characters=int(m[:, 1].sum()),
                    both_characters=int(m[1, 1]),
                ))
        any_a, any_b = cover_a.any(axis=1), cover_b.any(axis=1)
        overall = TagAgreement(
            tag=ALL_TAGS,
            kappa=ch.optional(ch.kappa(overall_matrix)[0]),
            alpha=ch.optional(ch.pair_alpha(overall_matrix)[0]),
            exact=SpanScores(int(exact_per_tag.sum()), len(a), len(b)),
            overlap=SpanScores(int(overlap_per_tag.sum()), len(a), len(b)),
            a_characters=int(segments.weight[any_a].sum()),
            b_characters=int(segments.weight[any_b].sum()),
            both_characters=int(segments.weight[any_a & any_b].sum()),
        )
        result = PairAgreement(
            a=self.names[i], b=self.names[j], articles=len(measured), excluded_articles=excluded,
            characters=int(self.lengths[measured].sum()), overall=overall, per_tag=per_tag,
            confusion=self._tag_confusion(cover_a, cover_b, segments.weight),
        )
        if per_article:
            result.per_article = self._per_article(
                measured, segments, label_a, label_b, n_labels, a, b, exact, overlap
            )
        return result

    def _tag_confusion(self, cover_a: np.ndarray, cover_b: np.ndarray, weight: np.ndarray) -> Confusion:
        with_none_a = np.concatenate([cover_a, ~cover_a.any(axis=1, keepdims=True)], axis=1)
        with_none_b = np.concatenate([cover_b, ~cover_b.any(axis=1, keepdims=True)], axis=1)
        counts = (with_none_a * weight[:, None]).T @ with_none_b.astype(np.float64)
        return Confusion(labels=[*self.tags, NONE_LABEL], counts=np.rint(counts).astype(int).tolist())

    def _per_article(self, measured, segments, label_a, label_b, n_labels, a, b, exact, overlap):
        matrices = ch.confusion(label_a, label_b, segments.weight, n_labels,
                                groups=segments.article, n_groups=len(measured))
        kappas, alphas = ch.kappa(matrices), ch.pair_alpha(matrices)
        differing = matrices.sum(axis=(1, 2)) - np.trace(matrices, axis1=1, axis2=2)
        n_articles = len(self.ids)
        a_spans = np.bincount(a.article, minlength=n_articles)[measured]
        b_spans = np.bincount(b.article, minlength=n_articles)[measured]
        exact_n = exact.by_article(n_articles)[measured]
        overlap_n = overlap.by_article(n_articles)[measured]
        return [
            ArticleAgreement(
                article_id=self.ids[index], characters=int(self.lengths[index]),
                differing_characters=int(round(differing[k])),
                kappa=ch.optional(kappas[k]), alpha=ch.optional(alphas[k]),
                exact=SpanScores(int(exact_n[k]), int(a_spans[k]), int(b_spans[k])),
                overlap=SpanScores(int(overlap_n[k]), int(a_spans[k]), int(b_spans[k])),
            )
            for k, index in enumerate(measured.tolist())
        ]

    def group(self) -> GroupAlpha:
        coders = list(range(len(self.names)))
        measured, excluded = self._measured(coders, 2)
        spans = [self._spans_in(c, measured) for c in coders]
        segments = ch.lay_out(self.lengths, measured, spans)
        covers = [ch.coverage(segments, s, len(self.tags)) for s in spans]
        present = [self.coded[c][measured][segments.article] if len(measured) else
                   np.zeros(segments.count, dtype=bool) for c in coders]
        labels = ch.combined_labels(*covers)
        n_labels = int(max(l.max(initial=0) for l in labels)) + 1
        overall = ch.alpha_from_coincidences(
            ch.group_coincidences(labels, present, segments.weight, n_labels))[0]
        per_tag = {}
        for t, name in enumerate(self.tags):
            binary = [c[:, t].astype(np.int64) for c in covers]
            o = ch.group_coincidences(binary, present, segments.weight, 2)
            per_tag[name] = ch.optional(ch.alpha_from_coincidences(o)[0])
        return GroupAlpha(
            annotators=list(self.names), articles=len(measured), excluded_articles=excluded,
            overall=ch.optional(overall), per_tag=per_tag,
        )
