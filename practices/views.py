"""Public pages for practices and their taxonomy.

Everything here is public, so everything starts from ``Practice.objects.published()`` (the
search page from ``search_results.searchable()``, the published practices in the index) and
``Contact.objects.public()``.
"""

import csv

from django.db.models import Max
from django.http import HttpResponseBadRequest, StreamingHttpResponse
from django.shortcuts import get_object_or_404, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import cached, home_page_key, search_page_key
from core.collation import sorted_by_name
from core.csvsafe import safe_row
from states.models import Region

from . import metadata, readership, selectors
from .backlinks import back_to_results
from .facets import active_filters, build_facets, decade_links, query_string
from .filters import ORDERING_CHOICES, PracticeFilter, filter_errors
from .models import Pillar, Practice, Theme
from .relations import attach_lead_relations
from .search_results import did_you_mean, search, searchable
from .translation_reading import show_in_reader_language

PAGE_SIZE = 20
# Everything the public practice page shows (contacts and attachments apart: they have
# their own pages and API), one column each.
CSV_COLUMNS = [
    "title",
    "url",
    "lead_state",
    "lead_body",
    "reported_by",
    "partner_states",
    "partner_bodies",
    "institutions",
    "pillar",
    "themes",
    "gcm_objectives",
    "stage",
    "start_year",
    "end_year",
    "summary",
    "description",
    "objectives",
    "results",
    "evaluation_type",
    "beneficiaries_reached",
    "lessons",
    "language",
    "source_document",
    "source_section",
    "source_url",
    "source_year",
    "published_at",
    "last_updated",
]


def home(request):
    """The home page. Its content (counts, map, latest practices) is rendered once per language
    until the next publication (``core.cache``): it is the same for every reader, and rendering
    it cost most of the request. The reader's menu and the language switcher's CSRF token are
    in the page around it (``base.html``), rendered each time."""
    content = cached(home_page_key(get_language()), _home_content)
    html = mark_safe(content)  # noqa: S308 - rendered by a template
    return render(request, "home.html", {"content": html})


def _home_content():
    # Rendered without the request: nothing about the reader can reach the shared copy.
    counts = selectors.home_counts()
    regions = sorted_by_name(Region.objects.filter(level=Region.Level.REGION))
    for region in regions:
        region.practice_count = counts["regions"].get(region.pk, 0)
    # A theme without practices leads nowhere from the home page; the themes page lists all.
    themes = [theme for theme in selectors.themes_with_counts() if theme.practice_count]
    context = {
        "practice_count": counts["practices"],
        "state_count": counts["states"],
        "body_count": counts["bodies"],
        "latest": Practice.objects.published().with_list_relations().newest_first()[:6],
        "themes": themes,
        "pillars": Pillar.objects.all(),
        "regions": regions,
        "world_map": selectors.world_map(),
    }
    return render_to_string("_home_content.html", context)


def practice_list(request):
    """The search page: full text, facets with live counts, sorting, pagination.

    Its results and facets are rendered once per address and language until the next
    publication (``core.cache``): they show nothing about the reader, and rendering
    them cost as much as the search. The rest of the page (the reader's menu, the CSRF token of
    the language switcher) is rendered each time.
    """
    query = request.META.get("QUERY_STRING", "")
    layout = cached(search_page_key(get_language(), query), lambda: _search_layout(request))
    context = {
        "criteria": layout["criteria"],
        "ordering_choices": ORDERING_CHOICES,
        "search_layout": mark_safe(layout["html"]),  # noqa: S308 - rendered by a template
        "noindex": layout["noindex"],
    }
    return render(request, "practices/practice_list.html", context)


def _search_layout(request):
    """The search page's facets and results: ``{"html", "noindex", "criteria"}``."""
    practice_filter = PracticeFilter(request.GET, queryset=searchable(), request=request)
    results = search(practice_filter, request.GET.get("page"), PAGE_SIZE)
    criteria = results.criteria
    facets = build_facets(results.facets, criteria)
    cleaned = getattr(practice_filter.form, "cleaned_data", {})
    active = active_filters(facets, criteria, request.GET, bodies=cleaned.get("body") or [])
    corrected = did_you_mean(criteria, results.count, get_language())
    context = {
        "filter": practice_filter,
        "filter_errors": filter_errors(practice_filter),
        "suggestion": corrected
        and {"text": corrected, "query": query_string(request.GET, q=corrected)},
        "criteria": criteria,
        "page_obj": results.page,
        "result_count": results.count,
        "snippets": results.snippets,
        "facets": facets,
        "decades": decade_links(results.facets, criteria, request.GET),
        "active_filters": active,
        "export_query": query_string(request.GET),
    }
    html = render_to_string("practices/_search_layout.html", context, request)
    # Pages past the first and filtered views stay out of search engines' indexes.
    return {
        "html": html,
        "noindex": results.page.number > 1 or bool(active),
        "criteria": criteria,
    }


