"""Pages addressed by a slug are linked through ``core.urls.reverse_slug``, which must give
exactly what Django's ``reverse`` gives, in every language and under any script prefix."""

import pytest
from django.conf import settings
from django.urls import NoReverseMatch, reverse, set_script_prefix
from django.utils import translation

from core.urls import reverse_slug

VIEWS = [
    "practices:practice_detail",
    "practices:theme_detail",
    "practices:pillar_detail",
    "states:state_detail",
    "states:body_detail",
]


@pytest.mark.parametrize("viewname", VIEWS)
@pytest.mark.parametrize("language", [code for code, _name in settings.LANGUAGES])
def test_a_slug_address_is_the_one_reverse_gives_in_every_language(viewname, language):
    with translation.override(language):
        for slug in ["mexico", "circular-migration_2008", "0"]:
            assert reverse_slug(viewname, slug) == reverse(viewname, kwargs={"slug": slug})


def test_the_address_follows_the_script_prefix_of_the_request():
    try:
        set_script_prefix("/platform/")
        assert reverse_slug("states:state_detail", "mexico") == "/platform/en/states/mexico/"
    finally:
        set_script_prefix("/")
    assert reverse_slug("states:state_detail", "mexico") == "/en/states/mexico/"


def test_a_slug_the_address_refuses_fails_as_reverse_does():
    # ``SlugField`` refuses it, but a row written around the form could hold one: no address
    # is made up for it.
    for slug in ["migración", "a/b", ""]:
        with pytest.raises(NoReverseMatch):
            reverse_slug("practices:theme_detail", slug)
