"""A practice page's relations: one query for the links, small tables kept in memory."""

import pytest

from practices import relations
from practices.models import Theme
from practices.relations import RELATION_NAMES
from states.models import State
from tests import factories

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked_practice(catalogue):
    practice = catalogue["three_for_one"]
    zambia = factories.StateFactory(iso2="ZM")
    austria = factories.StateFactory(iso2="AT")
    practice.partner_states.add(zambia, austria, catalogue["ghana"])
    practice.partner_bodies.add(factories.RegionalBodyFactory(acronym="ECOWAS"))
    practice.institutions.add(factories.InstitutionFactory(state=catalogue["mexico"]))
    practice.gcm_objectives.add(
        factories.GcmObjectiveFactory(number=20), factories.GcmObjectiveFactory(number=19)
    )
    practice.contacts.add(
        factories.ContactFactory(state=catalogue["mexico"], name="Public desk"),
        factories.ContactFactory(state=catalogue["mexico"], name="Private desk", is_public=False),
    )
    return practice


def test_relations_equal_the_related_managers_in_their_order(linked_practice):
    found = relations.practice_relations(linked_practice)

    for name in RELATION_NAMES[:-1]:
        assert found[name] == list(getattr(linked_practice, name).all()), name
    assert [state.name for state in found["partner_states"]] == ["Austria", "Ghana", "Zambia"]
    assert [objective.number for objective in found["gcm_objectives"]] == [19, 20]
    assert found["attachments"] == []


def test_only_public_contacts_are_related(linked_practice):
    names = [c.name for c in relations.practice_relations(linked_practice)["contacts"]]

    assert "Public desk" in names
    assert "Private desk" not in names
    assert names == [c.name for c in linked_practice.contacts.public()]


def test_a_theme_created_after_the_tables_were_kept_still_appears(linked_practice):
    relations.practice_relations(linked_practice)
    newer = factories.ThemeFactory(name="Zz newer theme")
    linked_practice.themes.add(newer)

    assert newer in relations.practice_relations(linked_practice)["themes"]


def test_kept_tables_cost_no_query_on_the_next_page(
    client, linked_practice, django_assert_num_queries
):
    client.get(linked_practice.get_absolute_url())
    relations.practice_relations(linked_practice)

    with django_assert_num_queries(2):  # the links, then the public contacts
        found = relations.practice_relations(linked_practice)
    assert found["partner_states"]


def test_practice_page_lists_partner_states_and_public_contacts(client, linked_practice):
    html = client.get(linked_practice.get_absolute_url()).content.decode()

    assert html.index("Austria") < html.index("Zambia")
    assert "Public desk" in html
    assert "Private desk" not in html


def test_saving_a_theme_clears_the_kept_tables_at_once(linked_practice):
    kept = relations.practice_relations(linked_practice)["themes"][0]
    theme = Theme.objects.get(pk=kept.pk)
    theme.name = "Renamed in the admin"
    theme.save()

    themes = relations.practice_relations(linked_practice)["themes"]
    assert [t.name for t in themes if t.pk == theme.pk] == ["Renamed in the admin"]


def test_deleting_a_state_clears_the_kept_tables_at_once(linked_practice):
    # A code no State holds yet: the factory's codes cycle, and get_or_create could otherwise
    # return a State that a practice leads (which cannot be deleted).
    unused = next(code for code in factories.ISO_CODES if not State.objects.filter(iso2=code))
    state = factories.StateFactory(iso2=unused, name="Short-lived State")
    assert state.pk in relations.kept_rows("states")

    state.delete()

    assert state.pk not in relations.kept_rows("states")
