"""The log of deleted practices, taken over from the partners app with its table and rows.

State only for the table (``partners.0001`` created it, ``partners.0002`` let go of the
model). The content type is renamed, as Django does when a model is renamed, so the
permissions and admin history attached to it follow the model.
"""

import django.utils.timezone
from django.db import migrations, models


def move_content_type(apps, schema_editor, *, from_app, to_app):
    ContentType = apps.get_model("contenttypes", "ContentType")
    db = schema_editor.connection.alias
    if not ContentType.objects.using(db).filter(app_label=to_app, model="practiceremoval").exists():
        ContentType.objects.using(db).filter(app_label=from_app, model="practiceremoval").update(
            app_label=to_app
        )


def forwards(apps, schema_editor):
    move_content_type(apps, schema_editor, from_app="partners", to_app="practices")


def backwards(apps, schema_editor):
    move_content_type(apps, schema_editor, from_app="practices", to_app="partners")


class Migration(migrations.Migration):

    dependencies = [
        ("practices", "0005_change_feed_index"),
        ("partners", "0002_practice_removal_to_practices"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="PracticeRemoval",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("uuid", models.UUIDField(unique=True, verbose_name="identifier")),
                        ("slug", models.SlugField(max_length=120, verbose_name="slug")),
                        ("removed_at", models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name="removed")),
                    ],
                    options={
                        "verbose_name": "removed practice",
                        "verbose_name_plural": "removed practices",
                        "db_table": "partners_practiceremoval",
                        "ordering": ["removed_at", "uuid"],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(forwards, backwards),
    ]
