"""The project's glossary: a term base in TBX (docs/glossary.tbx), from which docs/glossary.md is
generated for reading.

    python tools/glossary.py          # write docs/glossary.md from docs/glossary.tbx
    python tools/glossary.py --check  # exit 1 if docs/glossary.md is not the generated one

Edit the TBX (any TBX editor, or a text editor: one <termEntry> per concept), then run the first
command and commit both. tests/notebooks/test_glossary.py checks that the .md is the generated
one, and that every catalog entry follows the term base (see tests/notebooks/nbchecks.py).

The dialect, TBX-Basic's elements only (ISO 30042):

- <termEntry id="..."> one concept; <langSet xml:lang="en|tr|de|id"> its terms per language;
- <tig><term>…</term></tig> the term as the glossary shows it; a parenthesis after it is a hint
  for the reader ("Blatt (Blatttensor)", "sapma" ...) and not part of the term the checks look for;
  several terms of one language: the first is the preferred one, the others are also accepted;
- <termNote type="administrativeStatus">deprecatedTerm-admn-sts</termNote> inside a <tig>: a
  form a translation must not use (outside parentheses), e.g. Turkish "optimize edici";
- <descrip type="usageNote">…</descrip> on a <termEntry>: the per-entry check skips the concept
  and says why (a verb that conjugates or separates, a word used in another sense);
- in the header, <p type="note" xml:lang="xx"> the notes on usage of one language, and
  <p type="decimalSeparator" xml:lang="xx"> the decimal separator of its prose and formulas.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TBX = REPO / "docs" / "glossary.tbx"
MARKDOWN = REPO / "docs" / "glossary.md"
LANGUAGES = ("en", "tr", "de", "id")
NAMES = {"en": "English", "tr": "Türkçe", "de": "Deutsch", "id": "Bahasa Indonesia"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
DEPRECATED = "deprecatedTerm-admn-sts"


@dataclass
class Concept:
    id: str
    terms: dict[str, list[str]] = field(default_factory=dict)  # lang -> accepted, preferred first
    deprecated: dict[str, list[str]] = field(default_factory=dict)  # lang -> forms not to use
    unchecked: str = ""  # why the per-entry check skips it ("" = checked)


@dataclass
class Glossary:
    title: str
    intro: str
    concepts: list[Concept]
    notes: dict[str, list[str]]  # lang ("*" = all) -> notes on usage
    decimal_separator: dict[str, str]  # lang -> "." or ","


def read(path: Path = TBX) -> Glossary:
    root = ET.parse(path).getroot()
    header = root.find("martifHeader")
    title = header.findtext("fileDesc/titleStmt/title", "").strip()
    intro = " ".join(header.findtext("fileDesc/sourceDesc/p", "").split())
    notes: dict[str, list[str]] = {}
    separators = {}
    for p in header.iter("p"):
        lang = p.get(XML_LANG, "*")
        text = " ".join((p.text or "").split())
        if p.get("type") == "note":
            notes.setdefault(lang, []).append(text)
        elif p.get("type") == "decimalSeparator":
            separators[lang] = text
    concepts = []
    for entry in root.iter("termEntry"):
        concept = Concept(entry.get("id"))
        usage = entry.find("descrip[@type='usageNote']")
        concept.unchecked = " ".join(usage.text.split()) if usage is not None else ""
        for lang_set in entry.findall("langSet"):
            lang = lang_set.get(XML_LANG)
            for tig in lang_set.findall("tig"):
                term = tig.findtext("term", "").strip()
                status = tig.findtext("termNote[@type='administrativeStatus']", "")
                kind = concept.deprecated if status == DEPRECATED else concept.terms
                kind.setdefault(lang, []).append(term)
        concepts.append(concept)
    return Glossary(title, intro, concepts, notes, separators)


def _cell(text: str) -> str:
    return text.replace("|", "\\|")


def markdown(glossary: Glossary) -> str:
    """docs/glossary.md: the table of preferred terms, forms to avoid, notes, number formats."""
    out = [
        f"# {glossary.title}",
        "",
        "<!-- Generated from docs/glossary.tbx by `python tools/glossary.py`: edit the TBX. -->",
        "",
        glossary.intro,
        "",
        "| " + " | ".join(NAMES[lang] for lang in LANGUAGES) + " |",
        "|" + "---|" * len(LANGUAGES),
    ]
    for c in glossary.concepts:
        cells = [" / ".join(c.terms.get(lang, [])) for lang in LANGUAGES]
        out.append("| " + " | ".join(_cell(x) for x in cells) + " |")
    out += [
        "",
        "## Forms not to use",
        "",
        "A translation must not write these (the test fails on them outside parentheses):",
        "",
    ]
    for c in glossary.concepts:
        for lang in LANGUAGES:
            for form in c.deprecated.get(lang, []):
                english = c.terms["en"][0]
                wanted = c.terms.get(lang, ["?"])[0]
                out.append(f'- {NAMES[lang]}: not "{form}" for *{english}*: "{wanted}"')
    out += ["", "## Numbers", ""]
    for lang in LANGUAGES:
        sep = glossary.decimal_separator.get(lang, ".")
        name = "decimal comma" if sep == "," else "decimal point"
        example = "0,5 and $0{,}5$" if sep == "," else "0.5 and $0.5$"
        out.append(f"- {NAMES[lang]}: {name} in prose and in formulas ({example}).")
    out.append(
        "- In every language, code, code spans and printed outputs keep Python's point "
        "(`0.5403`); version numbers keep theirs (CC BY-SA 4.0, Python 3.11)."
    )
    out += ["", "## Notes on usage", ""]
    for lang in ("*", *LANGUAGES):
        for note in glossary.notes.get(lang, []):
            prefix = "" if lang == "*" else f"{NAMES[lang]}: "
            out.append(f"- {prefix}{note}")
    unchecked = [c for c in glossary.concepts if c.unchecked]
    if unchecked:
        out += ["", "## Terms the per-entry check leaves to the reader", ""]
        for c in unchecked:
            out.append(f"- *{c.terms['en'][0]}*: {c.unchecked}")
    return "\n".join(out) + "\n"


def main(argv: list[str]) -> int:
    text = markdown(read())
    if "--check" in argv:
        if MARKDOWN.read_text(encoding="utf-8") != text:
            print(f"{MARKDOWN} is not generated from {TBX}: run python tools/glossary.py")
            return 1
        return 0
    MARKDOWN.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
