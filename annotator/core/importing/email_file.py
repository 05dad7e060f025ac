"""Results sent by e-mail (``.eml``, MIME): the HTML part is the export (ProQuest sends its
results this way); the e-mail's own headers are not part of any story."""

from __future__ import annotations

from pathlib import Path

from annotator.core.importing.problems import MAX_ARTICLE_FILE_BYTES, ImportProblem
from annotator.core.importing.source import read_limited


def email_html(path: Path) -> tuple[str, str]:
    """``(HTML of the message, its subject)``, or raise ImportProblem."""
    import email
    from email import policy

    data = read_limited(path, MAX_ARTICLE_FILE_BYTES)
    try:
        message = email.message_from_bytes(data, policy=policy.default)
        part = message.get_body(preferencelist=("html",))
        if part is None:
            raise ImportProblem("e-mail without an HTML part: nothing to import (database results come as HTML)")
        html = part.get_content()
    except ImportProblem:
        raise
    except Exception as error:  # the email package raises assorted errors on damaged MIME
        raise ImportProblem(f"not a readable e-mail ({type(error).__name__})") from error
    if not isinstance(html, str) or not html.strip():
        raise ImportProblem("the e-mail's HTML part is empty")
    return html, str(message.get("subject") or "")
