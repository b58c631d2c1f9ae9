"""Template tags of the search page."""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag
def facet_checkboxes(facet, items):
    """The labelled facet checkboxes of ``items``, each with its count.

    A long label (a GCM objective's) is cut to one line by the style sheet, with its count
    kept on that line; the whole text stays in the label (the checkbox's accessible name) and
    shows on hover and focus.

    Rendered in Python, in one piece: a page can list a few hundred values, and rendering them
    one template node (or one ``format_html``) at a time was the largest cost of the page.
    """
    rows = []
    for item in items:
        control_id = escape(f"f-{facet.name}-{item.value}")
        nested = ' class="facet-nested"' if item.nested else ""
        rows.append(
            f"<li{nested}>"
            f'<input type="checkbox" id="{control_id}" name="{escape(facet.name)}" '
            f'value="{escape(str(item.value))}"{" checked" if item.selected else ""}>'
            f'<label for="{control_id}"><span class="facet-text">'
            f"<bdi>{escape(str(item.label))}</bdi></span> "
            f'<span class="count">({int(item.count)})</span></label></li>'
        )
    return mark_safe("".join(rows))  # noqa: S308 - every value is escaped above
