"""What a practice page tells machines: its citation, canonical address, language
alternates and schema.org JSON-LD (``templates/practices/_practice_meta.html`` adds the
OpenGraph, Twitter card and Highwire ``citation_*`` tags from the same facts).

Everything is built from the practice row, the kept tables and ``selectors.practice_record``
(cached): no query of its own.
"""

import json

from django.conf import settings
from django.urls import reverse
from django.utils import translation
from django.utils.safestring import mark_safe

from . import citations
from .models import PAPER_DOCUMENT, PAPER_YEAR, Practice

# A JSON-LD block is HTML's script data: these three must never appear raw in it, or a title
# holding "</script>" would end the block (what ``django.utils.html.json_script`` escapes).
_SCRIPT_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


def alternates(request, practice):
    """``[(language code, absolute URL)]`` of the practice page in every site language, then
    ``("x-default", URL in the default language)``."""
    links = []
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            links.append((code, request.build_absolute_uri(practice.get_absolute_url())))
    default = dict(links)[settings.LANGUAGE_CODE]
    return [*links, ("x-default", default)]


def page_context(request, practice, record):
    """Template context for the Cite disclosure, the version list and the head metadata of
    ``practice`` (published) given its ``record`` (``selectors.practice_record``)."""
    url = request.build_absolute_uri(practice.get_absolute_url())
    ref = citations.reference(
        practice, url=url, themes=record["themes"], first_published=record["first_published"]
    )
    return {
        "canonical_url": url,
        "alternates": alternates(request, practice),
        "citation": ref,
        "citation_text": citations.apa(ref),
        "cite_links": [
            (fmt, reverse("practices:practice_cite", kwargs={"slug": practice.slug, "fmt": fmt}))
            for fmt in citations.FORMATS
        ],
        "versions": [
            {
                "number": number,
                "published_at": published_at,
                "url": reverse(
                    "practices:practice_version", kwargs={"slug": practice.slug, "number": number}
                ),
            }
            for number, published_at in record["versions"]
        ],
        "last_published": record["last_published"],
        "json_ld": json_ld(practice, ref, record, home=request.build_absolute_uri(reverse("home"))),
    }


def _organisation(practice):
    if practice.lead_state_id:
        return {
            "@type": "GovernmentOrganization",
            "name": citations.author_of(practice),
            "areaServed": {"@type": "Country", "name": practice.lead_state.name},
        }
    body = practice.lead_body
    organisation = {"@type": "Organization", "name": body.name}
    if body.acronym:
        organisation["alternateName"] = body.acronym
    return organisation


def json_ld(practice, ref, record, *, home):
    """The schema.org ``Report`` describing the practice, as a safe ``<script>`` body."""
    data = {
        "@context": "https://schema.org",
        "@type": "Report",
        "@id": ref.url,
        "url": ref.url,
        "name": practice.title,
        "headline": practice.title[:110],
        "description": practice.summary,
        # The language of the text shown: a published translation's (``translation_reading``).
        "inLanguage": getattr(practice, "text_language", practice.language),
        "author": _organisation(practice),
        "creator": _organisation(practice),
        "about": [{"@type": "Thing", "name": name} for name in record["themes"]],
        "isPartOf": {
            "@type": "WebSite",
            "name": ref.platform,
            "url": home,
        },
    }
    if ref.year:
        data["dateCreated"] = str(ref.year)
    if record["first_published"]:
        data["datePublished"] = record["first_published"].date().isoformat()
    if record["last_published"]:
        data["dateModified"] = record["last_published"].date().isoformat()
    if practice.lead_state_id:
        data["spatialCoverage"] = {"@type": "Country", "name": practice.lead_state.name}
    elif practice.lead_body_id:
        data["spatialCoverage"] = {"@type": "Place", "name": str(practice.lead_body)}
    if practice.origin == Practice.Origin.PAPER:
        data["citation"] = {
            "@type": "Report",
            "name": PAPER_DOCUMENT,
            "datePublished": str(PAPER_YEAR),
            "author": {"@type": "GovernmentOrganization", "name": "Government of Sweden"},
        }
    elif practice.source_document:
        data["citation"] = practice.source_document
    encoded = json.dumps(data, ensure_ascii=False, indent=1).translate(_SCRIPT_ESCAPES)
    return mark_safe(encoded)  # noqa: S308 - <, > and & escaped above
