"""Hostile .qdpx archives, XML and brat folders: refused with a clear message, nothing written."""

from __future__ import annotations

import os
import stat
import zipfile
from pathlib import Path

import pytest

from annotator.actions.bundle_import import import_bundle
from annotator.core.formats import safe_archive
from annotator.core.formats.brat import read_brat
from annotator.core.formats.qdpx import read_qdpx
from annotator.core.formats.safe_archive import UnsafeInputError
from annotator.storage import Project

GOOD_QDE = (
    '<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" name="p">'
    "<Sources><TextSource guid=\"11111111-0000-0000-0000-000000000001\" name=\"t\" "
    'plainTextPath="internal://11111111-0000-0000-0000-000000000001.txt"/></Sources></Project>'
)
BILLION_LAUGHS = (
    '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
    '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
    '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&lol3;"/>'
)
EXTERNAL_ENTITY = (
    '<?xml version="1.0"?><!DOCTYPE p [<!ENTITY secret SYSTEM "file:///etc/passwd">]>'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="&secret;"/>'
)
EXTERNAL_DTD = (
    '<?xml version="1.0"?><!DOCTYPE Project SYSTEM "http://attacker.invalid/evil.dtd">'
    '<Project xmlns="urn:QDA-XML:project:1.0" name="p"/>'
)


def qdpx_with(path: Path, members: dict[str, bytes | str], *, symlink: str | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
        if symlink:
            info = zipfile.ZipInfo(symlink)
            info.external_attr = (stat.S_IFLNK | 0o777) << 16
            archive.writestr(info, "/etc/passwd")
    return path


def refused_and_untouched(tmp_path: Path, path: Path, reader=read_qdpx, match: str = "refused") -> None:
    """The reader refuses with a clear message; no project change and no new file."""
    project = Project.in_memory()
    before = set(tmp_path.rglob("*"))
    with pytest.raises(UnsafeInputError, match=match):
        import_bundle(project, reader(path))
    assert (project.articles.count(), project.annotations.count()) == (0, 0)
    assert set(tmp_path.rglob("*")) == before


GOOD_TEXT = {"sources/11111111-0000-0000-0000-000000000001.txt": "hello"}


def test_a_good_archive_is_read(tmp_path):
    bundle = read_qdpx(qdpx_with(tmp_path / "ok.qdpx", {"project.qde": GOOD_QDE, **GOOD_TEXT}))
    assert [a.text for a in bundle.articles] == ["hello"]


@pytest.mark.parametrize("member, reason", [
    ("../evil.txt", "escapes the folder"),
    ("sources/../../evil.txt", "escapes the folder"),
    ("/etc/cron.d/evil", "absolute path"),
    ("C:/Windows/evil.txt", "drive letter"),
    ("..\\evil.txt", "backslashes"),
])
def test_member_paths_escaping_the_target_are_refused(tmp_path, member, reason):
    path = qdpx_with(tmp_path / "evil.qdpx", {"project.qde": GOOD_QDE, member: "x", **GOOD_TEXT})
    refused_and_untouched(tmp_path, path, match=reason)


def test_symlink_members_are_refused(tmp_path):
    path = qdpx_with(tmp_path / "link.qdpx", {"project.qde": GOOD_QDE, **GOOD_TEXT}, symlink="sources/link.txt")
    refused_and_untouched(tmp_path, path, match="symbolic link")


def test_a_zip_bomb_member_is_refused(tmp_path):
    path = qdpx_with(tmp_path / "bomb.qdpx", {"project.qde": GOOD_QDE, "sources/zeros.txt": b"\0" * (4 * 1024**2)})
    refused_and_untouched(tmp_path, path, match="compression ratio")


def test_an_archive_unpacking_beyond_the_total_limit_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_archive, "MAX_TOTAL_BYTES", 1000)
    path = qdpx_with(tmp_path / "big.qdpx", {"project.qde": GOOD_QDE, "sources/a.txt": os.urandom(2000)})
    refused_and_untouched(tmp_path, path, match="more than")


def test_an_archive_with_too_many_members_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_archive, "MAX_MEMBERS", 10)
    members = {f"sources/{n}.txt": "x" for n in range(11)}
    refused_and_untouched(tmp_path, qdpx_with(tmp_path / "many.qdpx", {"project.qde": GOOD_QDE, **members}), match="members")


@pytest.mark.parametrize("xml", [BILLION_LAUGHS, EXTERNAL_ENTITY, EXTERNAL_DTD], ids=["billion-laughs", "xxe", "external-dtd"])
def test_xml_with_entities_or_dtds_is_refused(tmp_path, xml):
    path = qdpx_with(tmp_path / "xml.qdpx", {"project.qde": xml, **GOOD_TEXT})
    refused_and_untouched(tmp_path, path, match="DTD or entities")


def test_a_file_that_is_not_a_zip_is_refused_with_a_plain_reason(tmp_path):
    path = tmp_path / "fake.qdpx"
    path.write_text("not a zip at all")
    with pytest.raises(ValueError, match="not a ZIP archive"):
        read_qdpx(path)


def test_malformed_xml_is_a_plain_error(tmp_path):
    path = qdpx_with(tmp_path / "bad.qdpx", {"project.qde": "<Project", **GOOD_TEXT})
    with pytest.raises(ValueError, match="not well-formed XML"):
        read_qdpx(path)


def test_a_brat_file_linking_outside_the_folder_is_refused(tmp_path):
    folder = tmp_path / "brat"
    folder.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("secret words")
    (folder / "doc.txt").symlink_to(outside)
    (folder / "doc.ann").write_text("T1\tClaim 0 6\tsecret\n")
    refused_and_untouched(tmp_path, folder, reader=read_brat, match="leads outside")


def test_an_oversized_brat_text_is_refused(tmp_path, monkeypatch):
    monkeypatch.setattr(safe_archive, "MAX_FILE_BYTES", 10)
    folder = tmp_path / "brat"
    folder.mkdir()
    (folder / "doc.txt").write_text("a text longer than ten bytes")
    (folder / "doc.ann").write_text("")
    refused_and_untouched(tmp_path, folder, reader=read_brat, match="limit")
