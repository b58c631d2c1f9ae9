"""A practice's citation downloads and its published versions' permanent addresses.

Both start from ``Practice.objects.published()``: an unpublished or archived practice has no
citation and no versions to show (404).
"""

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render

from . import citations, metadata, selectors
from .models import Practice, PracticeVersion
from .relations import attach_lead_relations
from .versions import as_practice


def _published(slug):
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    attach_lead_relations([practice])
    return practice


def practice_cite(request, slug, fmt):
    """The practice's reference as BibTeX (``bib``), RIS (``ris``) or CSL-JSON (``json``)."""
    practice = _published(slug)
    render_format, content_type = citations.FORMATS[fmt]
    record = selectors.practice_record(practice)
    ref = metadata.page_context(request, practice, record)["citation"]
    response = HttpResponse(render_format(ref), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="gfmd-{practice.slug}.{fmt}"'
    return response


def practice_version(request, slug, number):
    """What version ``number`` of a published practice said: kept out of search engines'
    indexes, its canonical address the current page."""
    live = _published(slug)
    version = get_object_or_404(PracticeVersion.objects.filter(practice=live), number=number)
    version.practice = live
    practice, rel = as_practice(version)
    record = selectors.practice_record(live)
    context = {
        "practice": practice,
        "live": live,
        "version": version,
        "rel": rel,
        "related": [],
        "preview": False,
        "is_current": record["versions"][0][0] == version.number,
        **metadata.page_context(request, live, record),
    }
    return render(request, "practices/practice_version.html", context)
