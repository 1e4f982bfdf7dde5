"""Let Wagtail's Editors and Moderators groups pin comments and mark editor's picks."""

from django.db import migrations


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after migrations run; make this one now.
    content_type, _ = ContentType.objects.get_or_create(app_label="discussion", model="comment")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="feature_comment",
        defaults={"name": "Can pin reader comments and mark editor's picks"},
    )
    for group in Group.objects.filter(name__in=["Editors", "Moderators"]):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(
        content_type__app_label="discussion", codename="feature_comment"
    ).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("discussion", "0010_pins_picks_and_mutes"),
        ("wagtailadmin", "0001_create_admin_access_permissions"),
    ]

    operations = [migrations.RunPython(grant, revoke)]
