"""Give Wagtail's Editors and Moderators groups the review of orphaned inline feedback."""

from django.db import migrations

GROUPS = ["Editors", "Moderators"]


def grant(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    ContentType = apps.get_model("contenttypes", "ContentType")
    # Permissions are normally created after migrations run; make this one now.
    content_type, _ = ContentType.objects.get_or_create(app_label="discussion", model="anchor")
    permission, _ = Permission.objects.get_or_create(
        content_type=content_type,
        codename="review_anchor",
        defaults={"name": "Can review orphaned inline feedback"},
    )
    for group in Group.objects.filter(name__in=GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth", "Permission")
    Permission.objects.filter(content_type__app_label="discussion", codename="review_anchor").delete()


class Migration(migrations.Migration):
    dependencies = [("discussion", "0005_inline_anchors")]

    operations = [migrations.RunPython(grant, revoke)]
