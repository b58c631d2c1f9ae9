"""Round results: per question, the share of answering States per option.

Only published responses count (``Answer.objects.published()``). A State that did not answer
a question, or did not respond at all, is left out of that question's denominator: shares are
"of the N States that answered", as the paper's percentages are "of the States who responded".
"Intends to" is an option of its own, never folded into yes or no.

Everything is computed from a fixed number of queries whatever the number of States.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from .models import Answer, Question, ReportedFigure


@dataclass
class OptionShare:
    value: str
    label: str
    count: int
    denominator: int

    @property
    def percent(self):
        if not self.denominator:
            return None
        share = Decimal(self.count * 100) / Decimal(self.denominator)
        return share.quantize(Decimal("1"), rounding=ROUND_HALF_UP)


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

    @property
    def round(self):
        return self.question.round


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
    result = QuestionResult(question=question, denominator=len(answers), reported=reported)
    if not question.is_choice:
        result.texts = [
            TextAnswer(a.response.state, a.text, a.source_section) for a in answers if a.text
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
    for result in question_results(earlier_questions, region=region):
        earlier_by_code[result.question.code].append(result)
    for result in current:
        result.earlier = earlier_by_code[result.question.code]
    return current
