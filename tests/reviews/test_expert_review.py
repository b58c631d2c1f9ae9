"""Expert review: moderators ask reviewers, reviewers score submissions against the published
criteria, and a practice approved after two reviews is "Peer-reviewed" on its page and API."""

import re

import html5lib
import pytest
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from moderation.models import Action, AuditRecord
from moderation.transitions import TransitionError
from practices import workflow as practice_workflow
from practices.models import Practice
from reviews import workflow
from reviews.criteria import CRITERIA
from reviews.managers import practices_for_reviewer
from reviews.models import Review, ReviewRequest
from states.models import StateMembership
from states.roles import is_reviewer
from tests import factories

pytestmark = pytest.mark.django_db

S = Practice.Status
# The moderator's review page, the expert-review panel's two queries included (the review page
# had no pinned count before), and the submission's indicators twice (its content fingerprint
# and the diff against what the moderator last reviewed).
NUM_MODERATOR_PAGE = 41
CRITERIA_URL = "/en/review-criteria/"


@pytest.fixture
def submission(state, submitter):
    return factories.PracticeFactory(
        lead_state=state,
        created_by=submitter,
        status=S.SUBMITTED,
        submitted_at=timezone.now(),
        published_at=None,
        title="Diaspora bonds for local roads",
    )


@pytest.fixture
def reviewers(db):
    return [
        factories.ReviewerFactory(first_name="Ana", organisation="Partner institute"),
        factories.ReviewerFactory(first_name="Bo"),
    ]


def answers(score=3, **overrides):
    data = {}
    for criterion in CRITERIA:
        data[criterion.score_field] = score
        data[criterion.comment_field] = f"Why {criterion.key} scores {score}."
    data["overall_comment"] = "Well documented."
    data.update(overrides)
    return data


def post_data(score="3", **overrides):
    return {key: str(value) for key, value in answers(score, **overrides).items()}


def review_all(submission, reviewers, moderator, score=3):
    requests = workflow.request_reviews(submission, reviewers=reviewers, by=moderator)
    for request in requests:
        workflow.submit_review(request, by=request.reviewer, answers=answers(score))
    return requests


def client_for(client, user):
    client.force_login(user)
    return client


# The role ----------------------------------------------------------------------------------


def test_a_moderator_invites_a_reviewer_who_has_no_state(
    client, moderator, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:invite"),
            {"email": "expert@partner.example", "organisation": "Partner institute"},
        )
    assert response.status_code == 302
    user = get_user_model().objects.get(email="expert@partner.example")
    assert is_reviewer(user)
    assert not user.state_memberships.exists()
    assert user.reviewer_profile.organisation == "Partner institute"
    assert not user.has_usable_password()
    (email,) = mail.outbox
    assert email.to == ["expert@partner.example"]
    assert "http://testserver/en/accounts/invitation/" in email.body


def test_only_moderators_invite_reviewers(client, submitter):
    client.force_login(submitter)
    assert client.get(reverse("reviews:invite")).status_code == 403
    with pytest.raises(TransitionError):
        workflow.invite_reviewer(email="x@example.org", by=submitter)


def test_a_state_member_is_no_reviewer(submitter, reviewers):
    assert not is_reviewer(submitter)
    assert is_reviewer(reviewers[0])


# Asking for reviews ------------------------------------------------------------------------


def test_a_moderator_asks_two_reviewers_who_are_emailed_a_link(
    client, moderator, submission, reviewers, django_capture_on_commit_callbacks
):
    client.force_login(moderator)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("reviews:ask", kwargs={"pk": submission.pk}),
            {"reviewers": [r.pk for r in reviewers], "due_date": "2027-01-15"},
        )
    assert response.status_code == 302
    assert response.url == reverse("moderation:review", kwargs={"pk": submission.pk})
    requests = ReviewRequest.objects.filter(practice=submission)
    assert requests.count() == 2
    assert {r.submission_at for r in requests} == {submission.submitted_at}
    assert sorted(m.to[0] for m in mail.outbox) == sorted(r.email for r in reviewers)
    request = requests.get(reviewer=reviewers[0])
    assert (
        f"http://testserver/en/reviews/{request.pk}/" in mail.outbox[0].body + mail.outbox[1].body
    )


