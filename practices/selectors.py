"""The public side's composed and cached reads (the HackSoft Styleguide's selectors).

Views and the API viewset call these and render; each cached read goes through ``core.cache``
(its key, its lifetime, the public version that a publication moves), so none of them builds
a key or picks a lifetime of its own. What the practice article shows (its relations, the
related practices) is read here and handed to its template: no template tag queries.
"""

from django.core.paginator import Paginator
from django.db.models import Count, F, Func, OuterRef, Q, Subquery
from django.template.loader import render_to_string
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from core.cache import (
    api_count_key,
    api_list_key,
    api_practice_key,
    cached,
    cached_many,
    home_counts_key,
    practice_article_key,
    practice_record_key,
    world_map_key,
)
from core.collation import sorted_by_name
from states import maps
from states.models import Contact, RegionalBody

from . import currency, relations
from .api import representations
from .evidence_page import evidence_of
from .managers import CARD_FIELDS, published
from .models import Pillar, Practice, PracticeVersion, Theme

RELATED_PRACTICES = 4


def home_counts():
    """The home page's headline and per-theme/per-region/per-State counts: one dict, cached
    until the next publication (they cost a scan of every published practice).

    ``lead_states`` holds a ``maps.StateCount`` per State that leads a published practice
    (the world map's figures); the per-region counts are their sums, from the same query.
    """
    return cached(home_counts_key(), _count_home)


def _count_home():
    published = Practice.objects.published()
    lead_states = (
        published.filter(lead_state__isnull=False)
        .values_list(
            "lead_state__m49_code",
            "lead_state__iso2",
            "lead_state__slug",
            "lead_state__name",
            "lead_state__region_id",
        )
        .annotate(n=Count("pk"))
        .order_by()
    )
    regions, states = {}, []
    for m49_code, iso2, slug, name, region_id, count in lead_states:
        regions[region_id] = regions.get(region_id, 0) + count
        states.append(maps.StateCount(m49_code, iso2, slug, name, count))
    return {
        "practices": published.count(),
        "states": published.involved_states().count(),
        "bodies": RegionalBody.objects.count(),
        "themes": dict(
            Theme.objects.filter(practices__in=published)
            .values_list("pk")
            .annotate(n=Count("practices"))
            .order_by()
        ),
        "regions": regions,
        "lead_states": states,
    }


def world_map(rows=None):
    """The world map of published practices per State, as HTML in the active language:
    rendered once per language until the next publication (about 180 shapes).

    ``rows`` is a function returning the ``maps.StateCount`` of each State, for a page that
    has counted them already (the States index); by default the home page's counts.
    """

    def render():
        counts = rows() if rows else home_counts()["lead_states"]
        return render_to_string("states/_world_map.html", {"map": maps.world_map(counts)})

    html = cached(world_map_key(get_language()), render)
    return mark_safe(html)  # noqa: S308 - rendered by a template


def taxonomy_page(practices, number, size):
    """Page ``number`` (``size`` practices) of ``practices``, the published ones a theme,
    pillar or body page lists: newest first, with what their cards show."""
    return Paginator(
        practices.with_list_relations()
        .defer("description", "objectives", "results", "lessons")
        .newest_first(),
        size,
    ).get_page(number)


def practice_article(request, practice, *, preview=False):
    """A practice's article (relations, related practices) as HTML; see ``practice_page``.

    A preview (a draft, or an unsaved practice) is rendered each time.
    """
    if preview:
        return _render_article(request, practice, rel=relations.practice_relations(practice))
    return practice_page(request, practice)[0]


def practice_page(request, practice):
    """``(article HTML, record)`` of a published practice (``record`` as ``practice_record``).

    Both are computed once per key (``practice_article_key``) until the next publication:
    the article costs a dozen queries and most of the page's rendering, and the record reuses
    the article's themes.
    """

    def compute():
        rel = relations.practice_relations(practice)
        record = _read_record(practice, rel["themes"])
        return {
            "html": _render_article(
                request, practice, rel=rel, record=record, currency=currency.currency_of(practice)
            ),
            "record": record,
        }

    key = practice_article_key(practice, get_language(), request.get_host())
    page = cached(key, compute)
    return mark_safe(page["html"]), page["record"]  # noqa: S308 - rendered by a template


def _render_article(request, practice, *, rel, record=None, currency=None):
    context = {
        "practice": practice,
        "rel": {**rel, "evidence": evidence_of(practice, rel)},
        "related": related_practices(practice, rel) if record else [],
        "preview": record is None,
        # The last published change, not ``updated_at`` (a decision or a reindex moves it).
        "last_published": record["last_published"] if record else None,
        # Whether the State confirmed it is still current (``practices.currency``): an
        # answer moves the practice's ``updated_at``, hence the article's key.
        "currency": currency,
    }
    return render_to_string("practices/_practice_article.html", context, request)


def practice_record(practice):
    """What a published practice's citation, metadata and version list need beyond the row:
    ``{"versions": [(number, published_at), ...] newest first, "first_published",
    "last_published", "themes": [display names]}``, cached until the next publication.

    ``last_published`` is the latest published change (the newest version), not the row's
    ``updated_at``, which a moderator's decision or a reindex also moves.
    """
    return cached(practice_record_key(practice, get_language()), lambda: _read_record(practice))


