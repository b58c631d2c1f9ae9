"""What a public page or the API shows of a contact, institution, State or body follows its
changes at once, whoever makes them (a form, the admin, a shell), in every process (V8.1.1).

Each scenario caches the page first, changes the row, and reads again: with the in-process
cache and with a real Redis (whose public version every process shares).
"""

import pytest
from django.core.cache import cache
from django.urls import reverse

from core.cache import kept_tables_changed, public_content_changed
from practices import relations
from states.models import State
from tests import factories


@pytest.fixture
def world(db, any_cache):
    state = factories.StateFactory(name="Freedonia")
    institution = factories.InstitutionFactory(state=state, name="Ministry of Mobility")
    contact = factories.ContactFactory(
        state=state,
        institution=institution,
        name="Ada Desk",
        email="ada.desk@gov.example",
        phone="+1 555 0100",
        is_public=True,
    )
    practice = factories.PracticeFactory(lead_state=state)
    practice.contacts.set([contact])
    practice.institutions.set([institution])
    return {"state": state, "institution": institution, "contact": contact, "practice": practice}


def _page(client, practice):
    return client.get(reverse("practices:practice_detail", kwargs={"slug": practice.slug}))


def _api_detail(client, practice):
    return client.get(f"/api/v1/practices/{practice.uuid}/")


def _api_list(client):
    return client.get("/api/v1/practices/")


READERS = {"page": _page, "api detail": _api_detail, "api list": lambda c, p: _api_list(c)}


def _shows(response, text):
    assert response.status_code == 200
    return text in response.content.decode()


def _cache_every_reader(client, practice, text):
    """Read (and so cache) every reader; the page at least shows ``text``."""
    showing = {name for name, read in READERS.items() if _shows(read(client, practice), text)}
    assert "page" in showing


def _cache_the_contact(client, practice):
    """The page shows the contact's name, email and phone; the API its name (and link)."""
    _cache_every_reader(client, practice, "Ada Desk")
    page = _page(client, practice)
    assert _shows(page, "ada.desk@gov.example")
    assert _shows(page, "+1 555 0100")


def _contact_gone(client, practice):
    page = _page(client, practice)
    return (
        _nobody_shows(client, practice, "Ada Desk")
        and not _shows(page, "ada.desk@gov.example")
        and not _shows(page, "+1 555 0100")
    )


def _nobody_shows(client, practice, text):
    return not any(_shows(read(client, practice), text) for read in READERS.values())


def test_a_contact_made_non_public_in_a_shell_leaves_every_public_read_at_once(client, world):
    _cache_the_contact(client, world["practice"])
    world["contact"].is_public = False
    world["contact"].save()
    assert _contact_gone(client, world["practice"])


def test_a_contact_made_non_public_in_the_contact_form_leaves_every_public_read_at_once(
    client, world
):
    contact = world["contact"]
    _cache_the_contact(client, world["practice"])
    submitter = factories.SubmitterFactory(states=[world["state"]])
    editor = type(client)()
    editor.force_login(submitter)
    response = editor.post(
        reverse("workflow:contact_edit", kwargs={"pk": contact.pk}),
        {
            "name": contact.name,
            "role": contact.role,
            "institution": world["institution"].pk,
            "email": contact.email,
            "phone": contact.phone,
            # "is_public" unticked: absent from the POST.
        },
    )
    assert response.status_code == 302
    assert _contact_gone(client, world["practice"])


def test_a_contact_made_non_public_in_the_admin_leaves_every_public_read_at_once(
    client, world, admin_user
):
    contact = world["contact"]
    _cache_the_contact(client, world["practice"])
    admin = type(client)()
    admin.force_login(admin_user)
    change = reverse("admin:states_contact_change", args=[contact.pk])
    form = admin.get(change).context["adminform"].form
    data = {
        name: value
        for name, value in ((n, form[n].value()) for n in form.fields)
        if value not in (None, False, "")
    }
    data = {name: str(value) for name, value in data.items() if not isinstance(value, list)}
    data.pop("is_public", None)
    data["_save"] = "Save"
    response = admin.post(change, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    contact.refresh_from_db()
    assert not contact.is_public
    assert _contact_gone(client, world["practice"])


def test_a_deleted_contact_leaves_every_public_read_at_once(client, world):
    _cache_the_contact(client, world["practice"])
    world["contact"].delete()
    assert _contact_gone(client, world["practice"])


def test_a_renamed_institution_shows_its_new_name_at_once(client, world):
    _cache_every_reader(client, world["practice"], "Ministry of Mobility")
    world["institution"].name = "Office of Arrivals"
    world["institution"].save()
    assert _nobody_shows(client, world["practice"], "Ministry of Mobility")
    assert _shows(_page(client, world["practice"]), "Office of Arrivals")


def test_a_state_with_a_new_address_is_linked_there_at_once(client, world):
    old = f"/states/{world['state'].slug}/"
    _cache_every_reader(client, world["practice"], old)
    world["state"].slug = "sylvania"
    world["state"].save()
    assert _nobody_shows(client, world["practice"], old)


def test_another_process_sees_a_changed_state_at_once_with_redis(client, world, any_cache):
    """Another process keeps its own small tables: with Redis they follow the shared public
    version, so a change made elsewhere shows at once there too."""
    if any_cache != "redis":
        pytest.skip("the in-process cache is per process by nature; Redis is shared")
    old = f"/states/{world['state'].slug}/"
    _cache_every_reader(client, world["practice"], old)
    # Another process changes it: this process gets no signal, only the shared stamps move
    # (what that process's receiver does).
    State.objects.filter(pk=world["state"].pk).update(slug="sylvania")
    kept_tables_changed()
    public_content_changed()
    assert _nobody_shows(client, world["practice"], old)


def test_a_renamed_regional_body_shows_its_new_name_at_once(client, world):
    body = factories.RegionalBodyFactory(acronym="UNORTH", name="Union of the North")
    world["practice"].partner_bodies.set([body])
    relations.clear_kept_tables()
    cache.clear()
    _cache_every_reader(client, world["practice"], "UNORTH")
    body.acronym = "NLEAGUE"
    body.save()
    assert _nobody_shows(client, world["practice"], "UNORTH")


def test_a_renamed_theme_shows_its_new_name_at_once(client, world):
    theme = world["practice"].themes.get()
    theme.name = "Diaspora bonds"
    theme.save()
    cache.clear()
    _cache_every_reader(client, world["practice"], "Diaspora bonds")
    theme.name = "Remittance corridors"
    theme.save()
    assert _nobody_shows(client, world["practice"], "Diaspora bonds")
