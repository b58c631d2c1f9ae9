"""Questionnaire rounds, their questions (as data), States' responses, and reported figures.

A round's questions are rows, not code: the next round is built by copying the previous one
(see ``workflow.copy_round``) and editing it in the admin. A question's ``code`` stays the same
across rounds so that results can be compared year on year.
"""

from decimal import Decimal

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from moderation.models import ModerationStatus
from states.models import State

from .managers import AnswerQuerySet, ResponseQuerySet
from .translations import answer_text, option_label, statement

YEAR_VALIDATORS = [MinValueValidator(2007), MaxValueValidator(2100)]


class QuestionnaireParticipation(models.Model):
    """A State's reply to a GFMD policy-coherence questionnaire round, as the paper reports it."""

    state = models.ForeignKey(
        State, verbose_name=_("State"), on_delete=models.CASCADE, related_name="participations"
    )
    year = models.PositiveSmallIntegerField(_("round year"), validators=YEAR_VALIDATORS)
    source_section = models.CharField(_("source section"), max_length=120)

    class Meta:
        # The table kept its name when the model moved here from ``states``.
        db_table = "states_questionnaireparticipation"
        ordering = ["year", "state__name"]
        verbose_name = _("questionnaire participation")
        verbose_name_plural = _("questionnaire participations")
        constraints = [
            models.UniqueConstraint(fields=["state", "year"], name="unique_participation_per_round")
        ]

    def __str__(self):
        return f"{self.state} ({self.year})"


