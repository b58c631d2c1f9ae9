"""Load the platform's default data: reference States and regions, taxonomy, and the paper.

Every loader is idempotent: records are matched on their natural key (ISO code, slug) and
updated in place, so loading twice leaves exactly one copy of everything. Paper practices keep
their moderation status once created, so a moderator's later decision is never undone by a
reload.
"""

import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone, translation

from practices.models import PAPER_DOCUMENT, PAPER_YEAR, GcmObjective, Pillar, Practice, Theme
from practices.workflow import record_published_version, refresh_public_reads
from questionnaires.loader import load_questionnaires
from questionnaires.models import QuestionnaireParticipation
from states.models import (
    Contact,
    Institution,
    Region,
    RegionalBody,
    State,
    StateFinding,
)
from states.reference import region_names, un_states

FIXTURES_DIR = Path(settings.BASE_DIR) / "fixtures"
PAPER_DIR = FIXTURES_DIR / "paper"


def _read(path):
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def _region(name, level, parent=None):
    region, _created = Region.objects.update_or_create(
        slug=name.lower().replace(" ", "-"),
        defaults={
            "name": name,
            **region_names(name),
            "level": level,
            "parent": parent,
        },
    )
    return region


def load_states():
    """UN member and observer States, with their M49 region, sub-region and intermediate region."""
    count = 0
    with translation.override("en"):
        records = un_states()
    for record in records:
        region = _region(record.region, Region.Level.REGION)
        subregion = _region(record.subregion, Region.Level.SUBREGION, region)
        intermediate = (
            _region(record.intermediate_region, Region.Level.INTERMEDIATE, subregion)
            if record.intermediate_region
            else None
        )
        State.objects.update_or_create(
            iso2=record.iso2,
            defaults={
                "iso3": record.iso3,
                "m49_code": record.m49_code,
                "name": record.name,
                "slug": record.slug,
                "region": region,
                "subregion": subregion,
                "intermediate_region": intermediate,
                "un_status": record.un_status,
                "un_member_since": record.un_member_since,
            },
        )
        count += 1
    return count


def load_taxonomy():
    """Coherence pillars, themes and the 23 GCM objectives with their translations."""
    data = _read(FIXTURES_DIR / "taxonomy.json")
    for item in data["pillars"]:
        Pillar.objects.update_or_create(slug=item["slug"], defaults=item)
    for item in data["themes"]:
        Theme.objects.update_or_create(slug=item["slug"], defaults=item)
    for item in data["gcm_objectives"]:
        GcmObjective.objects.update_or_create(number=item["number"], defaults=item)
    return sum(len(items) for items in data.values())


