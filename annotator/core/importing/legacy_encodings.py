"""Which single-byte code page a non-UTF-8 text was written in.

General-purpose detectors (charset-normalizer) do poorly on short European news texts: they
name cp1250 for French and cp1252 for Hungarian (ő→õ) or Turkish (ş→þ), and take text with a
few invalid UTF-8 bytes for Cyrillic. Here each candidate code page decodes the text, and the
one is kept whose accented words are spelled in the alphabet of one language: under the wrong
code page, words mix letters of several alphabets (Turkish "yaptığı" read as cp1250 gives
"yaptýđý": Czech ý with Croatian đ) or carry symbols (Polish "ą" as cp1252 is "¹").
"""

from __future__ import annotations

import re

# Candidates, in the order preferred when two read the text equally well.
CANDIDATES = ("cp1252", "cp1250", "iso8859_2", "cp1254", "iso8859_9", "cp1257", "cp1251", "koi8_r", "iso8859_7")
NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "iso8859_2": "ISO-8859-2 (Central European)",
    "cp1254": "Windows-1254 (Turkish)",
    "iso8859_9": "ISO-8859-9 (Turkish)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8_r": "KOI8-R (Cyrillic)",
    "iso8859_7": "ISO-8859-7 (Greek)",
    "utf-16-le": "UTF-16 (little-endian, no byte-order mark)",
    "utf-16-be": "UTF-16 (big-endian, no byte-order mark)",
}
# The letters beyond ASCII each language writes (lower case).
_ALPHABETS = {
    "fr": "àâæçéèêëîïôœùûüÿ", "de": "äöüß", "es": "áéíñóúü", "it": "àèéìíîòóùú",
    "pt": "áâãàçéêíóôõú", "nl": "áéëïóöü", "da": "æøåé", "sv": "åäöé", "fi": "äöå",
    "is": "áðéíóúýþæö", "ca": "àçèéíïòóúü",
    "pl": "ąćęłńóśźż", "cs": "áčďéěíňóřšťúůýž", "sk": "áäčďéíĺľňóôŕšťúýž", "hu": "áéíóöőúüű",
    "ro": "ăâîșțşţ", "hr": "čćđšž", "sl": "čšž", "tr": "çğıöşüâîû", "lt": "ąčęėįšųūž",
    "lv": "āčēģīķļņšūž", "et": "äöõüšž",
    "ru": "абвгдеёжзийклмнопрстуфхцчшщъыьэюя", "uk": "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",
    "bg": "абвгдежзийклмнопрстуфхцчшщъьюя", "el": "αβγδεζηθικλμνξοπρστυφχψωάέήίόύώςϊϋΐΰ",
}
_WORD = re.compile(r"[^\W\d_]+")
_MIXED_CASE = re.compile(r"[^\W\d_]*[a-zà-ÿа-я][^\W\d_]*?[A-ZÀ-ÞА-Я]")
_NON_LATIN = {"ru", "uk", "bg", "el"}
SAMPLE_CHARS = 200_000


def best_code_page(data: bytes) -> str:
    """The candidate code page whose reading of ``data`` spells its words most plausibly."""
    sample = data[:SAMPLE_CHARS]
    best, best_score = CANDIDATES[0], -1.0
    for encoding in CANDIDATES:
        try:
            text = sample.decode(encoding)
        except UnicodeDecodeError:
            continue
        score = plausibility(text)
        if score > best_score + 1e-9:
            best, best_score = encoding, score
    return best


def plausibility(text: str) -> float:
    """How well the words with non-ASCII letters fit one language's alphabet (0..1), less
    a penalty for symbols and control characters where letters should be."""
    words = [w for w in _WORD.findall(text) if not w.isascii()]
    # Mixed case inside a word ("вЧЕТБ") is what a wrong Cyrillic code page produces.
    words = [w.lower().replace("\u0307", "") for w in words if not _MIXED_CASE.search(w)] + [""] * sum(
        1 for w in words if _MIXED_CASE.search(w)
    )
    odd = sum(1 for ch in text if 0x80 <= ord(ch) < 0xC0 and not ch.isalpha() and ch not in "\u00a0«»°§©®±·–—‘’‚“”„…€£¥¢")
    if not words:
        return 1.0 - min(1.0, odd / 10)
    fitting = {
        language: sum(1 for w in words if w and _fits(w, letters, language in _NON_LATIN))
        for language, letters in _ALPHABETS.items()
    }
    total = len(words) + odd
    return max(fitting.values()) / total if total else 0.0


def _fits(word: str, letters: str, non_latin: bool) -> bool:
    if non_latin:  # a Cyrillic or Greek word has no Latin letters in it
        return all(ch in letters for ch in word)
    return all(ch.isascii() or ch in letters for ch in word)