def test_asking_the_same_reviewer_twice_makes_one_request(moderator, submission, reviewers):
    workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    assert (
        workflow.request_reviews(submission, reviewers=reviewers, by=moderator)[0].reviewer
        == reviewers[1]
    )
    assert ReviewRequest.objects.filter(practice=submission).count() == 2


def test_reviews_are_asked_only_of_reviewers_and_only_for_submissions(
    moderator, submission, submitter, reviewers, state
):
    with pytest.raises(TransitionError):
        workflow.request_reviews(submission, reviewers=[submitter], by=moderator)
    draft = factories.PracticeFactory(lead_state=state, status=S.DRAFT, published_at=None)
    with pytest.raises(TransitionError):
        workflow.request_reviews(draft, reviewers=reviewers, by=moderator)
    with pytest.raises(TransitionError):
        workflow.request_reviews(submission, reviewers=reviewers, by=submitter)


def test_a_reviewer_of_the_lead_state_is_not_offered(client, moderator, submission, state):
    member = factories.ReviewerFactory(first_name="Cy")
    StateMembership.objects.create(user=member, state=state)
    outsider = factories.ReviewerFactory(first_name="Di")
    client.force_login(moderator)
    response = client.get(reverse("moderation:review", kwargs={"pk": submission.pk}))
    offered = list(response.context["panels"][0]["ask_form"].fields["reviewers"].queryset)
    assert offered == [outsider]


# Reviewing ---------------------------------------------------------------------------------


