"""Every link of the header, its menu and the footer, followed in every language, lands on a page
in that same language."""

import re
from html.parser import HTMLParser

import pytest
from django.conf import settings

LANGUAGES = [code for code, _name in settings.LANGUAGES]


class _ChromeLinks(HTMLParser):
    """The ``href`` of every link inside the page's ``<header>`` and ``<footer>``."""

    def __init__(self):
        super().__init__()
        self.depth = 0
        self.links = []

    def handle_starttag(self, tag, attrs):
        if tag in ("header", "footer"):
            self.depth += 1
        elif tag == "a" and self.depth:
            self.links.append(dict(attrs).get("href", ""))

    def handle_endtag(self, tag):
        if tag in ("header", "footer"):
            self.depth -= 1


def chrome_links(html):
    parser = _ChromeLinks()
    parser.feed(html)
    # Our own pages only: not the skip link's fragment, not another site.
    return sorted({link for link in parser.links if link.startswith("/")})


def page_language(html):
    return re.search(r'<html[^>]* lang="([^"]+)"', html).group(1)


@pytest.mark.parametrize("signed_in", [False, True], ids=["anonymous", "signed in"])
@pytest.mark.parametrize("language", LANGUAGES)
def test_every_header_and_footer_link_keeps_the_readers_language(
    client, catalogue, submitter, language, signed_in
):
    if signed_in:
        client.force_login(submitter)
    links = chrome_links(client.get(f"/{language}/").content.decode())
    assert len(links) >= 8, links

    wrong = {}
    for link in links:
        if link.startswith("/static/") or link.endswith((".xml", ".atom", ".ico")):
            continue
        response = client.get(link, follow=True)
        if response.status_code != 200:
            wrong[link] = response.status_code
        elif "text/html" in response["Content-Type"]:
            landed = page_language(response.content.decode())
            if landed != language:
                wrong[link] = landed
    assert not wrong, wrong
