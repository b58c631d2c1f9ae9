"""QuestionnaireParticipation now belongs to ``questionnaires`` (see its migration 0002).

State only: the table ``states_questionnaireparticipation`` and its rows stay; the model just
stops being this app's.
"""

from django.db import migrations


class Migration(migrations.Migration):
    dependencies = [
        ("states", "0001_initial"),
        ("questionnaires", "0002_questionnaireparticipation_from_states"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[migrations.DeleteModel(name="QuestionnaireParticipation")],
        ),
    ]
