"""The rule a merge settles a colleague's memos and article values by: per item (an article,
a coder, for values a variable) the newest wins.

Theirs is written only where it differs from ours and was changed later than ours; the same
item, or ours changed here after theirs, stays as it is. Either way an item that differs is
counted under the name it arrives as, so the merge can ask for a rename when that name is one
of our own coders (whose work would otherwise be overwritten or ignored).
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class NewestWins:
    """What merging a kind of item will write; worked out without writing."""

    to_write: list = field(default_factory=list)  # in our ids, names as they arrive
    already_present: int = 0  # the same item, or ours is newer
    differing: dict[str, int] = field(default_factory=dict)  # arriving name -> items that differ from ours

    def offer(self, ours, arriving, *, same: bool) -> None:
        """Weigh ``arriving`` (with ``annotator`` and ``updated_at``) against ``ours`` (the
        item we hold for the same key, or None); ``same`` says their contents are equal."""
        if same:
            self.already_present += 1
            return
        self.differing[arriving.annotator] = self.differing.get(arriving.annotator, 0) + 1
        if ours is not None and ours.updated_at >= arriving.updated_at:
            self.already_present += 1  # the same coder changed it here later: ours stands
            return
        self.to_write.append(arriving)

    def by_annotator(self) -> dict[str, int]:
        """Arriving name -> how many of their items differ from ours."""
        return dict(self.differing)
