"""``{% per_language %}``: a fragment of a template rendered once per language in each process.

For the parts of every page that depend on nothing but the language (the menu, the footer,
the links in the head): their addresses and translations are fixed while the process runs,
so rendering them on each request (about twenty ``{% url %}`` and thirty translations, half
of ``base.html``'s time) bought nothing. The fragment is rendered with an empty context, so
nothing about the request or the reader can reach the copy every reader gets.
"""

from django import template
from django.urls import get_script_prefix, get_urlconf
from django.utils.translation import get_language

register = template.Library()


@register.tag
def per_language(parser, token):
    nodelist = parser.parse(("endper_language",))
    parser.delete_first_token()
    return PerLanguageNode(nodelist)


class PerLanguageNode(template.Node):
    """Keeps its renderings on the node, which the cached template loader keeps per process."""

    def __init__(self, nodelist):
        self.nodelist = nodelist
        self.rendered = {}

    def render(self, context):
        # The addresses also depend on the URL configuration in use and the script prefix.
        key = (get_language(), get_script_prefix(), get_urlconf())
        html = self.rendered.get(key)
        if html is None:
            html = self.rendered[key] = self.nodelist.render(context.new())
        return html
