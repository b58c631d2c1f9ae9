"""The "Moderators" group, holding the permission to review and decide on practices."""

from django.db import migrations

GROUP = "Moderators"


def forwards(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    Permission = apps.get_model("auth", "Permission")
    Group = apps.get_model("auth", "Group")
    # Permissions are normally created after migrations run; make sure this one exists now.
    content_type, _created = ContentType.objects.get_or_create(
        app_label="practices", model="practice"
    )
    permission, _created = Permission.objects.get_or_create(
        codename="moderate_practice",
        content_type=content_type,
        defaults={"name": "Can review and decide on submitted practices"},
    )
    group, _created = Group.objects.get_or_create(name=GROUP)
    group.permissions.add(permission)


def backwards(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name=GROUP).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("practices", "0002_attachments"),
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
    ]

    operations = [migrations.RunPython(forwards, backwards)]
