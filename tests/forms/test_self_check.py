""" "Check and submit": the UN Network Hub's criteria answered and stored with the practice,
and the required fields listed with links to their step."""

import pytest
from django.urls import reverse

from practices import workflow
from practices.models import GuidingPrinciple, Practice, SdgTarget
from tests import factories

pytestmark = pytest.mark.django_db


def _check(practice):
    return reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "check"})


def test_the_criteria_answers_are_stored_with_the_practice(signed_in, make_practice):
    practice = make_practice()
    objective = factories.GcmObjectiveFactory()
    principles = list(GuidingPrinciple.objects.filter(slug__in=["human-rights", "child-sensitive"]))
    target = SdgTarget.objects.get(code="10.c")
    response = signed_in.post(
        _check(practice),
        {
            "version": practice.version,
            "gcm_objectives": [objective.pk],
            "guiding_principles": [p.pk for p in principles],
            "sdg_targets": [target.pk],
            "stage": "pilot",
            "replicability": "Needs organised diaspora associations.",
            "intent": "save",
        },
    )
    assert response.status_code == 302
    practice.refresh_from_db()
    assert list(practice.gcm_objectives.all()) == [objective]
    assert set(practice.guiding_principles.all()) == set(principles)
    assert list(practice.sdg_targets.all()) == [target]
    assert (practice.stage, practice.replicability) == (
        "pilot",
        "Needs organised diaspora associations.",
    )


def test_the_check_lists_required_fields_and_criteria_with_links_to_their_step(
    signed_in, make_practice
):
    practice = make_practice(stage="", replicability="")
    response = signed_in.get(_check(practice))
    page = response.content.decode()
    about = reverse("workflow:practice_step", kwargs={"pk": practice.pk, "step": "about"})
    assert f'<a href="{about}#id_title">Title</a>: done' in page
    assert (
        f'<a href="{_check(practice)}#id_replicability">What makes it replicable elsewhere?</a>'
        " not answered yet" in page
    )
    criteria = {q: done for q, done, _url in response.context["criteria"]}
    assert criteria["Is it linked to at least one GCM objective?"] is False


def test_answered_criteria_show_as_answered(signed_in, make_practice):
    practice = make_practice(stage="ongoing", replicability="Low cost.")
    practice.gcm_objectives.add(factories.GcmObjectiveFactory())
    response = signed_in.get(_check(practice))
    answered = [done for _q, done, _url in response.context["criteria"]]
    assert answered == [True, False, True, True]


def test_the_self_check_fields_travel_with_a_revision(make_practice, submitter):
    live = make_practice(Practice.Status.PUBLISHED, replicability="Low cost.")
    live.guiding_principles.add(GuidingPrinciple.objects.get(number=1))
    revision = workflow.start_revision(live, by=submitter)
    assert revision.replicability == "Low cost."
    assert revision.guiding_principles.get().number == 1
