"""Public pages for practices and their taxonomy. Everything starts from ``visible_to``."""

from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, render

from .filters import PracticeFilter
from .models import Pillar, Practice, Theme

PAGE_SIZE = 20


def home(request):
    practices = Practice.objects.published()
    context = {
        "practice_count": practices.count(),
        "latest": practices.with_list_relations().order_by("-published_at", "title")[:6],
        "themes": Theme.objects.all(),
        "pillars": Pillar.objects.all(),
    }
    return render(request, "home.html", context)


def practice_list(request):
    base = Practice.objects.visible_to(request.user).with_list_relations()
    practice_filter = PracticeFilter(request.GET or None, queryset=base, request=request)
    results = practice_filter.qs if practice_filter.is_bound else base
    page = Paginator(results.order_by(*_ordering(results)), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "practices/practice_list.html",
        {"filter": practice_filter, "page_obj": page},
    )


def _ordering(queryset):
    return queryset.query.order_by or ["-published_at", "title"]


def practice_detail(request, slug):
    practice = get_object_or_404(
        Practice.objects.visible_to(request.user)
        .select_related("lead_state", "lead_body", "pillar")
        .prefetch_related(
            "themes", "gcm_objectives", "partner_states", "partner_bodies", "institutions"
        ),
        slug=slug,
    )
    return render(request, "practices/practice_detail.html", {"practice": practice})


def _taxonomy_page(request, obj, practices, template):
    page = Paginator(practices.with_list_relations().order_by("title"), PAGE_SIZE).get_page(
        request.GET.get("page")
    )
    return render(request, template, {"object": obj, "page_obj": page})


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
