"""The index's own words per content language, for "did you mean" (``search.models.Vocabulary``).

A stand-in identical to the ``fts`` branch's migration of the same name, so that this branch can
test its PostgreSQL suggestions; the merge keeps that branch's file.
"""

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('search', '0005_top_results'),
    ]

    operations = [
        migrations.CreateModel(
            name='Vocabulary',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('word', models.CharField(max_length=64, verbose_name='word')),
                ('language', models.CharField(max_length=8, verbose_name='language')),
                ('documents', models.PositiveIntegerField(default=0, verbose_name='documents')),
            ],
            options={
                'verbose_name': 'vocabulary word',
                'verbose_name_plural': 'vocabulary',
                'constraints': [models.UniqueConstraint(fields=('word', 'language'), name='vocabulary_unique_word')],
            },
        ),
    ]
