"""Markdown for practice texts, rendered to HTML that is safe to show anyone.

Submitters write Markdown; the rendered HTML passes through nh3 (an allow-list sanitiser), so
no script, event handler, style or javascript: link survives, whatever was typed.
"""

import threading

import markdown as markdown_lib
import nh3

ALLOWED_TAGS = {
    "p", "br", "strong", "em", "b", "i", "ul", "ol", "li", "a", "blockquote", "code", "pre",
    "h3", "h4", "h5", "h6", "hr", "table", "thead", "tbody", "tr", "th", "td",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {"a": {"href", "title"}, "th": {"scope"}}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto"}


# One converter per thread, reset after each text: building one (its extensions, their
# patterns) cost more than converting a practice's texts. A converter is not thread-safe.
_converters = threading.local()


def render_markdown(text):
    """Render ``text`` as Markdown and return sanitised HTML (a plain ``str``)."""
    converter = getattr(_converters, "markdown", None)
    if converter is None:
        converter = _converters.markdown = markdown_lib.Markdown(extensions=["extra", "sane_lists"])
    html = converter.reset().convert(text or "")
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel="noopener noreferrer nofollow",
    )
