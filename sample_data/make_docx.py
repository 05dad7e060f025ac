"""Write ``articles/school-meals.docx``, the sample Word article, reproducibly.

    python sample_data/make_docx.py

python-docx stamps the current time on the document and on every zip entry; both are fixed
here so that running the script again gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import datetime, timezone
from pathlib import Path

import docx

HERE = Path(__file__).resolve().parent
TARGET = HERE / "articles" / "school-meals.docx"
FIXED = datetime(2026, 5, 6, 9, 0, tzinfo=timezone.utc)

TITLE = "Schools to serve vegetarian meals two days a week"
PARAGRAPHS = [
    "Every state school in Northvale will serve only vegetarian lunches on Tuesdays and "
    "Thursdays from September, the education department confirmed on Wednesday.",
    "The department said the change would cut the cost of school meals by about 8 per cent "
    "and reduce food waste, which an audit last year put at 210 tonnes.",
    "\u201cChildren will still get a balanced, nutritious meal every single day,\u201d said "
    "deputy education director Hana Kowalczyk.",
    "The parents\u2019 association described the decision as an outrageous attack on "
    "families\u2019 freedom of choice. Its chair, Bruno Tavares, said parents had not been "
    "consulted.",
    "A school cook who spoke on condition of anonymity said kitchens had not been told how "
    "the new menus would be paid for.",
    "This is a fictional article written as sample data for annotator; the department, the "
    "people and the Northvale Gazette are invented.",
]


def build() -> bytes:
    document = docx.Document()
    document.add_heading(TITLE, level=1)
    for text in PARAGRAPHS:
        document.add_paragraph(text)
    props = document.core_properties
    props.title = TITLE
    props.author = "Mirela Dragan"
    props.subject = "Education"
    props.keywords = "school meals; fictional sample"
    props.language = "en-GB"
    props.comments = "Fictional article written as sample data for annotator."
    props.created = props.modified = props.last_printed = FIXED
    props.revision = 1
    props.last_modified_by = "annotator sample data"
    buffer = io.BytesIO()
    document.save(buffer)
    return _with_fixed_times(buffer.getvalue())


def _with_fixed_times(data: bytes) -> bytes:
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in sorted(source.infolist(), key=lambda i: i.filename):
            fixed = zipfile.ZipInfo(info.filename, date_time=(2026, 5, 6, 9, 0, 0))
            fixed.compress_type = zipfile.ZIP_DEFLATED
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


if __name__ == "__main__":
    TARGET.write_bytes(build())
    print(f"wrote {TARGET}")
