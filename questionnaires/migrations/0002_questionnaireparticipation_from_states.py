"""QuestionnaireParticipation moves here from ``states``; its table stays where it is.

Only Django's picture of the models changes: ``states.0002`` drops the model from ``states``
after this migration adds it here, and ``db_table`` keeps the existing table and its rows.
"""

import django.core.validators
import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("questionnaires", "0001_rounds_questions_responses"),
        ("states", "0001_initial"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="QuestionnaireParticipation",
                    fields=[
                        (
                            "id",
                            models.BigAutoField(
                                auto_created=True,
                                primary_key=True,
                                serialize=False,
                                verbose_name="ID",
                            ),
                        ),
                        (
                            "year",
                            models.PositiveSmallIntegerField(
                                validators=[
                                    django.core.validators.MinValueValidator(2007),
                                    django.core.validators.MaxValueValidator(2100),
                                ],
                                verbose_name="round year",
                            ),
                        ),
                        (
                            "source_section",
                            models.CharField(max_length=120, verbose_name="source section"),
                        ),
                        (
                            "state",
                            models.ForeignKey(
                                on_delete=django.db.models.deletion.CASCADE,
                                related_name="participations",
                                to="states.state",
                                verbose_name="State",
                            ),
                        ),
                    ],
                    options={
                        "verbose_name": "questionnaire participation",
                        "verbose_name_plural": "questionnaire participations",
                        "db_table": "states_questionnaireparticipation",
                        "ordering": ["year", "state__name"],
                        "constraints": [
                            models.UniqueConstraint(
                                fields=("state", "year"), name="unique_participation_per_round"
                            )
                        ],
                    },
                ),
            ],
        ),
    ]
