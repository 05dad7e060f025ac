"""REFI-QDA projects (``.qdpx``): the exchange format of QualCoder, ATLAS.ti, MAXQDA and NVivo.

The writer is :mod:`refi_project_writer`, the reader :mod:`refi_project_reader`, the codebook
part :mod:`refi_codebook`; :func:`check_qdpx` makes the checks the XML schema cannot.
"""

from __future__ import annotations

from pathlib import Path

from annotator.core.formats.refi_codebook import child, children, local_name, normal_guid
from annotator.core.formats.refi_project_reader import internal_name, read_qdpx
from annotator.core.formats.refi_project_writer import write_qdpx
from annotator.core.formats.safe_archive import SafeZip, parse_xml
from annotator.core.formats.shipped_text import decode_shipped

__all__ = ["write_qdpx", "read_qdpx", "check_qdpx"]


def check_qdpx(path: Path) -> list[str]:
    """What is wrong with a ``.qdpx`` beyond its schema: missing ``internal://`` files, CodeRefs
    to codes that do not exist, selections outside their text. Empty when all is well."""
    problems: list[str] = []
    with SafeZip(Path(path)) as archive:
        member = archive.find("project.qde")
        if member is None:
            return ["no project.qde in the archive"]
        root = parse_xml(archive.read(member), "project.qde")
        codes = {normal_guid(e.get("guid") or "") for e in root.iter() if local_name(e.tag) == "Code"}
        for ref in (e for e in root.iter() if local_name(e.tag) == "CodeRef"):
            if normal_guid(ref.get("targetGUID") or "") not in codes:
                problems.append(f"CodeRef to a missing code {ref.get('targetGUID')}")
        sources = child(root, "Sources")
        for source in sources if sources is not None else []:
            name = internal_name(source.get("plainTextPath") or "")
            if name is None:
                continue
            found = archive.find(f"sources/{name}")
            if found is None:
                problems.append(f"{source.get('name')}: internal file {name} is missing")
                continue
            length = len(decode_shipped(archive.read(found), name).raw)
            for selection in children(source, "PlainTextSelection"):
                start, end = int(selection.get("startPosition")), int(selection.get("endPosition"))
                if not 0 <= start < end <= length:
                    problems.append(f"{source.get('name')}: selection {start}-{end} outside its text ({length})")
    return problems
