"""A State's published answers appear on its profile, next to its contacts."""

from tests.factories import ContactFactory

from .factories import AnswerFactory, ResponseFactory


def test_states_published_answers_appear_on_its_profile(client, round, questions, state):
    response = ResponseFactory(round=round, state=state)
    AnswerFactory(response=response, question=questions["intends"], choice="intends")
    AnswerFactory(
        response=response, question=questions["text"], choice="", text="Better coordination."
    )
    ContactFactory(state=state, name="Migration desk")

    html = client.get(state.get_absolute_url()).content.decode()

    assert "Questionnaire answers" in html
    assert "A national plan?" in html
    assert "No, but intends to within 3 years" in html
    assert "Better coordination." in html
    assert round.get_absolute_url() in html
    assert html.index("Migration desk") < html.index("Questionnaire answers")


def test_other_states_answers_are_not_on_the_profile(client, round, questions, state, other_state):
    AnswerFactory(
        response=ResponseFactory(round=round, state=other_state),
        question=questions["text"],
        choice="",
        text="Someone else's answer.",
    )

    html = client.get(state.get_absolute_url()).content.decode()

    assert "Someone else's answer." not in html
    assert "Questionnaire answers" not in html
