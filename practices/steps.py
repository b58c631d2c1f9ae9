"""The guided practice form: its steps, in order, and the guidance each field gives.

One step per page (``practices.step_views``), each saving the draft; the whole form on one
page (``PracticeForm`` without a step) has one fieldset per step. A field is named in exactly
one step; adding a field to the form is adding its name to a step here. The guidance follows
OECD OPSI's case-study form: what to write, a short example, and the limit (shown by the
form, counted live by ``static/js/forms.js``).
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    intro: str
    fields: tuple


STEPS = (
    Step(
        "about",
        _("About"),
        _("What the practice is called, who leads it and how readers will find it."),
        (
            "title",
            "summary",
            "lead_state",
            "lead_body",
            "language",
            "pillar",
            "themes",
            "in_response_to",
        ),
    ),
    Step(
        "what-was-done",
        _("What was done"),
        _("What the practice does, what it set out to achieve, and when."),
        ("description", "objectives", "start_year", "end_year", "adapted_from"),
    ),
    Step(
        "results",
        _("Results and evidence"),
        _(
            "What changed because of it, how it was measured, and where the evidence can be "
            "read. Give only what you know; nothing here is scored or ranked."
        ),
        (
            "results",
            "evaluation_type",
            "beneficiaries_reached",
            "beneficiaries_description",
            "source_document",
            "source_section",
            "source_url",
            "source_year",
        ),
    ),
    Step(
        "lessons",
        _("Lessons"),
        _("What worked, what did not, and what others should know before trying it."),
        ("lessons",),
    ),
    Step(
        "people",
        _("People and partners"),
        _("Other States, bodies and institutions that take part, and who can be asked."),
        ("partner_states", "partner_bodies", "institutions", "contacts"),
    ),
    Step(
        "documents",
        _("Documents"),
        _("Reports, laws or evaluations that document the practice (optional)."),
        (),
    ),
    Step(
        "check",
        _("Check and submit"),
        _(
            "The UN Migration Network Hub asks these questions of every practice it shares: "
            "answer them, check the list below, then submit for review."
        ),
        ("gcm_objectives", "guiding_principles", "sdg_targets", "stage", "replicability"),
    ),
)
STEPS_BY_SLUG = {step.slug: step for step in STEPS}
FIRST_STEP = STEPS[0]
# The step each field is written in, for links from the error summary and the checklist.
STEP_OF_FIELD = {name: step for step in STEPS for name in step.fields}

# What to write and a short example, per field (OPSI style); the limit is the form's.
GUIDANCE = {
    "title": (
        _("A short, specific name readers will recognise."),
        _("“Remittance matching fund 3×1”"),
    ),
    "summary": (
        _("Two or three sentences: what it is, who it serves, what it achieved."),
        _(
            "“Every peso migrants send for a local project is matched by the municipal, "
            "state and federal governments.”"
        ),
    ),
    "description": (
        _("How it works, step by step, as a newcomer would need it explained."),
        _("“Migrant clubs propose a project; a committee of the four funders chooses…”"),
    ),
    "objectives": (
        _("The problem it addresses and what it set out to change."),
        _("“Channel collective remittances into infrastructure in places of origin.”"),
    ),
    "results": (
        _("What changed, with figures where you have them, and how it was measured."),
        _("“2,500 projects funded in 2007; an evaluation found…”"),
    ),
    "lessons": (
        _("What made it work, what got in the way, and what you would do differently."),
        _("“Clubs needed help to prepare proposals; a help desk was added.”"),
    ),
    "replicability": (
        _("What another State would need to run it: conditions, cost, partners, law."),
        _("“Needs organised diaspora associations and matching funds at each level.”"),
    ),
    "source_document": (
        _("The report, law or website the information comes from."),
        _("“National report to the GFMD, 2008”"),
    ),
    "guiding_principles": (
        _("The GCM guiding principles (A/RES/73/195, para. 15) the practice applies."),
        _("“Whole-of-government approach” for an inter-ministerial body."),
    ),
    "sdg_targets": (
        _("The 2030 Agenda targets it contributes to, if any."),
        _("10.c for a practice that lowers the cost of sending remittances."),
    ),
    "gcm_objectives": (
        _("At least one objective of the Global Compact for Migration it serves."),
        _("Objective 20 for faster, safer and cheaper remittances."),
    ),
    "stage": (
        _("How far implementation has gone."),
        _("“Pilot” while it runs in a few places only."),
    ),
}

# The self-check before submitting: (field, question) pairs, answered when the field is set.
SELF_CHECK = (
    ("gcm_objectives", _("Is it linked to at least one GCM objective?")),
    ("guiding_principles", _("Which GCM guiding principles does it apply?")),
    ("stage", _("What is its implementation status?")),
    ("replicability", _("What makes it replicable elsewhere?")),
)
# What a practice needs before it can be submitted (the model's own required fields).
REQUIRED_FIELDS = ("title", "summary", "lead_state", "pillar", "themes")


def neighbours(step):
    """The steps before and after ``step`` (None at either end)."""
    index = STEPS.index(step)
    before = STEPS[index - 1] if index else None
    after = STEPS[index + 1] if index + 1 < len(STEPS) else None
    return before, after
