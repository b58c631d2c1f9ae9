"""Template filters for practice pages."""

from django import template
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _

from core.site import absolute_url
from practices.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitised HTML (see ``practices.markdown``)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.simple_tag(takes_context=True)
def practice_citation(context, practice):
    """A ready-to-copy reference to the practice's page on this platform."""
    request = context.get("request")
    path = practice.get_absolute_url() if practice.slug else ""
    url = request.build_absolute_uri(path) if request else absolute_url(path)
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
