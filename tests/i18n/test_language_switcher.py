"""The language switcher keeps the reader on the same page, for every language-prefixed page.

Every named pattern under the language prefix is reversed with factories' objects, and the
switcher's form (its ``next`` field is the page's full path) is posted from one language to
each of the six: the answer is the same page in the chosen language.
"""

import re
import uuid

import pytest
from django.conf import settings
from django.contrib.auth.tokens import default_token_generator
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.urls.resolvers import LocalePrefixPattern
from django.utils import translation
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from accounts.models import JoinRequest
from tests import factories
from tests.questionnaires.factories import RoundFactory

pytestmark = pytest.mark.django_db

LANGUAGES = [code for code, _name in settings.LANGUAGES]


def _prefixed_patterns(patterns=None, namespace=None, prefixed=False):
    """(name, keyword arguments) of every named pattern under the language prefix."""
    for pattern in get_resolver().url_patterns if patterns is None else patterns:
        if isinstance(pattern, URLResolver):
            inner = ":".join(filter(None, [namespace, pattern.namespace]))
            yield from _prefixed_patterns(
                pattern.url_patterns,
                inner or None,
                prefixed or isinstance(pattern.pattern, LocalePrefixPattern),
            )
        elif isinstance(pattern, URLPattern) and pattern.name and prefixed:
            name = f"{namespace}:{pattern.name}" if namespace else pattern.name
            # A regular-expression pattern names its arguments as groups, not converters.
            arguments = pattern.pattern.converters or pattern.pattern.regex.groupindex
            yield name, tuple(arguments)


@pytest.fixture
def objects():
    """One object of each kind a page's address names."""
    practice = factories.PracticeFactory()
    state = practice.lead_state
    user = factories.SubmitterFactory(states=[state])
    return {
        "practice": practice,
        "state": state,
        "theme": factories.ThemeFactory(),
        "pillar": practice.pillar,
        "body": factories.RegionalBodyFactory(),
        "contact": factories.ContactFactory(state=state),
        "join_request": JoinRequest.objects.create(user=user, state=factories.StateFactory()),
        "round": RoundFactory(),
        "user": user,
    }


def _kwargs(name, converters, objects):
    """The keyword arguments that address an existing object for the pattern ``name``."""
    slugs = {
        "practices:practice_detail": objects["practice"].slug,
        "practices:practice_cite": objects["practice"].slug,
        "practices:practice_version": objects["practice"].slug,
        "practices:theme_detail": objects["theme"].slug,
        "practices:theme_feed": objects["theme"].slug,
        "practices:pillar_detail": objects["pillar"].slug,
        "practices:state_feed": objects["state"].slug,
        "states:state_detail": objects["state"].slug,
        "states:body_detail": objects["body"].slug,
        "conversations:ask_state": objects["state"].slug,
        "conversations:ask_practice": objects["practice"].slug,
        # Switching language only needs the address: no call has to exist.
        "calls:call_detail": "a-call-for-practices",
    }
    pks = {
        "workflow:contact_edit": objects["contact"].pk,
        "accounts:decide_join_request": objects["join_request"].pk,
    }
    values = {
        "slug": slugs.get(name),
        "pk": pks.get(name, objects["practice"].pk),
        # Attachments need an uploaded file; the address only needs its public identifier.
        "public_id": uuid.uuid4(),
        "state_slug": objects["state"].slug,
        "state": objects["state"].slug,
        "year": objects["round"].year,
        "uidb64": urlsafe_base64_encode(force_bytes(objects["user"].pk)),
        "token": default_token_generator.make_token(objects["user"]),
        "fmt": "bib",
        "number": 1,
        "step": "about",
        # A practice translation's language (its form).
        "language": "es",
        # allauth's signed keys: the address is all the switcher reads.
        "key": "signed-key",
        "uidb36": "1",
    }
    kwargs = {key: values[key] for key in converters}
    assert None not in kwargs.values(), f"no object for {name} {converters}: add one here"
    return kwargs


def test_the_walk_covers_the_pages_a_reader_reaches(objects):
    names = {name for name, _converters in _prefixed_patterns()}

    assert {"home", "login", "accounts:join_state", "states:state_detail"} <= names
    assert len(names) > 40


@pytest.mark.parametrize("target", LANGUAGES)
def test_switching_language_on_any_page_lands_on_the_same_page_in_that_language(
    client, objects, target
):
    source = LANGUAGES[(LANGUAGES.index(target) + 1) % len(LANGUAGES)]
    for name, converters in _prefixed_patterns():
        kwargs = _kwargs(name, converters, objects)
        with translation.override(source):
            here = reverse(name, kwargs=kwargs) + "?page=2"
        with translation.override(target):
            expected = reverse(name, kwargs=kwargs) + "?page=2"

        response = client.post(reverse("set_language"), {"language": target, "next": here})

        assert response.status_code == 302, name
        assert response["Location"] == expected, name
        assert expected.startswith(f"/{target}/")


def test_the_switcher_on_the_sign_in_page_sends_its_whole_address(client):
    html = client.get("/zh-hans/accounts/login/?next=/zh-hans/my-state/").content.decode()

    sent = re.search(r'name="next" type="hidden" value="([^"]+)"', html).group(1)
    assert sent == "/zh-hans/accounts/login/?next=/zh-hans/my-state/"


@pytest.mark.parametrize("target", LANGUAGES)
def test_choosing_a_language_on_the_sign_in_page_shows_the_sign_in_page_in_it(client, target):
    response = client.post(
        reverse("set_language"),
        {"language": target, "next": "/fr/accounts/login/"},
        follow=True,
    )

    assert response.redirect_chain[-1][0] == f"/{target}/accounts/login/"
    assert response.status_code == 200
    assert f'<html lang="{target}"' in response.content.decode()


def test_an_old_unprefixed_accounts_link_still_reaches_its_page(client):
    response = client.get("/accounts/login/", HTTP_ACCEPT_LANGUAGE="ru")

    assert response.status_code == 302
    assert response["Location"] == "/ru/accounts/login/"


def test_the_switcher_names_each_language_in_itself_in_un_order(client):
    html = client.get(reverse("home")).content.decode()

    names = re.findall(r'<option value="([^"]+)"[^>]*>([^<]+)</option>', html)
    assert [code for code, _name in names] == ["ar", "zh-hans", "en", "fr", "ru", "es"]
    assert dict(names) == {
        "ar": "العربيّة",
        "zh-hans": "简体中文",
        "en": "English",
        "fr": "Français",
        "ru": "Русский",
        "es": "Español",
    }


def test_with_javascript_the_switcher_needs_no_button(client):
    """The button is there for readers without JavaScript; site.js hides it and submits on
    change (the browser test of the pages checks the script runs under the CSP)."""
    html = client.get(reverse("home")).content.decode()
    script = (settings.BASE_DIR / "static" / "js" / "site.js").read_text()

    assert "data-autosubmit" in html
    assert "form[data-autosubmit]" in script and "button.hidden = true" in script
