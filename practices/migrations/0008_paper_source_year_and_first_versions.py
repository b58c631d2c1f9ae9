"""The paper's practices cite their source's year (2008), and every practice published before
versions were kept gets its v1: what it shows now, dated from its publication."""

from django.db import migrations

PAPER_YEAR = 2008
# ``practices.workflow``'s CONTENT_FIELDS + EDITORIAL_FIELDS and VERSIONED_RELATIONS as they
# stand with this migration (a migration keeps its own copy: the code may move on).
FIELDS = [
    "title",
    "lead_state",
    "lead_body",
    "pillar",
    "summary",
    "description",
    "objectives",
    "results",
    "lessons",
    "start_year",
    "end_year",
    "stage",
    "source_document",
    "source_section",
    "source_url",
    "source_year",
    "language",
    "reported_by",
]
RELATIONS = ["themes", "gcm_objectives", "partner_states", "partner_bodies", "institutions"]


def forwards(apps, schema_editor):
    Practice = apps.get_model("practices", "Practice")
    PracticeVersion = apps.get_model("practices", "PracticeVersion")
    Practice.objects.filter(origin="paper", source_year__isnull=True).update(
        source_year=PAPER_YEAR
    )
    published = Practice.objects.filter(status="published", revision_of__isnull=True).exclude(
        versions__isnull=False
    )
    for practice in published.iterator(chunk_size=500):
        content = {
            "fields": {
                name: getattr(practice, Practice._meta.get_field(name).attname) for name in FIELDS
            },
            "relations": {
                name: sorted(getattr(practice, name).values_list("pk", flat=True))
                for name in RELATIONS
            },
        }
        PracticeVersion.objects.create(
            practice=practice,
            number=1,
            published_at=practice.published_at or practice.updated_at,
            content=content,
        )


def backwards(apps, schema_editor):
    # The versions table goes with the previous migration; the year is harmless to keep.
    pass


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_citation_source_year_reported_by_versions")]

    operations = [migrations.RunPython(forwards, backwards)]
