"""Template filters for practice pages."""

from django import template
from django.conf import settings
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from practices import relations
from practices.markdown import render_markdown
from practices.models import Practice

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitised HTML (see ``practices.markdown``)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.simple_tag
def practice_relations(practice):
    """What a practice links to (``practices.relations``)."""
    return relations.practice_relations(practice)


@register.simple_tag
def related_practices(practice, rel, limit=4):
    """Published practices of the same States first, then ones sharing a theme; newest first.

    Two index-friendly queries instead of ranking every published practice by overlap, which
    cost tens of milliseconds per page view at 10,000 practices.
    """
    if practice.pk is None:
        return []
    state_ids = [state.pk for state in rel["partner_states"]]
    if practice.lead_state_id:
        state_ids.append(practice.lead_state_id)
    candidates = (
        Practice.objects.published()
        .exclude(pk=practice.pk)
        .only("title", "slug", "lead_state", "lead_body", "pillar", "published_at")
        .order_by("-published_at", "title")
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


@register.simple_tag(takes_context=True)
def practice_citation(context, practice):
    """A ready-to-copy reference to the practice's page on this platform."""
    request = context.get("request")
    path = practice.get_absolute_url() if practice.slug else ""
    url = request.build_absolute_uri(path) if request else f"{settings.SITE_URL}{path}"
    year = practice.published_at.year if practice.published_at else _("n.d.")
    parts = [
        f"{practice.lead_name} ({year}). {practice.title}.",
        _("GFMD good-practice platform."),
    ]
    if practice.source_document:
        parts.append(_("Source: %(source)s.") % {"source": practice.source_document})
    updated = practice.updated_at or timezone.now()
    parts.append(
        _("Last updated %(date)s. %(url)s")
        % {"date": date_format(updated, "DATE_FORMAT"), "url": url}
    )
    return " ".join(str(part) for part in parts)


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template, or '' when absent."""
    return mapping.get(key, "") if mapping else ""
