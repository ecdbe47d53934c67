"""The citation files, written from the same CSL data the citations are rendered from: CSL-JSON as
it is, BibTeX (UTF-8, for biblatex and BibTeX alike) and RIS."""

import json
import re

from django.utils.translation import gettext as _

# Media types and file names' extensions, by the format in the address (cite.<format>).
CONTENT_TYPES = {
    "bib": "application/x-bibtex",
    "ris": "application/x-research-info-systems",
    "json": "application/vnd.citationstyles.csl+json",
}
BIBTEX_TYPES = {"book": "book", "chapter": "incollection", "webpage": "misc"}
RIS_TYPES = {"book": "BOOK", "chapter": "CHAP", "webpage": "ELEC"}
LANGUAGE_NAMES = {"en": "english", "es": "spanish"}
BIBTEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}


def write(item, format):
    """The file of one CSL item in ``format`` ('bib', 'ris' or 'json'), as text."""
    return WRITERS[format](item)


def csl_json(item):
    return json.dumps([item], ensure_ascii=False, indent=2) + "\n"


def bibtex(item):
    fields = [
        ("author", " and ".join(_bibtex_name(name) for name in item.get("author", []))),
        ("title", _protect_case(_bibtex_text(item.get("title", "")))),
    ]
    if item["type"] == "chapter":
        fields += [
            ("booktitle", _protect_case(_bibtex_text(item.get("container-title", "")))),
            ("chapter", _bibtex_text(item.get("chapter-number", ""))),
        ]
    elif item.get("container-title"):
        fields.append(("howpublished", _bibtex_text(item["container-title"])))
    fields += [
        ("publisher", _bibtex_text(item.get("publisher", ""))),
        ("address", _bibtex_text(item.get("publisher-place", ""))),
        ("year", str(_year(item, "issued") or "")),
        ("isbn", _bibtex_text(item.get("ISBN", ""))),
        # Written as it is: biblatex and the url package read the field verbatim.
        ("url", item.get("URL", "")),
        ("urldate", _iso_date(item, "accessed")),
        ("language", LANGUAGE_NAMES.get(item.get("language", ""), "")),
        ("note", _bibtex_text(_notes(item))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{BIBTEX_TYPES.get(item['type'], 'misc')}{{{item['id']},\n{body}\n}}\n"


def ris(item):
    lines = [("TY", RIS_TYPES.get(item["type"], "GEN"))]
    lines += [("AU", _ris_name(name)) for name in item.get("author", [])]
    lines += [
        ("TI", item.get("title", "")),
        ("T2", item.get("container-title", "")),
        # For a book section, RIS's SE is its chapter.
        ("SE", item.get("chapter-number", "")),
        ("PY", str(_year(item, "issued") or "")),
        ("CY", item.get("publisher-place", "")),
        ("PB", item.get("publisher", "")),
        ("SN", item.get("ISBN", "")),
        ("UR", item.get("URL", "")),
        ("Y2", _iso_date(item, "accessed").replace("-", "/")),
        ("LA", item.get("language", "")),
        ("N1", _notes(item)),
        ("ID", item["id"]),
    ]
    text = "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines if value)
    return text + "ER  - \r\n"


WRITERS = {"bib": bibtex, "ris": ris, "json": csl_json}


def _notes(item):
    notes = []
    if item.get("section"):
        notes.append(_("Section: %(heading)s") % {"heading": item["section"]})
    if item.get("note"):
        notes.append(item["note"])
    return " ".join(notes)


def _bibtex_text(text):
    return "".join(BIBTEX_SPECIAL.get(character, character) for character in _one_line(str(text)))


def _protect_case(text):
    """Words with capitals in braces, so that BibTeX styles that lowercase titles keep them."""
    return re.sub(r"\w+", lambda word: f"{{{word[0]}}}" if any(c.isupper() for c in word[0]) else word[0], text)


def _bibtex_name(name):
    if "literal" in name:
        return f"{{{_bibtex_text(name['literal'])}}}"
    return f"{_bibtex_text(name.get('family', ''))}, {_bibtex_text(name.get('given', ''))}".strip(", ")


def _ris_name(name):
    if "literal" in name:
        return name["literal"]
    return ", ".join(part for part in (name.get("family"), name.get("given")) if part)


def _date_parts(item, variable):
    parts = item.get(variable, {}).get("date-parts") or [[]]
    return parts[0]


def _year(item, variable):
    parts = _date_parts(item, variable)
    return parts[0] if parts else None


def _iso_date(item, variable):
    parts = _date_parts(item, variable)
    return "-".join(f"{part:02d}" if i else f"{part:04d}" for i, part in enumerate(parts))


def _one_line(text):
    return " ".join(str(text).split())
