"""Language names as exports print them ("ENGLISH", "Français", "EN") → ISO 639-1 codes."""

from __future__ import annotations

import unicodedata

_NAMES = {
    "en": "english anglais englisch ingles inglese engels",
    "fr": "french francais franzosisch frances francese frans",
    "de": "german allemand deutsch aleman tedesco duits",
    "es": "spanish espagnol spanisch espanol spagnolo spaans castellano",
    "it": "italian italien italienisch italiano italiaans",
    "nl": "dutch neerlandais niederlandisch nederlands holandes olandese",
    "pt": "portuguese portugais portugiesisch portugues portoghese portugees",
    "pl": "polish polonais polnisch polski polaco",
    "cs": "czech tcheque tschechisch cestina",
    "hu": "hungarian hongrois ungarisch magyar",
    "tr": "turkish turc turkisch turkce",
    "ru": "russian russe russisch",
    "sv": "swedish suedois schwedisch svenska",
    "da": "danish danois danisch dansk",
    "no": "norwegian norvegien norwegisch norsk",
    "fi": "finnish finnois finnisch suomi",
    "el": "greek grec griechisch",
    "ro": "romanian roumain rumanisch romana",
    "ar": "arabic arabe arabisch",
    "zh": "chinese chinois chinesisch",
    "ja": "japanese japonais japanisch",
}
_BY_NAME = {name: code for code, names in _NAMES.items() for name in names.split()}


def language_code(text: str) -> str:
    """The two-letter code for a language name or code; unknown names are kept, lower case."""
    raw = " ".join((text or "").split())
    if not raw:
        return ""
    simple = "".join(
        ch for ch in unicodedata.normalize("NFKD", raw.lower()) if not unicodedata.combining(ch)
    )
    if simple in _BY_NAME:
        return _BY_NAME[simple]
    if len(simple) == 2 and simple.isalpha():
        return simple
    first = simple.replace(";", " ").replace(",", " ").split()[0]
    return _BY_NAME.get(first, raw.lower())
