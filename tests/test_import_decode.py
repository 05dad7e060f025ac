"""Decoding article files: BOMs, UTF-8, legacy encodings, line endings, NFC, binary refusal."""

from __future__ import annotations

import codecs
import unicodedata

import pytest
from hypothesis import given
from hypothesis import strategies as st

from annotator.core.importing.decode import decode_bytes, detect_encoding
from annotator.core.importing.problems import ImportProblem
from annotator.core.text import normalise_text

WESTERN = "“We won’t back down,” said Zoë Brandt, the café owner — «non», naïve résumé…\n"
# Characters that must come through byte-for-byte: curly quotes, NBSP, emoji, RTL (Arabic, Hebrew).
SURVIVORS = "“quoted” ‘single’ 6\u00a0p.m. 😀🎉👩‍🔬 ياسمين حداد יעל כהן"


def test_plain_utf8_is_kept():
    assert decode_bytes(SURVIVORS.encode("utf-8")) == SURVIVORS


def test_survivors_are_byte_for_byte_identical_after_normalisation():
    assert decode_bytes(SURVIVORS.encode("utf-8")).encode("utf-8") == SURVIVORS.encode("utf-8")


def test_utf8_bom_is_removed():
    assert decode_bytes(codecs.BOM_UTF8 + "Héllo wörld".encode("utf-8")) == "Héllo wörld"


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
def test_utf16_and_utf32_with_bom(encoding):
    bom = {"utf-16-le": codecs.BOM_UTF16_LE, "utf-16-be": codecs.BOM_UTF16_BE}.get(encoding, b"")
    data = bom + SURVIVORS.encode(encoding)
    assert decode_bytes(data) == SURVIVORS


def test_windows_1252_curly_quotes_and_accents():
    assert decode_bytes(WESTERN.encode("cp1252")) == WESTERN


def test_latin1_accents():
    text = "Le café est fermé. Élodie a dit « non ». Ça va être très difficile pour la société.\n"
    assert decode_bytes(text.encode("latin-1")) == text


def test_short_latin1_word_is_not_taken_for_another_code_page():
    # charset-normalizer alone names cp1250 for this, which turns "ï" into "ď".
    assert decode_bytes("Résumé: naïve approach\n".encode("latin-1")) == "Résumé: naïve approach\n"


def test_central_european_text_keeps_its_code_page():
    text = "Zażółć gęślą jaźń. Minister powiedział, że będzie trudno. Świętochłowice i Łódź.\n"
    assert decode_bytes(text.encode("cp1250")) == text


def test_crlf_and_cr_become_lf():
    assert decode_bytes(b"one\r\ntwo\rthree\n") == "one\ntwo\nthree\n"


def test_text_is_nfc():
    decomposed = unicodedata.normalize("NFD", "café Ångström")
    assert decode_bytes(decomposed.encode("utf-8")) == "café Ångström"


def test_nul_bytes_mean_binary():
    with pytest.raises(ImportProblem, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)))


def test_control_characters_mean_binary():
    with pytest.raises(ImportProblem, match="binary"):
        decode_bytes(bytes(range(1, 9)) * 100)


def test_detect_encoding_reads_a_bom():
    assert detect_encoding(codecs.BOM_UTF16_LE + "a,b".encode("utf-16-le")) == "utf-16-le"


def test_detect_encoding_prefers_utf8():
    assert detect_encoding("naïve".encode("utf-8")) == "utf-8"


def test_detect_encoding_finds_windows_1252():
    assert detect_encoding(WESTERN.encode("cp1252")) == "cp1252"


# Any text (emoji, combining marks, CRLF, RTL) a UTF-8 file can hold comes back normalised and
# otherwise unchanged; control characters other than tab and newlines are what binary files hold.
PIECES = st.one_of(
    st.characters(blacklist_categories=("Cs", "Cc")),
    st.sampled_from(["\r\n", "\n", "\r", "\t", "\u00a0", "\u0301", "😀", "ياسمين", "“", "’"]),
)
TEXT = st.lists(PIECES, min_size=1).map("".join)


@given(TEXT)
def test_any_utf8_text_decodes_to_its_normal_form(text):
    assert decode_bytes(text.encode("utf-8")) == normalise_text(text)


@given(TEXT)
def test_any_text_with_a_utf16_bom_decodes_to_its_normal_form(text):
    assert decode_bytes(codecs.BOM_UTF16_LE + text.encode("utf-16-le")) == normalise_text(text)
