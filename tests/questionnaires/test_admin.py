"""The admin action that builds the next round from the previous one."""

from django.urls import reverse

from questionnaires.models import Question, Round

from .factories import RoundFactory


def _copy(client, *rounds):
    return client.post(
        reverse("admin:questionnaires_round_changelist"),
        {"action": "copy_as_next_round", "_selected_action": [r.pk for r in rounds]},
        follow=True,
    )


def test_copy_round_creates_the_next_year_with_the_same_questions(
    client, admin_user, round, questions
):
    client.force_login(admin_user)

    _copy(client, round)

    copy = Round.objects.get(year=round.year + 1)
    assert copy.status == Round.Status.CLOSED
    assert copy.title == "Policy coherence questionnaire 2032"
    assert list(copy.questions.values_list("code", "kind", "order")) == list(
        round.questions.values_list("code", "kind", "order")
    )
    multi = copy.questions.get(code="emphases")
    assert list(multi.options.values_list("value", flat=True)) == ["diaspora", "labour"]
    assert copy.questions.get(code="national-plan").intends_years == 3
    assert not copy.responses.exists()


def test_copy_refuses_when_the_next_round_exists(client, admin_user, round, questions):
    RoundFactory(year=round.year + 1)
    client.force_login(admin_user)

    page = _copy(client, round)

    assert "already exists" in page.content.decode()
    assert Question.objects.filter(round__year=round.year + 1).count() == 0


def test_round_admin_pages_render(client, admin_user, round, questions):
    client.force_login(admin_user)

    assert (
        client.get(reverse("admin:questionnaires_round_change", args=[round.pk])).status_code == 200
    )
    assert client.get(reverse("admin:questionnaires_response_changelist")).status_code == 200