class Round(models.Model):
    """One questionnaire sent to all GFMD focal points (2007, 2008, ...)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Open for answers")
        CLOSED = "closed", _("Closed")
        PUBLISHED = "published", _("Results published")

    year = models.PositiveSmallIntegerField(_("year"), unique=True, validators=YEAR_VALIDATORS)
    title = models.CharField(_("title"), max_length=250)
    description = models.TextField(_("description"), blank=True)
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.CLOSED,
        help_text=_(
            "Only an open round accepts answers. Results of open and closed rounds are shown "
            "as provisional."
        ),
    )
    reported_respondents = models.PositiveSmallIntegerField(
        _("replies reported by the source"),
        null=True,
        blank=True,
        help_text=_("How many replies the source document reports (45 in 2007, 53 in 2008)."),
    )
    source_section = models.CharField(_("source section"), max_length=120, blank=True)

    class Meta:
        ordering = ["-year"]
        verbose_name = _("questionnaire round")
        verbose_name_plural = _("questionnaire rounds")

    def __str__(self):
        return f"{self.year}: {self.title}"

    def get_absolute_url(self):
        return reverse("questionnaires:round_results", kwargs={"year": self.year})

    @property
    def accepts_answers(self):
        return self.status == self.Status.OPEN

    @property
    def is_final(self):
        return self.status == self.Status.PUBLISHED

    def named_respondents(self):
        """States the source names as having replied to this round."""
        return QuestionnaireParticipation.objects.filter(year=self.year)


class Question(models.Model):
    """A typed question of a round; ``code`` is stable across rounds for comparison."""

    class Kind(models.TextChoices):
        YES_NO = "yes_no", _("Yes / no")
        YES_NO_INTENDS = "yes_no_intends", _("Yes / no / intends to within N years")
        FREQUENCY = "frequency", _("Frequency")
        FREE_TEXT = "free_text", _("Free text")
        MULTI_CHOICE = "multi_choice", _("Multiple choice")

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="questions"
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)
    code = models.SlugField(
        _("code"),
        max_length=80,
        help_text=_("Keep the same code in later rounds so that results can be compared."),
    )
    text = models.CharField(_("question"), max_length=500)
    help_text = models.TextField(_("help text"), blank=True)
    kind = models.CharField(_("kind"), max_length=16, choices=Kind.choices)
    intends_years = models.PositiveSmallIntegerField(
        _("intends within (years)"),
        null=True,
        blank=True,
        validators=[MinValueValidator(1), MaxValueValidator(20)],
        help_text=_("Only for yes / no / intends questions: the horizon of the intention."),
    )
    source_section = models.CharField(_("source section"), max_length=120, blank=True)

    class Meta:
        ordering = ["round", "order", "pk"]
        verbose_name = _("question")
        verbose_name_plural = _("questions")
        constraints = [
            models.UniqueConstraint(fields=["round", "code"], name="unique_question_code_per_round")
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.kind == self.Kind.YES_NO_INTENDS and not self.intends_years:
            raise ValidationError(
                {"intends_years": _("Say within how many years the intention counts.")}
            )
        if self.kind != self.Kind.YES_NO_INTENDS and self.intends_years:
            raise ValidationError(
                {"intends_years": _("Only yes / no / intends questions have a horizon.")}
            )

    @property
    def is_choice(self):
        return self.kind != self.Kind.FREE_TEXT

    def answer_choices(self):
        """The options a State may pick in the form, in display order."""
        return [(value, label) for value, label in self.all_choices() if value != YES_OR_INTENDS]

    def all_choices(self):
        """Every option results are counted under, including source-only ones."""
        if self.kind == self.Kind.YES_NO:
            return [("yes", _("Yes")), ("no", _("No"))]
        if self.kind == self.Kind.YES_NO_INTENDS:
            return [
                ("yes", _("Yes")),
                (
                    "intends",
                    _("No, but intends to within %(years)s years") % {"years": self.intends_years},
                ),
                ("no", _("No")),
                (YES_OR_INTENDS, _("Has one or intends to (the source does not say which)")),
            ]
        if self.kind == self.Kind.FREQUENCY:
            return list(Frequency.choices)
        if self.kind == self.Kind.MULTI_CHOICE:
            return [(option.value, option_label(self, option)) for option in self.options.all()]
        return []


# Option kept for answers the source reports only jointly ("have one or intend to").
YES_OR_INTENDS = "yes_or_intends"


class Frequency(models.TextChoices):
    DAILY = "daily", _("Daily")
    WEEKLY = "weekly", _("Weekly")
    MONTHLY = "monthly", _("Monthly")
    EVERY_1_3_MONTHS = "every_1_3_months", _("Every 1–3 months")
    LESS_OFTEN = "less_often", _("Less often")


class QuestionOption(models.Model):
    """One option of a multiple-choice question."""

    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="options"
    )
    value = models.SlugField(_("value"), max_length=60)
    label = models.CharField(_("label"), max_length=250)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        ordering = ["question", "order", "pk"]
        verbose_name = _("option")
        verbose_name_plural = _("options")
        constraints = [
            models.UniqueConstraint(fields=["question", "value"], name="unique_option_per_question")
        ]

    def __str__(self):
        return self.label


class Response(models.Model):
    """A State's response to a round, moderated like a practice.

    ``status`` changes only through ``questionnaires.workflow`` (which wraps
    ``moderation.transitions``); only published responses count in public results.
    """

    Status = ModerationStatus

    class Origin(models.TextChoices):
        PAPER = "paper", _("GFMD 2008 background paper")
        SUBMISSION = "submission", _("Submitted by the State")

    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.PROTECT, related_name="responses"
    )
    state = models.ForeignKey(
        State,
        verbose_name=_("State"),
        on_delete=models.PROTECT,
        related_name="questionnaire_responses",
    )
    status = models.CharField(
        _("status"),
        max_length=20,
        choices=Status.choices,
        default=Status.DRAFT,
        editable=False,
        db_index=True,
    )
    origin = models.CharField(
        _("origin"), max_length=10, choices=Origin.choices, default=Origin.SUBMISSION
    )
    version = models.PositiveIntegerField(
        _("version"),
        default=1,
        editable=False,
        help_text=_("Raised on every save; a save based on an older version is refused."),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("submitted by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="questionnaire_responses",
    )
    submitted_at = models.DateTimeField(_("submitted"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published"), null=True, blank=True, editable=False)
    created_at = models.DateTimeField(_("created"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated"), auto_now=True)

    objects = ResponseQuerySet.as_manager()

    class Meta:
        ordering = ["-round__year", "state__name"]
        verbose_name = _("questionnaire response")
        verbose_name_plural = _("questionnaire responses")
        constraints = [
            models.UniqueConstraint(fields=["round", "state"], name="unique_response_per_round")
        ]

    def __str__(self):
        return f"{self.state} ({self.round.year})"

    def get_absolute_url(self):
        return reverse(
            "questionnaires:response_detail",
            kwargs={"year": self.round.year, "state": self.state.slug},
        )

    @property
    def owner_state_id(self):
        """The State whose users may submit and withdraw this response (see moderation)."""
        return self.state_id

    @property
    def is_editable(self):
        """Answers change only in draft or after a change request, and while the round is open."""
        return (
            self.status in {self.Status.DRAFT, self.Status.CHANGES_REQUESTED}
            and self.round.accepts_answers
        )


class Answer(models.Model):
    """One answer of a response; which value field is used depends on the question's kind."""

    response = models.ForeignKey(
        Response, verbose_name=_("response"), on_delete=models.CASCADE, related_name="answers"
    )
    question = models.ForeignKey(
        Question, verbose_name=_("question"), on_delete=models.CASCADE, related_name="answers"
    )
    choice = models.CharField(_("choice"), max_length=40, blank=True)
    choices = models.JSONField(_("choices"), default=list, blank=True)
    text = models.TextField(_("text"), blank=True, max_length=5000)
    note = models.TextField(
        _("note"),
        blank=True,
        help_text=_("For answers taken from a document: the wording the answer rests on."),
    )
    source_section = models.CharField(_("source section"), max_length=120, blank=True)

    objects = AnswerQuerySet.as_manager()

    class Meta:
        ordering = ["response", "question__order"]
        verbose_name = _("answer")
        verbose_name_plural = _("answers")
        constraints = [
            models.UniqueConstraint(
                fields=["response", "question"], name="unique_answer_per_question"
            )
        ]

    def __str__(self):
        return f"{self.response}: {self.question.code}"

    def clean(self):
        allowed = {value for value, _label in self.question.all_choices()}
        if self.choice and self.choice not in allowed:
            raise ValidationError({"choice": _("This is not an option of the question.")})
        if any(value not in allowed for value in self.choices):
            raise ValidationError({"choices": _("This is not an option of the question.")})

    display_note = property(lambda self: answer_text(self.note))

    @property
    def values(self):
        """The option values this answer counts under (empty for free text)."""
        if self.question.kind == Question.Kind.MULTI_CHOICE:
            return list(self.choices)
        return [self.choice] if self.choice else []

    def display(self):
        """The answer as a reader sees it: option labels, or the text (translated if it can be)."""
        if not self.question.is_choice:
            return answer_text(self.text)
        labels = dict(self.question.all_choices())
        return "; ".join(str(labels.get(value, value)) for value in self.values)


