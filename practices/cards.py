"""A practice's result card as HTML, rendered in one piece.

Search pages, the home page, theme, pillar and body pages and calls list up to 20 cards.
Rendered as a template included once per card, they were ~5 ms of a computed search page's
24 ms of CPU at 100,000 practices (``scripts/profile_pages.py``); built here from strings they
cost a tenth of that. Every value is escaped as the template engine would
(``conditional_escape``: a highlighted snippet is already safe HTML). The markup is what the
style sheet and the accessibility tests know; ``tests/public/test_practice_cards.py`` pins it.
"""

from django.utils.html import conditional_escape as escape
from django.utils.safestring import mark_safe
from django.utils.translation import get_language, gettext


def card(practice, snippet=""):
    """The card of ``practice`` (as listed: ``with_list_relations`` or the search's cards),
    with ``snippet`` (the highlighted passage of a search) in place of its summary."""
    language = get_language()
    text_language = getattr(practice, "text_language", None) or practice.language
    lang = f' lang="{escape(text_language)}"' if text_language != language else ""
    meta = []
    if practice.lead_state:
        meta.append(f"<span>{escape(practice.lead_state.display_name)}</span>")
    elif practice.lead_body:
        meta.append(f"<span><bdi>{escape(practice.lead_body)}</bdi></span>")
    if years := practice.years_display:
        meta.append(f"<span>· <bdi>{escape(years)}</bdi></span>")
    meta.append(f"<span>· {escape(practice.pillar.display_name)}</span>")
    if getattr(practice, "translated_card", False):
        meta.append(f'<span class="language-label">· {escape(gettext("Translation"))}</span>')
    elif practice.language != language:
        label = gettext("In %(language)s") % {"language": practice.get_language_display()}
        meta.append(f'<span class="language-label">· {escape(label)}</span>')
    if snippet:
        text = f'<p class="snippet" dir="auto">{escape(snippet)}</p>'
    else:
        text = f'<p dir="auto">{escape(practice.summary)}</p>'
    themes = "".join(
        f'<li><a href="{escape(theme.get_absolute_url())}">{escape(theme.display_name)}</a></li>'
        for theme in practice.card_themes
    )
    return mark_safe(  # noqa: S308 - every value is escaped above
        f'<article class="card"{lang}>\n'
        f'  <h3 class="card-title" dir="auto"><a href="{escape(practice.get_absolute_url())}">'
        f"{escape(practice.title)}</a></h3>\n"
        f'  <p class="card-meta" lang="{escape(language)}">\n    '
        + "\n    ".join(meta)
        + f"\n  </p>\n  {text}\n"
        f'  <ul class="tags" aria-label="{escape(gettext("Themes"))}" lang="{escape(language)}">\n'
        f"    {themes}\n  </ul>\n</article>\n"
    )
