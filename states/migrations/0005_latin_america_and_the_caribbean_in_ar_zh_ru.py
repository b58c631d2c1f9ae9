from django.db import migrations

# UNSD's own Arabic, Chinese and Russian names for M49 code 419 (states.reference.UNSD_NAMES
# at this migration); 0003 left them empty because CLDR's 419 is only "Latin America".
NAMES = {
    "name_ar": "أمريكا اللاتينية ومنطقة البحر الكاريبي",
    "name_zh_hans": "拉丁美洲和加勒比",
    "name_ru": "Латинская Америка и Карибский бассейн",
}
SLUG = "latin-america-and-the-caribbean"


def fill_names(apps, schema_editor):
    apps.get_model("states", "Region").objects.filter(slug=SLUG).update(**NAMES)


def clear_names(apps, schema_editor):
    apps.get_model("states", "Region").objects.filter(slug=SLUG).update(
        **dict.fromkeys(NAMES, "")
    )


class Migration(migrations.Migration):
    dependencies = [("states", "0004_merge_parallel_work")]

    operations = [migrations.RunPython(fill_names, clear_names)]
