"""Load the paper's questionnaire data from ``fixtures/questionnaires/``.

Idempotent: rounds are matched on their year, questions on (round, code), options on
(question, value), reported figures on their key, responses on (round, State) and answers on
(response, question), so loading twice leaves one copy of everything. Statuses (of rounds and
responses) are set on creation only, so a later decision in the admin survives a reload.

Only the States the paper names behind an answer get one; nothing is inferred for the others.
"""

import json
from collections import defaultdict
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from practices.models import PAPER_DOCUMENT
from states.models import State

from .models import Answer, Question, QuestionOption, ReportedFigure, Response, Round

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures" / "questionnaires"


def _read(directory, name):
    with open(Path(directory) / f"{name}.json", encoding="utf-8") as handle:
        return json.load(handle)


def load_questionnaires(directory=FIXTURES_DIR):
    """Load rounds, questions, reported figures and the paper's answers; return a row count."""
    with transaction.atomic():
        questions = _load_rounds(_read(directory, "rounds"))
        figures = _load_figures(_read(directory, "reported_figures"), questions)
        answers = _load_answers(_read(directory, "answers"), questions)
    return len(questions) + figures + answers


def _load_rounds(rounds):
    questions = {}
    for item in rounds:
        fields = {
            "title": item["title"],
            "description": item.get("description", ""),
            "reported_respondents": item.get("reported_respondents"),
            "source_section": item.get("source_section", ""),
        }
        round, _created = Round.objects.update_or_create(
            year=item["year"],
            defaults=fields,
            create_defaults={**fields, "status": item.get("status", Round.Status.PUBLISHED)},
        )
        for spec in item["questions"]:
            question, _created = Question.objects.update_or_create(
                round=round,
                code=spec["code"],
                defaults={
                    "order": spec["order"],
                    "text": spec["text"],
                    "help_text": spec.get("help_text", ""),
                    "kind": spec["kind"],
                    "intends_years": spec.get("intends_years"),
                    "source_section": spec.get("source_section", ""),
                },
            )
            for option in spec.get("options", []):
                QuestionOption.objects.update_or_create(
                    question=question,
                    value=option["value"],
                    defaults={"label": option["label"], "order": option["order"]},
                )
            questions[(round.year, question.code)] = question
    return questions


def _load_figures(figures, questions):
    for item in figures:
        question = questions[(item["round"], item["question"])]
        ReportedFigure.objects.update_or_create(
            slug=item["slug"],
            defaults={
                "round": question.round,
                "question": question,
                "option": item.get("option", ""),
                "value": item.get("value"),
                "unit": item["unit"],
                "denominator": item.get("denominator"),
                "statement": item["statement"],
                "source_document": item.get("source_document", PAPER_DOCUMENT),
                "source_section": item["source_section"],
            },
        )
    return len(figures)


def _load_answers(groups, questions):
    """Merge the curated groups into one answer per (round, State, question), then save."""
    merged = defaultdict(lambda: {"choices": [], "notes": [], "sections": []})
    for group in groups:
        question = questions[(group["round"], group["question"])]
        for code in group["states"]:
            entry = merged[(question.round, code, question)]
            if "option" in group:
                entry["choices"].append(group["option"])
            entry["choice"] = group.get("choice", "")
            entry["text"] = group.get("text", "")
            entry["notes"].append(group["note"])
            if group["source_section"] not in entry["sections"]:
                entry["sections"].append(group["source_section"])
    states = State.objects.in_bulk([code for _round, code, _q in merged], field_name="iso2")
    now = timezone.now()
    responses = {}
    for (round, code, question), entry in merged.items():
        key = (round.pk, code)
        if key not in responses:
            responses[key], _created = Response.objects.update_or_create(
                round=round,
                state=states[code],
                defaults={"origin": Response.Origin.PAPER},
                create_defaults={
                    "origin": Response.Origin.PAPER,
                    "status": Response.Status.PUBLISHED,
                    "published_at": now,
                },
            )
        Answer.objects.update_or_create(
            response=responses[key],
            question=question,
            defaults={
                "choice": entry["choice"],
                "choices": entry["choices"],
                "text": entry["text"],
                "note": "\n".join(entry["notes"]),
                "source_section": "; ".join(entry["sections"]),
            },
        )
    return len(merged)
