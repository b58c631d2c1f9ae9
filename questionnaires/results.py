"""Round results: per question, the answers held per option, against the round's respondents.

Only published responses count (``Answer.objects.published()``). Each option's count is also
given against the round's *respondents* (``QuestionResult.respondents``: the replies the source
reports, or the published responses held, whichever is more), with the States whose answer is
not known counted as "not reported" (``not_reported``): where the paper names only some of
the States behind an answer, a share of the answers held alone would read "100% yes" beside
the paper's "26 of 53". ``OptionShare.percent`` (of the answers held) stays for the API, which
documents it so. "Intends to" is an option of its own, never folded into yes or no.

Everything is computed from a fixed number of queries whatever the number of States.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from django.db.models import Count

from .models import Answer, Question, QuestionnaireParticipation, ReportedFigure, Response, Round
from .translations import answer_text


def _percent(count, total):
    if not total:
        return None
    share = Decimal(count * 100) / Decimal(total)
    return share.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


@dataclass
class OptionShare:
    value: str
    label: str
    count: int
    denominator: int

    # The round's respondents, set by ``round_results`` (0 when not known).
    respondents: int = 0

    @property
    def percent(self):
        """Of the answers held to the question (the API's ``computed`` share)."""
        return _percent(self.count, self.denominator)

    @property
    def percent_of_respondents(self):
        """Of all the round's respondents, unknown answers included."""
        return _percent(self.count, self.respondents)


@dataclass
class TextAnswer:
    state: object
    text: str
    source_section: str


@dataclass
class QuestionResult:
    question: object
    denominator: int
    options: list = field(default_factory=list)
    texts: list = field(default_factory=list)
    reported: list = field(default_factory=list)
    earlier: list = field(default_factory=list)
    respondents: int = 0
    # Where the answers held come from (``Response.Origin``): all "paper" = named in the paper.
    origins: set = field(default_factory=set)

    @property
    def round(self):
        return self.question.round

    @property
    def not_reported(self):
        """Respondents whose answer to this question is not known here."""
        return max(self.respondents - self.denominator, 0)

    @property
    def not_reported_percent(self):
        return _percent(self.not_reported, self.respondents)

    def set_respondents(self, respondents):
        # Never fewer than the answers held: a platform round has no reported count.
        self.respondents = max(respondents, self.denominator)
        for option in self.options:
            option.respondents = self.respondents


def question_results(questions, *, region=None):
    """Results for ``questions`` (possibly of several rounds), optionally for one region."""
    questions = list(questions)
    answers = (
        Answer.objects.published()
        .filter(question__in=questions)
        .select_related("response__state")
        .order_by("response__state__name")
    )
    if region is not None:
        answers = answers.filter(response__state__region=region)
    by_question = defaultdict(list)
    for answer in answers:
        by_question[answer.question_id].append(answer)
    reported = defaultdict(list)
    figures = ReportedFigure.objects.filter(question__in=questions)
    # Figures about an option first; statements about changes or frequencies after them.
    for figure in sorted(figures, key=lambda f: (f.option == "", f.slug)):
        reported[figure.question_id].append(figure)
    return [_result(q, by_question[q.pk], reported[q.pk]) for q in questions]


def _result(question, answers, reported):
    for figure in reported:
        figure.question = question
    result = QuestionResult(
        question=question,
        denominator=len(answers),
        reported=reported,
        origins={answer.response.origin for answer in answers},
    )
    if not question.is_choice:
        result.texts = [
            TextAnswer(a.response.state, answer_text(a.text), a.source_section)
            for a in answers
            if a.text
        ]
        return result
    counts = defaultdict(int)
    for answer in answers:
        answer.question = question
        for value in answer.values:
            counts[value] += 1
    for value, label in question.all_choices():
        # Source-only options are listed only where some answer or figure uses them.
        if value not in dict(question.answer_choices()) and not (
            counts[value] or any(f.option == value for f in reported)
        ):
            continue
        result.options.append(OptionShare(value, str(label), counts[value], len(answers)))
    return result


def round_results(round, *, region=None):
    """Results of every question of ``round``, each with its earlier rounds' results."""
    questions = list(round.questions.select_related("round").prefetch_related("options"))
    codes = [q.code for q in questions]
    earlier_questions = (
        Question.objects.filter(code__in=codes, round__year__lt=round.year)
        .select_related("round")
        .prefetch_related("options")
        .order_by("-round__year")
    )
    current = question_results(questions, region=region)
    earlier_by_code = defaultdict(list)
    earlier = question_results(earlier_questions, region=region)
    for result in earlier:
        earlier_by_code[result.question.code].append(result)
    held = _published_responses_per_round(
        {r.question.round_id for r in [*current, *earlier]}, region
    )
    for result in [*current, *earlier]:
        # The source's count of replies covers every region: a region's figures use the
        # responses held there.
        reported = 0 if region is not None else result.round.reported_respondents or 0
        result.set_respondents(max(reported, held.get(result.question.round_id, 0)))
    for result in current:
        result.earlier = earlier_by_code[result.question.code]
    return current


def _published_responses_per_round(round_ids, region):
    """``{round id: respondents held}``: published responses, and in a region at least the
    States of that region the source names as respondents."""
    responses = Response.objects.published().filter(round_id__in=round_ids)
    if region is None:
        return dict(responses.values_list("round_id").annotate(n=Count("pk")).order_by())
    held = dict(
        responses.filter(state__region=region)
        .values_list("round_id")
        .annotate(n=Count("pk"))
        .order_by()
    )
    rounds = dict(Round.objects.filter(pk__in=round_ids).values_list("year", "pk"))
    named = (
        QuestionnaireParticipation.objects.filter(year__in=rounds, state__region=region)
        .values_list("year")
        .annotate(n=Count("pk"))
        .order_by()
    )
    for year, count in named:
        held[rounds[year]] = max(held.get(rounds[year], 0), count)
    return held
