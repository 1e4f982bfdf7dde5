"""Let Wagtail's Editors group manage the allowed sites (the snippet in the admin)."""

from django.db import migrations

ACTIONS = ("add", "change", "delete", "view")


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after migrations run; make these now.
    content_type, _ = ContentType.objects.get_or_create(
        app_label="embedding", model="allowedorigin"
    )
    permissions = [
        Permission.objects.get_or_create(
            content_type=content_type,
            codename=f"{action}_allowedorigin",
            defaults={"name": f"Can {action} allowed site"},
        )[0]
        for action in ACTIONS
    ]
    for group in Group.objects.filter(name="Editors"):
        group.permissions.add(*permissions)


def revoke(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    permissions = Permission.objects.filter(
        content_type__app_label="embedding", codename__endswith="_allowedorigin"
    )
    for group in Group.objects.filter(name="Editors"):
        group.permissions.remove(*permissions)


class Migration(migrations.Migration):
    dependencies = [
        ("embedding", "0001_initial"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
