"""How to cite a practice: APA-style text, BibTeX, RIS and CSL-JSON, from one ``Reference``.

The year is the year of the practice's *source* (``source_year``: 2008 for the paper's
practices), else the year it was first published here; never the date rows were loaded. The
author is the government of the lead State, or the lead body. Each format escapes what its
syntax needs; the views only pick one and send it.
"""

import json
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

PLATFORM = gettext_lazy("GFMD good-practice platform")


@dataclass(frozen=True)
class Reference:
    key: str
    author: str
    year: int | None
    title: str
    platform: str
    url: str
    abstract: str
    language: str
    source: str
    keywords: tuple = ()


def author_of(practice):
    """'Government of Mexico', or the lead body's name for a body's practice."""
    if practice.lead_state_id:
        return _("Government of %(state)s") % {"state": practice.lead_state.name}
    body = practice.lead_body
    return f"{body.name} ({body.acronym})" if body.acronym else body.name


def citation_year(practice, first_published=None):
    """The source's year, else the year of the first publication here, else None."""
    if practice.source_year:
        return practice.source_year
    moment = first_published or practice.published_at
    return moment.year if moment else None


def source_note(practice):
    """'Source: <document>, section 2.1.2.' or '' when no source is named."""
    if not practice.source_document:
        return ""
    if practice.source_section:
        return _("Source: %(source)s, section %(section)s.") % {
            "source": practice.source_document,
            "section": practice.source_section,
        }
    return _("Source: %(source)s.") % {"source": practice.source_document}


def reference(practice, *, url, themes=(), first_published=None):
    """The ``Reference`` of ``practice`` at ``url`` (absolute); ``themes`` are names."""
    return Reference(
        key=f"gfmd-{practice.slug}",
        author=author_of(practice),
        year=citation_year(practice, first_published),
        title=practice.title,
        platform=str(PLATFORM),
        url=url,
        abstract=practice.summary,
        language=practice.language,
        source=source_note(practice),
        keywords=tuple(themes),
    )


def apa(ref):
    """APA-style text for a web page: Author. (Year). Title. Site. URL"""
    year = ref.year or _("n.d.")
    return f"{ref.author}. ({year}). {ref.title}. {ref.platform}. {ref.url}"


_BIBTEX_SPECIAL = re.compile(r"([\\{}&%$#_~^])")
_BIBTEX_REPLACEMENTS = {"\\": r"\textbackslash{}", "~": r"\textasciitilde{}", "^": r"\^{}"}


def _bibtex_escape(text):
    return _BIBTEX_SPECIAL.sub(
        lambda match: _BIBTEX_REPLACEMENTS.get(match.group(1), "\\" + match.group(1)),
        _one_line(text),
    )


def bibtex(ref):
    """A BibTeX ``@misc`` entry (UTF-8; the author in double braces: an institution)."""
    fields = [
        ("author", "{" + _bibtex_escape(ref.author) + "}"),
        ("title", _bibtex_escape(ref.title)),
        ("year", str(ref.year) if ref.year else ""),
        ("howpublished", _bibtex_escape(ref.platform)),
        # ``url`` is verbatim in BibTeX styles: only braces would break the entry.
        ("url", ref.url.replace("{", "%7B").replace("}", "%7D")),
        ("language", ref.language),
        ("abstract", _bibtex_escape(ref.abstract)),
        ("note", _bibtex_escape(ref.source)),
        ("keywords", _bibtex_escape(", ".join(ref.keywords))),
    ]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@misc{{{ref.key},\n{body}\n}}\n"


def ris(ref):
    """A RIS record (type ELEC, a web page), CRLF-terminated lines as the format wants."""
    lines = [("TY", "ELEC"), ("AU", ref.author), ("TI", ref.title)]
    if ref.year:
        lines.append(("PY", str(ref.year)))
    lines += [("PB", ref.platform), ("UR", ref.url), ("AB", ref.abstract), ("LA", ref.language)]
    lines += [("KW", keyword) for keyword in ref.keywords]
    if ref.source:
        lines.append(("N1", ref.source))
    lines.append(("ER", ""))
    return "".join(f"{tag}  - {_one_line(value)}\r\n" for tag, value in lines)


def csl_json(ref):
    """CSL-JSON (a list of one item), as Zotero, Pandoc and citeproc read it."""
    item = {
        "id": ref.key,
        "type": "webpage",
        "title": ref.title,
        "author": [{"literal": ref.author}],
        "container-title": ref.platform,
        "URL": ref.url,
        "abstract": ref.abstract,
        "language": ref.language,
    }
    if ref.year:
        item["issued"] = {"date-parts": [[ref.year]]}
    if ref.source:
        item["note"] = ref.source
    if ref.keywords:
        item["keyword"] = ", ".join(ref.keywords)
    return json.dumps([item], ensure_ascii=False, indent=2)


def _one_line(text):
    return " ".join(str(text).split())


FORMATS = {
    # extension: (render, content type)
    "bib": (bibtex, "application/x-bibtex; charset=utf-8"),
    "ris": (ris, "application/x-research-info-systems; charset=utf-8"),
    "json": (csl_json, "application/vnd.citationstyles.csl+json; charset=utf-8"),
}
