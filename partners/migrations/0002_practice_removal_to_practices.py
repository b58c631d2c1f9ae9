"""The log of deleted practices moves to the practices app, next to the sync feed it serves.

State only: the table ``partners_practiceremoval`` and its rows stay; ``practices`` takes the
model over (with that ``db_table``) in ``practices.0006_practice_removal``.
"""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ("partners", "0001_partner_tokens_and_removals"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="PracticeRemoval")],
            database_operations=[],
        ),
    ]
