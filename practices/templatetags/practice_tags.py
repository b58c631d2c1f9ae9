"""Template filters and tags for practice pages."""

from django import template
from django.utils.safestring import mark_safe

from practices import cards
from practices.markdown import render_markdown

register = template.Library()


@register.filter(name="markdown")
def markdown_filter(text):
    """Render Markdown to sanitised HTML (see ``practices.markdown``)."""
    return mark_safe(render_markdown(text))  # noqa: S308 - nh3 has sanitised it


@register.filter
def lookup(mapping, key):
    """``mapping[key]`` in a template, or '' when absent."""
    return mapping.get(key, "") if mapping else ""


@register.simple_tag
def practice_card(practice, snippet=""):
    """A practice's result card (``practices.cards``)."""
    return cards.card(practice, snippet)