def _read_record(practice, themes=None):
    versions = list(
        PracticeVersion.objects.filter(practice=practice)
        .order_by("-number")
        .values_list("number", "published_at")
    )
    if themes is None:
        themed = Practice.themes.through.objects.filter(practice=practice)
        themes = relations.kept_among("themes", list(themed.values_list("theme_id", flat=True)))
    return {
        "versions": versions,
        "first_published": versions[-1][1] if versions else practice.published_at,
        "last_published": versions[0][1] if versions else practice.published_at,
        "themes": [theme.display_name for theme in themes],
    }


def related_practices(practice, rel, limit=RELATED_PRACTICES):
    """Published practices of the same States first, then ones sharing a theme; newest first.

    ``rel`` is the practice's ``relations.practice_relations``. Two index-friendly queries
    instead of ranking every published practice by overlap, which cost tens of milliseconds
    per page view at 10,000 practices.
    """
    state_ids = [state.pk for state in rel["partner_states"]]
    if practice.lead_state_id:
        state_ids.append(practice.lead_state_id)
    candidates = (
        Practice.objects.published()
        .exclude(pk=practice.pk)
        .only("title", "slug", "lead_state", "lead_body", "pillar", "published_at")
        .newest_first()
    )
    related = list(candidates.filter(lead_state_id__in=state_ids)[:limit]) if state_ids else []
    if len(related) < limit:
        themed = Practice.themes.through.objects.filter(
            theme_id__in=[theme.pk for theme in rel["themes"]]
        )
        related += candidates.filter(pk__in=themed.values("practice_id")).exclude(
            pk__in=[other.pk for other in related]
        )[: limit - len(related)]
    return relations.attach_lead_relations(related)


def published_count(filters, ids):
    """``ids.count()``, cached until the next publication under ``filters`` (the (name,
    value) pairs that chose them): every page and order of one API listing shares it."""
    return cached(api_count_key(filters), ids.count)


def api_list_answer(request, latest_change, compute):
    """An API list answer for readers of published practices, ``compute()`` once per
    address, language and ``latest_change`` (see ``api_list_key``) until the next
    publication."""
    key = api_list_key(
        f"{request.scheme}://{request.get_host()}",
        get_language(),
        latest_change,
        request.get_full_path(),
    )
    return cached(key, compute)


def public_representations(request, ids):
    """``{pk: API representation}`` of the published practices ``ids``, with public contacts.

    Each is cached until the next publication (or its next save): every list, search and
    sync page that shows it shares it. A contact, institution, State or body saved anywhere
    moves the public version (``practices.signals``): none is shown stale.
    """
    contacts = Contact.objects.public().order_by("name")
    # A practice saved since (``updated_at``) gets a new key even without a publication.
    saved = dict(Practice.objects.filter(pk__in=ids).values_list("pk", "updated_at"))
    host, language = request.get_host(), get_language()
    keys = {pk: api_practice_key(host, language, pk, saved[pk]) for pk in ids if pk in saved}
    return cached_many(keys, lambda missing: representations.build(request, missing, contacts))


def themes_with_counts():
    """Every theme with ``practice_count``, its published practices (the home page's counts),
    in the reader's alphabetical order."""
    counts = home_counts()["themes"]
    themes = sorted_by_name(Theme.objects.all())
    for theme in themes:
        theme.practice_count = counts.get(theme.pk, 0)
    return themes


def pillars_with_counts():
    """Every coherence pillar with ``practice_count``, its published practices."""
    return Pillar.objects.annotate(
        practice_count=Count("practices", filter=published("practices__"))
    ).order_by("number")


def bodies_by_kind():
    """``[(kind label, [body, ...]), ...]``: every regional or international body with
    ``practice_count``, the published practices it leads or joins as a partner (the body
    page's list), and ``member_count``."""
    # The body page's rule (``involving_body``), counted per body in one correlated subquery.
    partners = Practice.partner_bodies.through.objects.filter(
        regionalbody_id=OuterRef(OuterRef("pk"))
    ).values("practice_id")
    involving = (
        Practice.objects.published()
        .filter(Q(lead_body=OuterRef("pk")) | Q(pk__in=partners))
        .order_by()
        .values(n=Func(F("pk"), function="COUNT"))
    )
    bodies = RegionalBody.objects.annotate(
        practice_count=Subquery(involving), member_count=Count("members", distinct=True)
    )
    # Kinds in their declared order: regional organisations first, as the page is named; bodies
    # by their name in the reader's language (CEDEAO's "Communauté…" among the C in French).
    groups = {kind: [] for kind in RegionalBody.Kind}
    for body in sorted_by_name(bodies, name=lambda body: body.display_name):
        groups[body.kind].append(body)
    return [(kind.label, members) for kind, members in groups.items() if members]


def whats_new(size):
    """The ``size`` latest publications and the ``size`` latest updates of published practices."""
    published_practices = Practice.objects.published().with_list_relations()
    return {
        "newly_published": list(published_practices.newest_first()[:size]),
        "recently_updated": list(
            published_practices.only(*CARD_FIELDS, "updated_at").order_by("-updated_at", "-pk")[
                :size
            ]
        ),
    }
