"""Which annotations of the open article are linked, in both directions.

An annotation holds at most one link (``linked_id``: a source attribution pointing to its
quote, say); the article view marks both ends and, when one is hovered or selected, outlines
the other. So it needs the partners of an annotation whichever side holds the link.
"""

from __future__ import annotations

from collections.abc import Iterable


class LinkIndex:
    """Links between annotations as ``source -> target`` plus the reverse, kept in step."""

    def __init__(self, links: Iterable[tuple[str, str]] = ()):
        self._target: dict[str, str] = {}
        self._sources: dict[str, set[str]] = {}
        for source, target in links:
            self.set_link(source, target)

    def __contains__(self, annotation_id: str) -> bool:
        """Whether the annotation is at either end of a link."""
        return annotation_id in self._target or annotation_id in self._sources

    def __len__(self) -> int:
        return len(self._target)

    def set_link(self, source: str, target: str | None) -> None:
        """Record ``source``'s link (``None``: it has none now), replacing any earlier one."""
        old = self._target.pop(source, None)
        if old is not None:
            sources = self._sources.get(old)
            if sources is not None:
                sources.discard(source)
                if not sources:
                    del self._sources[old]
        if target is not None and target != source:
            self._target[source] = target
            self._sources.setdefault(target, set()).add(source)

    def forget(self, annotation_id: str) -> None:
        """Drop an annotation that is gone: its own link and the links pointing to it (storage
        clears those too, and says so as updates that may come before or after)."""
        self.set_link(annotation_id, None)
        for source in list(self._sources.get(annotation_id, ())):
            self.set_link(source, None)

    def target(self, annotation_id: str) -> str | None:
        """The annotation ``annotation_id`` links to, or None."""
        return self._target.get(annotation_id)

    def partners(self, annotation_id: str) -> list[str]:
        """Every annotation linked with ``annotation_id``: its target, then those linking to it."""
        found = [self._target[annotation_id]] if annotation_id in self._target else []
        found.extend(sorted(self._sources.get(annotation_id, ())))
        return found
