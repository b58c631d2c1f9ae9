"""Edits made in the admin reach the public search at once.

(On SQLite the search reads the practice row itself; on PostgreSQL it reads the index, which
the admin must refresh.)
"""

import pytest
from django.urls import reverse

from practices.models import Practice
from tests import factories

pytestmark = pytest.mark.django_db


def test_a_published_practice_edited_in_the_admin_is_found_by_its_new_words(
    client, admin_user, django_capture_on_commit_callbacks
):
    practice = factories.PracticeFactory(title="Old wording", slug="old-wording")
    client.force_login(admin_user)
    change_url = reverse("admin:practices_practice_change", args=[practice.pk])
    data = client.get(change_url).context["adminform"].form.initial
    form = {
        key: value
        for key, value in data.items()
        if value is not None and not isinstance(value, list | tuple)
    }
    form.update(
        title="Zanzibar seaweed cooperatives",
        lead_state=practice.lead_state_id,
        pillar=practice.pillar_id,
        themes=[theme.pk for theme in practice.themes.all()],
        **{"attachments-TOTAL_FORMS": 0, "attachments-INITIAL_FORMS": 0},
    )

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(change_url, form)

    assert response.status_code == 302, response.context["adminform"].form.errors
    assert Practice.objects.get(pk=practice.pk).title == "Zanzibar seaweed cooperatives"
    found = client.get(reverse("practices:practice_list"), {"q": "seaweed"})
    assert [p.slug for p in found.context["page_obj"]] == ["old-wording"]