class ReportedFigure(models.Model):
    """A figure a source document reports for a round (``84%``, ``26 of 53``), kept apart.

    These are never mixed with figures computed from the answers held here: pages, CSV and
    API label each as "reported" or "computed".
    """

    class Unit(models.TextChoices):
        PERCENT = "percent", _("Percent of responding States")
        COUNT = "count", _("Number of States")

    slug = models.SlugField(_("key"), max_length=120, unique=True)
    round = models.ForeignKey(
        Round, verbose_name=_("round"), on_delete=models.CASCADE, related_name="reported_figures"
    )
    question = models.ForeignKey(
        Question,
        verbose_name=_("question"),
        on_delete=models.CASCADE,
        related_name="reported_figures",
    )
    option = models.CharField(
        _("option"), max_length=40, blank=True, help_text=_("Empty for statements about no option.")
    )
    value = models.DecimalField(
        _("value"),
        max_digits=6,
        decimal_places=1,
        null=True,
        blank=True,
        help_text=_("Empty where the source gives words only (“most States”)."),
    )
    unit = models.CharField(_("unit"), max_length=8, choices=Unit.choices)
    denominator = models.PositiveSmallIntegerField(
        _("out of"), null=True, blank=True, help_text=_("Only where the source gives it.")
    )
    statement = models.TextField(_("what the source says"))
    source_document = models.CharField(_("source document"), max_length=300, blank=True)
    source_section = models.CharField(_("source section"), max_length=120)

    class Meta:
        ordering = ["round", "question__order", "slug"]
        verbose_name = _("reported figure")
        verbose_name_plural = _("reported figures")

    def __str__(self):
        return f"{self.round.year} {self.question.code}: {self.display_value}"

    def clean(self):
        if self.question_id and self.round_id and self.question.round_id != self.round_id:
            raise ValidationError({"question": _("The question belongs to another round.")})

    @property
    def percent(self):
        """The figure as a percentage where the source allows it, else ``None``."""
        if self.value is None:
            return None
        if self.unit == self.Unit.PERCENT:
            return self.value
        if self.denominator:
            return (self.value * 100 / self.denominator).quantize(Decimal("1"))
        return None

    @property
    def number(self):
        """The value without trailing zeros ("84", "26", "12.5"), or "" for words only."""
        return "" if self.value is None else f"{self.value.normalize():f}"

    @property
    def display_value(self):
        if self.value is None:
            return ""
        number = self.number
        if self.unit == self.Unit.PERCENT:
            return f"{number}%"
        if self.denominator:
            return _("%(value)s of %(denominator)s") % {
                "value": number,
                "denominator": self.denominator,
            }
        return number

    @property
    def option_label(self):
        return dict(self.question.all_choices()).get(self.option, self.option)

    @property
    def display_statement(self):
        """The source's words in the reader's language: a translation of a quotation."""
        return statement(self)
