"""The GCM's ten guiding principles and the migration-relevant SDG targets, as published.

Guiding principles: the Global Compact for Safe, Orderly and Regular Migration, General
Assembly resolution A/RES/73/195 (19 December 2018), paragraph 15, in its order and with its
headings. SDG targets: "Transforming our world: the 2030 Agenda for Sustainable Development",
A/RES/70/1 (25 September 2015), annex, the official English wording of the targets that name
migrants, migration, remittances or trafficking, or that the GCM cites. French and Spanish
wordings are left empty (English is shown) until they are copied from the same resolutions.
No practice is linked to either: the 2008 paper predates both texts.
"""

from django.db import migrations

PRINCIPLES = [
    (1, "people-centred", "People-centred"),
    (2, "international-cooperation", "International cooperation"),
    (3, "national-sovereignty", "National sovereignty"),
    (4, "rule-of-law-and-due-process", "Rule of law and due process"),
    (5, "sustainable-development", "Sustainable development"),
    (6, "human-rights", "Human rights"),
    (7, "gender-responsive", "Gender-responsive"),
    (8, "child-sensitive", "Child-sensitive"),
    (9, "whole-of-government-approach", "Whole-of-government approach"),
    (10, "whole-of-society-approach", "Whole-of-society approach"),
]

TARGETS = [
    (
        "3.c",
        "Substantially increase health financing and the recruitment, development, training "
        "and retention of the health workforce in developing countries, especially in least "
        "developed countries and small island developing States",
    ),
    (
        "4.b",
        "By 2020, substantially expand globally the number of scholarships available to "
        "developing countries, in particular least developed countries, small island "
        "developing States and African countries, for enrolment in higher education, "
        "including vocational training and information and communications technology, "
        "technical, engineering and scientific programmes, in developed countries and other "
        "developing countries",
    ),
    (
        "5.2",
        "Eliminate all forms of violence against all women and girls in the public and "
        "private spheres, including trafficking and sexual and other types of exploitation",
    ),
    (
        "8.7",
        "Take immediate and effective measures to eradicate forced labour, end modern slavery "
        "and human trafficking and secure the prohibition and elimination of the worst forms "
        "of child labour, including recruitment and use of child soldiers, and by 2025 end "
        "child labour in all its forms",
    ),
    (
        "8.8",
        "Protect labour rights and promote safe and secure working environments for all "
        "workers, including migrant workers, in particular women migrants, and those in "
        "precarious employment",
    ),
    (
        "10.7",
        "Facilitate orderly, safe, regular and responsible migration and mobility of people, "
        "including through the implementation of planned and well-managed migration policies",
    ),
    (
        "10.c",
        "By 2030, reduce to less than 3 per cent the transaction costs of migrant remittances "
        "and eliminate remittance corridors with costs higher than 5 per cent",
    ),
    (
        "16.2",
        "End abuse, exploitation, trafficking and all forms of violence against and torture "
        "of children",
    ),
    ("16.9", "By 2030, provide legal identity for all, including birth registration"),
    (
        "17.18",
        "By 2020, enhance capacity-building support to developing countries, including for "
        "least developed countries and small island developing States, to increase "
        "significantly the availability of high-quality, timely and reliable data "
        "disaggregated by income, gender, age, race, ethnicity, migratory status, disability, "
        "geographic location and other characteristics relevant in national contexts",
    ),
]


def forwards(apps, schema_editor):
    GuidingPrinciple = apps.get_model("practices", "GuidingPrinciple")
    SdgTarget = apps.get_model("practices", "SdgTarget")
    for number, slug, name in PRINCIPLES:
        GuidingPrinciple.objects.update_or_create(
            slug=slug, defaults={"number": number, "name": name}
        )
    for code, text in TARGETS:
        SdgTarget.objects.update_or_create(
            code=code, defaults={"slug": code.replace(".", "-"), "name": text}
        )


def backwards(apps, schema_editor):
    apps.get_model("practices", "GuidingPrinciple").objects.all().delete()
    apps.get_model("practices", "SdgTarget").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("practices", "0007_guiding_principles_sdg_targets_self_check_assignment")]

    operations = [migrations.RunPython(forwards, backwards)]
