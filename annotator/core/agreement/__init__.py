"""Inter-coder agreement as pure functions over plain data (no project, no Qt, no SQL).

Use :func:`compare` with one :class:`ArticleCoding` per article; see :mod:`.compare` for what
is measured and how.
"""

from annotator.core.agreement.compare import compare
from annotator.core.agreement.model import (
    ALL_TAGS,
    NONE_LABEL,
    AgreementReport,
    ArticleAgreement,
    ArticleCoding,
    CodedSpan,
    Confusion,
    GroupAlpha,
    PairAgreement,
    SpanScores,
    TagAgreement,
)

__all__ = [
    "ALL_TAGS", "NONE_LABEL", "AgreementReport", "ArticleAgreement", "ArticleCoding", "CodedSpan",
    "Confusion", "GroupAlpha", "PairAgreement", "SpanScores", "TagAgreement", "compare",
]