def test_a_reviewer_scores_every_criterion_once(client, moderator, submission, reviewers):
    (request,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    client.force_login(reviewers[0])
    url = reverse("reviews:review", kwargs={"pk": request.pk})
    assert client.get(url).status_code == 200
    response = client.post(url, post_data("4"))
    assert response.status_code == 302
    review = Review.objects.get(request=request)
    assert review.relevance_score == 4
    assert review.principles_comment == "Why principles scores 4."
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.SUBMITTED

    # A second post changes nothing: the form is gone and the review stays as it was.
    client.post(url, post_data("1"))
    assert Review.objects.get(request=request).relevance_score == 4
    with pytest.raises(TransitionError):
        workflow.submit_review(request, by=reviewers[0], answers=answers(1))
    assert Review.objects.count() == 1


def test_a_review_form_with_errors_keeps_what_was_typed(client, moderator, submission, reviewers):
    (request,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    client.force_login(reviewers[0])
    data = post_data("2")
    del data["results_score"]
    data["relevance_score"] = "9"
    response = client.post(reverse("reviews:review", kwargs={"pk": request.pk}), data)
    assert response.status_code == 400
    form = response.context["form"]
    assert "results_score" in form.errors and "relevance_score" in form.errors
    content = response.content.decode()
    assert "Why sustainability scores 2." in content
    assert re.search(r'name="sustainability_score" value="2"[^>]* checked', content)
    assert not Review.objects.exists()


def test_no_review_after_the_decision(client, moderator, submission, reviewers):
    (request,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    practice_workflow.request_changes(submission, by=moderator, comment="Give the start year.")
    client.force_login(reviewers[0])
    url = reverse("reviews:review", kwargs={"pk": request.pk})
    response = client.get(url)
    assert response.context["form"] is None
    assert "can no longer be reviewed" in response.content.decode()
    client.post(url, post_data())
    assert not Review.objects.exists()
    with pytest.raises(TransitionError):
        workflow.submit_review(request, by=reviewers[0], answers=answers())


def test_a_reviewer_may_decline(client, moderator, submission, reviewers):
    (request,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    client.force_login(reviewers[0])
    client.post(reverse("reviews:decline", kwargs={"pk": request.pk}))
    request.refresh_from_db()
    assert request.status == ReviewRequest.Status.DECLINED
    with pytest.raises(TransitionError):
        workflow.submit_review(request, by=reviewers[0], answers=answers())


# Who sees what -----------------------------------------------------------------------------


def test_a_reviewer_sees_only_what_they_were_asked_to_review(
    client, moderator, submission, reviewers, state
):
    (mine,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    other = factories.PracticeFactory(
        lead_state=state, status=S.SUBMITTED, submitted_at=timezone.now(), published_at=None
    )
    (theirs,) = workflow.request_reviews(other, reviewers=reviewers[1:], by=moderator)
    client.force_login(reviewers[0])
    assert client.get(reverse("reviews:review", kwargs={"pk": mine.pk})).status_code == 200
    assert client.get(reverse("reviews:review", kwargs={"pk": theirs.pk})).status_code == 404
    assert client.post(reverse("reviews:decline", kwargs={"pk": theirs.pk})).status_code == 404
    # Nothing else unpublished: not the moderators' pages, not the State's.
    assert client.get(reverse("moderation:review", kwargs={"pk": submission.pk})).status_code == 403
    assert client.get(submission.get_absolute_url()).status_code == 404
    listed = client.get(reverse("reviews:my_reviews"))
    assert [r.pk for r in listed.context["to_do"]] == [mine.pk]
    assert list(practices_for_reviewer(reviewers[0])) == [submission]


def test_the_review_page_shows_no_contact_of_the_practice(
    client, moderator, submission, reviewers, state
):
    contact = factories.ContactFactory(state=state, name="Private desk", is_public=False)
    submission.contacts.add(contact)
    (request,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    client.force_login(reviewers[0])
    content = client.get(reverse("reviews:review", kwargs={"pk": request.pk})).content.decode()
    assert "Private desk" not in content and contact.email not in content


def test_anonymous_visitors_sign_in_before_any_review_page(
    client, moderator, submission, reviewers
):
    (request,) = workflow.request_reviews(submission, reviewers=reviewers[:1], by=moderator)
    for url in (
        reverse("reviews:my_reviews"),
        reverse("reviews:review", kwargs={"pk": request.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "/accounts/login/" in response.url


def test_the_state_sees_neither_reviews_nor_reviewers(
    client, moderator, submission, reviewers, submitter
):
    review_all(submission, reviewers, moderator)
    practice_workflow.approve(submission, by=moderator, comment="Approved.")
    client.force_login(submitter)
    status_page = client.get(reverse("workflow:practice_status", kwargs={"pk": submission.pk}))
    content = status_page.content.decode()
    assert status_page.status_code == 200
    assert "Why relevance scores 3." not in content
    assert reviewers[0].get_username() not in content and "Ana" not in content
    assert "Approved." in content
    request = ReviewRequest.objects.first()
    assert client.get(reverse("reviews:review", kwargs={"pk": request.pk})).status_code == 404
    assert client.get(reverse("moderation:review", kwargs={"pk": submission.pk})).status_code == 403


# The moderator's page ----------------------------------------------------------------------


def test_the_moderator_sees_the_scores_side_by_side_with_the_mean(
    client, moderator, submission, reviewers
):
    first, second = workflow.request_reviews(submission, reviewers=reviewers, by=moderator)
    workflow.submit_review(first, by=first.reviewer, answers=answers(2))
    workflow.submit_review(second, by=second.reviewer, answers=answers(3, results_score=4))
    client.force_login(moderator)
    response = client.get(reverse("moderation:review", kwargs={"pk": submission.pk}))
    panel = response.context["panels"][0]
    rows = {criterion.key: (cells, mean) for criterion, cells, mean in panel["rows"]}
    assert [score for score, _comment in rows["relevance"][0]] == [2, 3]
    assert rows["relevance"][1] == 2.5
    assert rows["results"][1] == 3
    content = response.content.decode()
    assert "Scores side by side" in content and "Partner institute" in content
    assert "Why results scores 3." in content


def test_the_moderator_review_page_needs_a_fixed_number_of_queries(
    client, moderator, submission, reviewers, served_once, django_assert_num_queries
):
    for _n in range(3):
        factories.ReviewerFactory()
    review_all(submission, reviewers, moderator)
    client.force_login(moderator)
    url = reverse("moderation:review", kwargs={"pk": submission.pk})
    served_once(client, url)
    with django_assert_num_queries(NUM_MODERATOR_PAGE) as captured:
        client.get(url)
    requests = [q["sql"] for q in captured.captured_queries if "reviews_" in q["sql"]]
    # The requests with their reviewers and reviews, and the reviewers to offer: two.
    assert len(requests) == 2
    # A third review is one more column, not one more query.
    review_all(submission, [factories.ReviewerFactory()], moderator)
    with django_assert_num_queries(NUM_MODERATOR_PAGE):
        response = client.get(url)
    assert len(response.context["panels"][0]["reviews"]) == 3


def test_the_reviewer_list_needs_a_fixed_number_of_queries(
    client, moderator, reviewers, state, served_once, django_assert_num_queries
):
    for _n in range(5):
        practice = factories.PracticeFactory(
            lead_state=state, status=S.SUBMITTED, submitted_at=timezone.now(), published_at=None
        )
        (request,) = workflow.request_reviews(practice, reviewers=reviewers[:1], by=moderator)
    workflow.submit_review(request, by=reviewers[0], answers=answers())
    client.force_login(reviewers[0])
    url = reverse("reviews:my_reviews")
    served_once(client, url)
    # The session and its user, the menu's permissions (the user's, their groups'), the
    # requests with their practices and reviews.
    with django_assert_num_queries(5):
        response = client.get(url)
    assert len(response.context["to_do"]) == 4 and len(response.context["done"]) == 1


# Audit -------------------------------------------------------------------------------------


def test_every_request_submission_and_refusal_is_audited(moderator, submission, reviewers):
    first, second = workflow.request_reviews(submission, reviewers=reviewers, by=moderator)
    workflow.submit_review(first, by=first.reviewer, answers=answers())
    workflow.decline(second, by=second.reviewer, comment="Conflict of interest.")
    records = AuditRecord.objects.filter(
        content_type=ContentType.objects.get_for_model(ReviewRequest)
    ).order_by("pk")
    assert [(r.object_id, r.action, r.from_status, r.to_status, r.actor) for r in records] == [
        (first.pk, Action.REQUEST_REVIEW, "requested", "requested", moderator),
        (second.pk, Action.REQUEST_REVIEW, "requested", "requested", moderator),
        (first.pk, Action.SUBMIT_REVIEW, "requested", "submitted", reviewers[0]),
        (second.pk, Action.DECLINE_REVIEW, "requested", "declined", reviewers[1]),
    ]
    assert records.last().comment == "Conflict of interest."
    # None of them is in the practice's own history, which its State reads.
    assert (
        not AuditRecord.objects.for_object(submission)
        .filter(action__in=[Action.REQUEST_REVIEW, Action.SUBMIT_REVIEW, Action.DECLINE_REVIEW])
        .exists()
    )


# Peer-reviewed -----------------------------------------------------------------------------


def test_approved_after_two_reviews_the_practice_is_peer_reviewed(
    client, moderator, submission, reviewers
):
    review_all(submission, reviewers, moderator)
    record = practice_workflow.approve(submission, by=moderator)
    submission.refresh_from_db()
    assert submission.peer_reviewed_at == record.created_at
    content = client.get(submission.get_absolute_url()).content.decode()
    assert "Peer-reviewed" in content
    assert f'href="{CRITERIA_URL}"' in content


def test_one_review_is_not_enough(client, moderator, submission, reviewers):
    review_all(submission, reviewers[:1], moderator)
    practice_workflow.approve(submission, by=moderator)
    submission.refresh_from_db()
    assert submission.peer_reviewed_at is None
    assert "Peer-reviewed" not in client.get(submission.get_absolute_url()).content.decode()


def test_reviews_of_an_earlier_submission_do_not_count(moderator, submission, reviewers, submitter):
    review_all(submission, reviewers, moderator)
    practice_workflow.request_changes(submission, by=moderator, comment="Add the results.")
    practice_workflow.submit(submission, by=submitter)
    practice_workflow.approve(submission, by=moderator)
    submission.refresh_from_db()
    assert submission.peer_reviewed_at is None


def test_a_revision_approved_with_two_reviews_marks_the_live_practice(
    moderator, submission, reviewers, submitter
):
    practice_workflow.approve(submission, by=moderator)
    revision = practice_workflow.start_revision(submission, by=submitter)
    practice_workflow.submit(revision, by=submitter)
    review_all(revision, reviewers, moderator)
    practice_workflow.approve(revision, by=moderator)
    submission.refresh_from_db()
    assert submission.peer_reviewed_at is not None


def test_the_api_says_whether_a_practice_is_peer_reviewed(client, moderator, submission, reviewers):
    review_all(submission, reviewers, moderator)
    practice_workflow.approve(submission, by=moderator)
    plain = factories.PracticeFactory()
    submission.refresh_from_db()
    detail = client.get(
        reverse("api:practice-detail", kwargs={"identifier": submission.uuid})
    ).json()
    assert detail["peer_reviewed"] == {
        "reviewed": True,
        "date": timezone.localdate(submission.peer_reviewed_at).isoformat(),
        "criteria_url": f"http://testserver{CRITERIA_URL}",
    }
    listed = {
        item["uuid"]: item for item in client.get(reverse("api:practice-list")).json()["results"]
    }
    assert listed[str(submission.uuid)]["peer_reviewed"]["reviewed"] is True
    assert listed[str(plain.uuid)]["peer_reviewed"] == {
        "reviewed": False,
        "date": None,
        "criteria_url": f"http://testserver{CRITERIA_URL}",
    }


# The criteria page -------------------------------------------------------------------------


def test_the_criteria_page_is_public_and_lists_every_criterion(client):
    response = client.get(CRITERIA_URL)
    assert response.status_code == 200
    content = response.content.decode()
    for criterion in CRITERIA:
        assert str(criterion.label) in content
    assert "4 – Fully met" in content


def test_the_criteria_page_is_in_the_footer_and_the_sitemap(client):
    assert f'href="{CRITERIA_URL}"' in client.get("/en/").content.decode()
    assert CRITERIA_URL in client.get("/sitemap-pages.xml").content.decode()


def test_only_moderators_ask_for_reviews(client, submission, reviewers, submitter):
    for user in (reviewers[0], submitter):
        client.force_login(user)
        response = client.post(
            reverse("reviews:ask", kwargs={"pk": submission.pk}), {"reviewers": [reviewers[0].pk]}
        )
        assert response.status_code == 403
    assert not ReviewRequest.objects.exists()


def test_a_reviewer_finds_my_reviews_in_the_menu(client, reviewers, submitter):
    client.force_login(reviewers[0])
    assert 'href="/en/reviews/"' in client.get("/en/").content.decode()
    client.force_login(submitter)
    assert 'href="/en/reviews/"' not in client.get("/en/").content.decode()


def test_every_expert_review_page_parses_as_html5(client, moderator, submission, reviewers):
    first, second = review_all(submission, reviewers, moderator)
    other = factories.PracticeFactory(
        lead_state=submission.lead_state,
        status=S.SUBMITTED,
        submitted_at=timezone.now(),
        published_at=None,
    )
    (open_request,) = workflow.request_reviews(other, reviewers=reviewers[:1], by=moderator)
    parser = html5lib.HTMLParser(strict=True)
    pages = {"criteria": client.get(CRITERIA_URL)}
    client.force_login(reviewers[0])
    pages["my reviews"] = client.get(reverse("reviews:my_reviews"))
    pages["review form"] = client.get(reverse("reviews:review", kwargs={"pk": open_request.pk}))
    pages["review form, errors"] = client.post(
        reverse("reviews:review", kwargs={"pk": open_request.pk}), {"relevance_score": "2"}
    )
    pages["review submitted"] = client.get(reverse("reviews:review", kwargs={"pk": first.pk}))
    client.force_login(moderator)
    pages["moderator"] = client.get(reverse("moderation:review", kwargs={"pk": submission.pk}))
    pages["invite"] = client.get(reverse("reviews:invite"))
    practice_workflow.approve(submission, by=moderator)
    pages["peer-reviewed practice"] = client.get(submission.get_absolute_url())
    for name, response in pages.items():
        assert response.status_code in (200, 400), name
        try:
            parser.parse(response.content.decode())
        except html5lib.html5parser.ParseError as error:
            pytest.fail(f"{name}: {error}")


def test_the_moderator_who_asked_is_emailed_each_answer(
    moderator, submission, reviewers, django_capture_on_commit_callbacks
):
    first, second = workflow.request_reviews(submission, reviewers=reviewers, by=moderator)
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.submit_review(first, by=first.reviewer, answers=answers())
        workflow.decline(second, by=second.reviewer)
    assert [m.to for m in mail.outbox] == [[moderator.email], [moderator.email]]
    # Outside a request (here) the link takes the configured or development origin.
    link = f"/en/moderation/practices/{submission.pk}/"
    assert all("://" in m.body and link in m.body for m in mail.outbox)
    # Scores and comments stay on the site.
    assert all("Why relevance" not in m.body for m in mail.outbox)