class PaperData:
    """The paper's facts, curated under ``fixtures/paper/``, loaded against existing States."""

    def __init__(self, directory=PAPER_DIR):
        self.directory = Path(directory)
        self.states = {state.iso2: state for state in State.objects.all()}

    def read(self, name):
        return _read(self.directory / f"{name}.json")

    def state(self, code):
        return self.states[code] if code else None

    def load_bodies(self):
        bodies = self.read("bodies")
        for item in bodies:
            body, _created = RegionalBody.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "acronym": item.get("acronym", ""),
                    "name": item["name"],
                    "kind": item["kind"],
                    "description": item.get("description", ""),
                    "source_section": item.get("source_section", ""),
                    "members_as_of": item.get("members_as_of"),
                    "membership_note": item.get("membership_note", ""),
                },
            )
            body.members.set([self.states[code] for code in item.get("members", [])])
        return len(bodies)

    def load_institutions(self):
        institutions = self.read("institutions")
        for item in institutions:
            Institution.objects.update_or_create(
                slug=item["slug"],
                defaults={
                    "state": self.states[item["state"]],
                    "name": item["name"],
                    "kind": item["kind"],
                    "description": item.get("description", ""),
                    "source_section": item.get("source_section", ""),
                },
            )
        return len(institutions)

    def load_contacts(self):
        contacts = self.read("contacts")
        institutions = {i.slug: i for i in Institution.objects.all()}
        for item in contacts:
            # Paper contacts name an office only: matched on State and name, never invented.
            Contact.objects.update_or_create(
                state=self.states[item["state"]],
                name=item["name"],
                defaults={
                    "role": item.get("role", ""),
                    "institution": institutions.get(item.get("institution") or ""),
                    "is_public": item.get("is_public", True),
                    "is_focal_point": item.get("is_focal_point", False),
                    "source_section": item.get("source_section", ""),
                },
            )
        return len(contacts)

    def load_findings(self):
        findings = self.read("state_findings")
        for item in findings:
            StateFinding.objects.update_or_create(
                state=self.states[item["state"]],
                kind=item["kind"],
                text=item["text"],
                defaults={"source_section": item["source_section"]},
            )
        return len(findings)

    def load_respondents(self):
        respondents = self.read("respondents")
        for item in respondents:
            for year in item["rounds"]:
                QuestionnaireParticipation.objects.update_or_create(
                    state=self.states[item["state"]],
                    year=year,
                    defaults={"source_section": item["source_section"]},
                )
        return len(respondents)

    def load_practices(self):
        practices = self.read("practices")
        pillars = {p.slug: p for p in Pillar.objects.all()}
        themes = {t.slug: t for t in Theme.objects.all()}
        objectives = {o.number: o for o in GcmObjective.objects.all()}
        bodies = {b.slug: b for b in RegionalBody.objects.all()}
        institutions = {i.slug: i for i in Institution.objects.all()}
        now = timezone.now()
        for item in practices:
            fields = {
                "title": item["title"],
                "lead_state": self.state(item.get("lead_state")),
                "lead_body": bodies.get(item.get("lead_body") or ""),
                "reported_by": self.state(item.get("reported_by")),
                "pillar": pillars[item["pillar"]],
                "summary": item["summary"],
                "description": item.get("description", ""),
                "objectives": item.get("objectives", ""),
                "results": item.get("results", ""),
                "lessons": item.get("lessons", ""),
                "start_year": item.get("start_year"),
                "end_year": item.get("end_year"),
                "stage": item.get("stage", ""),
                "source_document": PAPER_DOCUMENT,
                "source_section": item["source_section"],
                "source_year": PAPER_YEAR,
                "language": "en",
                "origin": Practice.Origin.PAPER,
            }
            # Status is set on creation only: a moderator's later decision survives a reload.
            practice, _created = Practice.objects.update_or_create(
                slug=item["slug"],
                defaults=fields,
                create_defaults={
                    **fields,
                    "status": Practice.Status.PUBLISHED,
                    "published_at": now,
                },
            )
            practice.partner_states.set([self.states[c] for c in item.get("partner_states", [])])
            practice.partner_bodies.set([bodies[s] for s in item.get("partner_bodies", [])])
            practice.institutions.set([institutions[s] for s in item.get("institutions", [])])
            practice.themes.set([themes[s] for s in item["themes"]])
            practice.gcm_objectives.set([objectives[n] for n in item.get("gcm_objectives", [])])
            if practice.status == Practice.Status.PUBLISHED:
                # v1 on first load; a corrected text in the fixture becomes the next version.
                first = not practice.versions.exists()
                record_published_version(practice, at=practice.published_at if first else None)
        return len(practices)


def load_default_data(report=lambda step, count: None):
    """Load everything, in one transaction; ``report(step, count)`` is told after each step."""
    with transaction.atomic():
        report("States (UN members and observers)", load_states())
        report("Taxonomy entries (pillars, themes, GCM objectives)", load_taxonomy())
        paper = PaperData()
        for label, loader in [
            ("Regional and international bodies", paper.load_bodies),
            ("Institutions", paper.load_institutions),
            ("Contacts (offices named in the paper)", paper.load_contacts),
            ("State findings (obstacles, lessons, needs)", paper.load_findings),
            ("Questionnaire respondents", paper.load_respondents),
            ("Practices", paper.load_practices),
        ]:
            report(label, loader())
        report("Search index (published practices)", refresh_public_reads())
        report("Questionnaire rounds, reported figures and named answers", load_questionnaires())
