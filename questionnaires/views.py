"""Questionnaire pages: round list, results (HTML and CSV), the answer form, and review.

Views are thin: public data comes through ``Response.objects.published()`` (results count
only published answers), private data through ``visible_to`` / ``editable_by`` so another
State's draft is a 404, and every change goes through ``questionnaires.workflow``.
"""

import csv

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.csvsafe import safe_row
from moderation.models import AuditRecord, ModerationStatus
from moderation.transitions import TransitionError, allowed_actions
from states.models import State
from states.roles import acts_for, acts_for_any_state, is_moderator

from . import workflow
from .charts import bar_chart
from .filters import ResultsFilter
from .forms import ResponseForm
from .managers import published
from .models import Response, Round
from .results import round_results as compute_results
from .translations import question_text


def round_list(request):
    rounds = Round.objects.annotate(
        published_count=Count("responses", filter=published("responses__"), distinct=True),
        question_count=Count("questions", distinct=True),
    )
    return render(request, "questionnaires/round_list.html", {"rounds": rounds})


def _results_context(request, year):
    round = get_object_or_404(Round, year=year)
    region_filter = ResultsFilter(request.GET or None, queryset=Response.objects.none())
    region = region_filter.region_or_none()
    results = compute_results(round, region=region)
    return round, region_filter.form, region, results


def round_results(request, year):
    round, region_form, region, results = _results_context(request, year)
    for result in results:
        if result.question.is_choice:
            result.chart = bar_chart(
                result,
                chart_id=f"chart-{result.question.code}",
                title=_("%(question)s (%(year)s)")
                % {"question": question_text(result.question), "year": round.year},
            )
    responses = Response.objects.published().filter(round=round)
    if region is not None:
        responses = responses.filter(state__region=region)
    context = {
        "round": round,
        "region_form": region_form,
        "region": region,
        "results": results,
        "response_count": responses.count(),
        "named_respondent_count": round.named_respondents().count(),
        "can_answer": round.accepts_answers and acts_for_any_state(request.user),
    }
    return render(request, "questionnaires/round_results.html", context)


CSV_HEADER = [
    "round",
    "question_code",
    "question",
    "option",
    "option_label",
    "basis",
    "count",
    "denominator",
    "percent",
    "region",
    "source_section",
    "statement",
]


def round_results_csv(request, year):
    """Computed shares and reported figures, one row each, told apart by the ``basis`` column."""
    round, _form, region, results = _results_context(request, year)
    region_slug = region.slug if region else ""
    response = HttpResponse(content_type="text/csv; charset=utf-8")
    filename = f"gfmd-questionnaire-{round.year}{'-' + region_slug if region_slug else ''}.csv"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    writer = csv.writer(response)
    writer.writerow(CSV_HEADER)
    for result in results:
        question = [round.year, result.question.code, result.question.text]
        for option in result.options:
            percent = "" if option.percent is None else option.percent
            writer.writerow(
                safe_row(
                    [
                        *question,
                        option.value,
                        option.label,
                        COMPUTED,
                        option.count,
                        option.denominator,
                        percent,
                        region_slug,
                        "",
                        "",
                    ]
                )
            )
        for figure in result.reported:
            count = figure.number if figure.unit == figure.Unit.COUNT else ""
            percent = "" if figure.percent is None else f"{figure.percent.normalize():f}"
            writer.writerow(
                safe_row(
                    [
                        *question,
                        figure.option,
                        figure.option_label,
                        REPORTED,
                        count,
                        figure.denominator or "",
                        percent,
                        "",
                        figure.source_section,
                        figure.statement,
                    ]
                )
            )
    return response


COMPUTED = "computed_from_answers_held_here"
REPORTED = "reported_in_source"


def _own_state(request, slug):
    """A State the user may answer for; any other State is a 404, not a 403."""
    return get_object_or_404(State.objects.acted_for_by(request.user), slug=slug)


@login_required
def answer_start(request, year):
    round = get_object_or_404(Round, year=year)
    states = State.objects.with_member(request.user)
    if len(states) == 1:
        return redirect("questionnaires:response_edit", year=round.year, state=states[0].slug)
    responses = (
        Response.objects.editable_by(request.user).filter(round=round).select_related("state")
    )
    return render(
        request,
        "questionnaires/answer_start.html",
        {"round": round, "states": states, "responses": responses},
    )


@login_required
def response_edit(request, year, state):
    round = get_object_or_404(Round, year=year)
    state = _own_state(request, state)
    response = Response.objects.filter(round=round, state=state).first()
    if response is not None and not response.is_editable:
        messages.info(request, _("This response cannot be changed now."))
        return redirect(response)
    if response is None and not round.accepts_answers:
        raise Http404(_("This round does not accept answers."))
    answers = {a.question_id: a for a in response.answers.all()} if response else {}
    form = ResponseForm(
        request.POST or None,
        questions=round.questions.prefetch_related("options"),
        answers=answers,
        version=response.version if response else None,
    )
    if request.method == "POST" and form.is_valid():
        try:
            response = workflow.save_answers(
                round=round,
                state=state,
                values=form.answer_values(),
                by=request.user,
                version=form.cleaned_data["version"],
            )
            if "submit" in request.POST:
                workflow.submit(response, by=request.user)
                messages.success(request, _("Your answers were submitted for review."))
                return redirect(response)
        except TransitionError as error:
            form.add_error(None, error.message)
        else:
            messages.success(request, _("Your answers were saved. You can come back to them."))
            return redirect("questionnaires:response_edit", year=round.year, state=state.slug)
    return render(
        request,
        "questionnaires/response_form.html",
        {"round": round, "state": state, "response": response, "form": form},
    )


def response_detail(request, year, state):
    response = get_object_or_404(
        Response.objects.visible_to(request.user).select_related("round", "state"),
        round__year=year,
        state__slug=state,
    )
    answers = response.answers.select_related("question").prefetch_related("question__options")
    context = {
        "response": response,
        "answers": answers,
        "actions": allowed_actions(response, request.user) if request.user.is_authenticated else [],
        # The trail names people: shown to the State's own users and moderators only.
        "history": AuditRecord.objects.for_object(response)
        if acts_for(request.user, response.state_id)
        else [],
    }
    return render(request, "questionnaires/response_detail.html", context)


@login_required
@require_POST
def response_action(request, year, state):
    response = get_object_or_404(
        Response.objects.visible_to(request.user).select_related("round", "state"),
        round__year=year,
        state__slug=state,
    )
    try:
        workflow.apply_action(
            response,
            request.POST.get("action", ""),
            by=request.user,
            comment=request.POST.get("comment", ""),
            # The version the buttons were shown with: a moderator's decision on answers saved
            # since (or one that does not say) is refused by the workflow.
            reviewed_version=request.POST.get("reviewed_version", ""),
        )
    except TransitionError as error:
        messages.error(request, error.message)
    else:
        messages.success(
            request,
            _("Done: the response is now “%(status)s”.")
            % {"status": response.get_status_display()},
        )
    return redirect(response)


@login_required
def review_queue(request):
    """Responses waiting for a moderator's decision."""
    if not is_moderator(request.user):
        raise Http404
    pending = (
        Response.objects.filter(status=ModerationStatus.SUBMITTED)
        .select_related("round", "state", "submitted_by")
        .order_by("submitted_at")
    )
    return render(request, "questionnaires/review_queue.html", {"pending": pending})
