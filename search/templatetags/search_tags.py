"""Template tags of the search page."""

from django import template
from django.utils.html import format_html
from django.utils.safestring import mark_safe

NESTED = mark_safe(' class="facet-nested"')
CHECKED = mark_safe(" checked")

register = template.Library()


@register.simple_tag
def facet_checkbox(facet, item):
    """One labelled facet checkbox with its count.

    Rendered in Python rather than by an include: a page can list a few hundred values, and
    an include per value was the largest single cost of rendering the page.
    """
    control_id = f"f-{facet.name}-{item.value}"
    return format_html(
        '<li{}><input type="checkbox" id="{}" name="{}" value="{}"{}>'
        '<label for="{}">{} <span class="count">({})</span></label></li>',
        NESTED if item.nested else "",
        control_id,
        facet.name,
        item.value,
        CHECKED if item.selected else "",
        control_id,
        item.label,
        item.count,
    )
