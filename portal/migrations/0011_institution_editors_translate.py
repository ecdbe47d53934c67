"""The IDEI and KAS editors may submit pages for translation, as "Editors" may (wagtail-localize
gives that right to Wagtail's own groups only)."""

from django.db import migrations

INSTITUTION_GROUPS = ["IDEI editors", "KAS editors"]


def grant(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    permission = Permission.objects.filter(
        content_type__app_label="wagtail_localize", codename="submit_translation"
    ).first()
    if permission is None:
        return
    for group in Group.objects.filter(name__in=INSTITUTION_GROUPS):
        group.permissions.add(permission)


def revoke(apps, schema_editor):
    Permission = apps.get_model("auth.Permission")
    Group = apps.get_model("auth.Group")
    for group in Group.objects.filter(name__in=INSTITUTION_GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(content_type__app_label="wagtail_localize", codename="submit_translation")
        )


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0010_chapter_blocks_with_ids"),
        ("wagtail_localize", "0006_create_submit_translation_permission"),
    ]
    operations = [migrations.RunPython(grant, revoke)]