class _Echo:
    """A write-only buffer: ``csv.writer`` hands each row straight to the streaming response."""

    def write(self, value):
        return value


def practice_export(request):
    """The current search results as CSV (same FilterSet, same parameters as the page)."""
    practice_filter = PracticeFilter(
        request.GET, queryset=Practice.objects.published(), request=request
    )
    errors = filter_errors(practice_filter)
    if errors:
        # A file of other results than the reader asked for would mislead: say what is wrong.
        message = "\n".join(f"{label}: {text}" for label, text in errors)
        return HttpResponseBadRequest(message, content_type="text/plain; charset=utf-8")
    practices = (
        practice_filter.qs.select_related("lead_state", "lead_body", "reported_by", "pillar")
        .prefetch_related(
            "partner_states", "partner_bodies", "institutions", "themes", "gcm_objectives"
        )
        # The last published change, as the page's "Last update" (not ``updated_at``).
        .annotate(last_updated=Max("versions__published_at"))
    )
    writer = csv.writer(_Echo())
    counted = readership.countable(request)

    def rows():
        yield writer.writerow(CSV_COLUMNS)
        held = []
        for practice in practices.iterator(chunk_size=500):
            held.append(practice.pk)
            yield writer.writerow(safe_row(_csv_row(request, practice)))
        # Sent whole: one download for each practice it held (``readership``).
        if counted:
            readership.count_downloads(held)

    stamp = timezone.now().strftime("%Y%m%d")
    response = StreamingHttpResponse(rows(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="gfmd-practices-{stamp}.csv"'
    return response


def _csv_row(request, practice):
    def names(items):
        return "; ".join(str(item) for item in items)

    return [
        practice.title,
        request.build_absolute_uri(practice.get_absolute_url()),
        practice.lead_state.name if practice.lead_state else "",
        str(practice.lead_body or ""),
        practice.reported_by.name if practice.reported_by else "",
        names(state.name for state in practice.partner_states.all()),
        names(practice.partner_bodies.all()),
        names(practice.institutions.all()),
        practice.pillar.display_name,
        names(theme.display_name for theme in practice.themes.all()),
        names(objective.number for objective in practice.gcm_objectives.all()),
        practice.get_stage_display(),
        practice.start_year or "",
        practice.end_year or "",
        practice.summary,
        practice.description,
        practice.objectives,
        practice.results,
        # The label ("Not given" when blank), never a score.
        practice.get_evaluation_type_display(),
        practice.beneficiaries_reached or "",
        practice.lessons,
        practice.language,
        practice.source_document,
        practice.source_section,
        practice.source_url,
        practice.source_year or "",
        practice.published_at.isoformat() if practice.published_at else "",
        _moment(practice.last_updated or practice.published_at),
    ]


def _moment(value):
    return value.isoformat(timespec="seconds") if value else ""


def practice_detail(request, slug):
    """A published practice. Its article (relations, related practices, citation) is cached
    until the next publication: it costs a dozen queries and most of the rendering."""
    practice = get_object_or_404(Practice.objects.published(), slug=slug)
    # One upsert, and nothing about the reader kept (``readership``).
    readership.count_view(request, practice)
    attach_lead_relations([practice])
    show_in_reader_language(practice, get_language())
    article, record = selectors.practice_page(request, practice)
    context = {
        "practice": practice,
        "article": article,
        "back_url": back_to_results(request),
        "page_url": request.build_absolute_uri(practice.get_absolute_url()),
        **metadata.page_context(request, practice, record),
    }
    return render(request, "practices/practice_detail.html", context)


def _taxonomy_page(request, obj, practices, template, extra=None):
    page = selectors.taxonomy_page(practices, request.GET.get("page"), PAGE_SIZE)
    return render(request, template, {"object": obj, "page_obj": page, **(extra or {})})


def theme_detail(request, slug):
    theme = get_object_or_404(Theme, slug=slug)
    return _taxonomy_page(
        request,
        theme,
        Practice.objects.published().filter(themes=theme),
        "practices/theme_detail.html",
    )


def pillar_detail(request, slug):
    pillar = get_object_or_404(Pillar, slug=slug)
    return _taxonomy_page(
        request,
        pillar,
        Practice.objects.published().filter(pillar=pillar),
        "practices/pillar_detail.html",
    )
