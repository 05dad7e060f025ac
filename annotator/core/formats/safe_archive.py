"""Reading untrusted archives, folders and XML without being harmed by them.

A ``.qdpx`` or a brat folder comes from a colleague or another tool: we read it, we never trust
it. Everything here refuses before anything is imported (readers return a Bundle; nothing is
written until the whole file has been read), and nothing is ever extracted to disk:

- ZIP members are read in memory through :class:`SafeZip`, after every member name has been
  checked (no absolute paths, ``..``, drive letters, backslash tricks or symlinks), the member
  count, the total declared size and each member's compression ratio.
- XML is parsed with ``defusedxml``, refusing any DTD, entity declaration or external reference
  (billion laughs, XXE).
- Files in a folder must not be symlinks that lead outside it.
"""

from __future__ import annotations

import stat
import zipfile
import zlib
from pathlib import Path, PurePosixPath
from xml.etree.ElementTree import Element, ParseError

import defusedxml.ElementTree as safe_et
from defusedxml import DefusedXmlException

# Limits far above any real project (our own 10,000-article export is ~30 MB, ratio ~3)
# and far below what hurts a laptop.
MAX_MEMBERS = 100_000
MAX_TOTAL_BYTES = 2 * 1024**3
MAX_MEMBER_BYTES = 512 * 1024**2
MAX_RATIO = 200  # uncompressed / compressed, checked on members above RATIO_FLOOR
RATIO_FLOOR = 1024**2
MAX_FILE_BYTES = 256 * 1024**2  # one file of a brat folder


class UnsafeInputError(ValueError):
    """The input is hostile or absurd; it was refused and nothing was read from it."""


class SafeZip:
    """A ZIP archive whose members were all checked before any is read.

    Members are looked up by name ignoring case, because tools disagree on ``sources/`` versus
    ``Sources/`` and on the case of GUIDs in file names.
    """

    def __init__(self, path: Path):
        self.path = Path(path)
        try:
            self._zip = zipfile.ZipFile(self.path)
        except zipfile.BadZipFile as error:
            raise ValueError(f"{self.path.name} is not a ZIP archive ({error})") from error
        except OSError as error:
            raise ValueError(f"{self.path.name} cannot be read ({error.strerror})") from error
        try:
            self._by_name = check_members(self._zip.infolist(), self.path.name)
        except UnsafeInputError:
            self._zip.close()
            raise

    def names(self) -> list[str]:
        return [info.filename for info in self._by_name.values()]

    def find(self, name: str) -> str | None:
        """The stored name of member ``name`` (case-insensitive), or None."""
        info = self._by_name.get(name.casefold())
        return info.filename if info else None

    def read(self, name: str) -> bytes:
        """The bytes of member ``name``; ``zipfile`` never inflates beyond the declared size."""
        info = self._by_name.get(name.casefold())
        if info is None:
            raise KeyError(name)
        try:
            return self._zip.read(info)
        except (zipfile.BadZipFile, zlib.error, EOFError) as error:
            raise ValueError(f"{self.path.name}: member {info.filename} is damaged ({error})") from error

    def close(self) -> None:
        self._zip.close()

    def __enter__(self) -> "SafeZip":
        return self

    def __exit__(self, *exc) -> None:
        self.close()


def check_members(infos: list[zipfile.ZipInfo], archive: str) -> dict[str, zipfile.ZipInfo]:
    """Refuse the archive unless every member is a plain file with a safe relative name and
    sizes are sane; return the members keyed by case-folded name."""
    if len(infos) > MAX_MEMBERS:
        raise UnsafeInputError(f"{archive}: refused, {len(infos)} members (limit {MAX_MEMBERS})")
    total = 0
    members: dict[str, zipfile.ZipInfo] = {}
    for info in infos:
        name = info.filename
        reason = unsafe_member_name(name)
        if reason:
            raise UnsafeInputError(f"{archive}: refused, member {name!r} {reason}")
        if stat.S_ISLNK(info.external_attr >> 16):
            raise UnsafeInputError(f"{archive}: refused, member {name!r} is a symbolic link")
        if info.file_size > MAX_MEMBER_BYTES:
            raise UnsafeInputError(
                f"{archive}: refused, member {name!r} would unpack to {info.file_size:,} bytes "
                f"(limit {MAX_MEMBER_BYTES:,})"
            )
        if info.file_size > RATIO_FLOOR and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise UnsafeInputError(
                f"{archive}: refused, member {name!r} has an absurd compression ratio "
                f"({info.file_size:,} bytes from {info.compress_size:,}; a zip bomb?)"
            )
        total += info.file_size
        if total > MAX_TOTAL_BYTES:
            raise UnsafeInputError(
                f"{archive}: refused, it would unpack to more than {MAX_TOTAL_BYTES:,} bytes"
            )
        if not info.is_dir():
            members[name.casefold()] = info
    return members


def unsafe_member_name(name: str) -> str:
    """Why a member name could escape the folder it would be extracted to ("" if it cannot)."""
    if not name or "\x00" in name:
        return "has an empty or NUL-containing name"
    if "\\" in name:
        return "uses backslashes (a Windows path trick)"
    if name.startswith("/"):
        return "has an absolute path"
    if len(name) >= 2 and name[1] == ":":
        return "names a drive letter"
    if ".." in PurePosixPath(name).parts:
        return "escapes the folder with '..'"
    return ""


def parse_xml(data: bytes | str, what: str) -> Element:
    """Parse untrusted XML; refuse DTDs, entities and external references with a clear reason."""
    try:
        return safe_et.fromstring(data, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DefusedXmlException as error:
        raise UnsafeInputError(
            f"{what}: refused, the XML declares a DTD or entities ({type(error).__name__}); "
            "QDA files never need them and they are how entity-expansion and external-entity "
            "attacks work"
        ) from error
    except ParseError as error:
        raise ValueError(f"{what}: not well-formed XML ({error})") from error


def check_inside(folder: Path, path: Path) -> None:
    """Refuse ``path`` if it (or a symlink it goes through) leads outside ``folder``."""
    root = folder.resolve()
    target = path.resolve()
    if target != root and root not in target.parents:
        raise UnsafeInputError(f"{path.name}: refused, it is a link that leads outside {folder}")


def read_file_limited(path: Path, limit: int | None = None) -> bytes:
    """A file's bytes, refusing files above ``limit`` (default :data:`MAX_FILE_BYTES`)."""
    limit = MAX_FILE_BYTES if limit is None else limit
    size = path.stat().st_size
    if size > limit:
        raise UnsafeInputError(f"{path.name}: refused, {size:,} bytes (limit {limit:,})")
    return path.read_bytes()
