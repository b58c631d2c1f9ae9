"""The "Reviewers" group (``states.roles.REVIEWERS_GROUP``), holding the permission that puts
"My reviews" in the menu."""

from django.db import migrations

GROUP = "Reviewers"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after migrations run; make sure this one exists now.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="reviews", model="reviewrequest"
    )
    permission, _created = Permission.objects.get_or_create(
        codename="review_practice",
        content_type=content_type,
        defaults={"name": "Can review the practices asked of them"},
    )
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("reviews", "0001_initial"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
