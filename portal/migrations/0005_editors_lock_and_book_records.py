"""Editors lock what they are editing, and only reviewed content is theirs to change.

- Every editors' group ("Editors", "IDEI editors", "KAS editors") may lock pages and records while
  editing them (and unlock their own locks); only moderators unlock someone else's.
- Authors and publishers have no draft state: a change to them would go live at once, without
  review. They stay with the moderators (who keep every right on them)."""

from django.db import migrations

EDITOR_GROUPS = ["Editors", "IDEI editors", "KAS editors"]
LOCKABLE = {"agreements": ["partner", "agreement", "partnership"], "diplomacy": ["area", "initiative", "keyfigure"]}
UNREVIEWED = {"portal": ["author", "publisher"]}


def change(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    Page = apps.get_model("wagtailcore.Page")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")

    lock_records = Permission.objects.filter(
        content_type__app_label__in=list(LOCKABLE),
        codename__in=[f"lock_{model}" for models in LOCKABLE.values() for model in models],
    )
    unreviewed = Permission.objects.filter(
        content_type__app_label__in=list(UNREVIEWED),
        codename__in=[
            f"{action}_{model}"
            for models in UNREVIEWED.values()
            for model in models
            for action in ("add", "change", "delete")
        ],
    )
    lock_page = Permission.objects.filter(content_type__app_label="wagtailcore", codename="lock_page").first()
    root = Page.objects.filter(depth=1).first()

    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.add(*lock_records)
        group.permissions.remove(*unreviewed)
        if lock_page and root:
            GroupPagePermission.objects.get_or_create(group=group, page=root, permission=lock_page)


def undo(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        group.permissions.remove(
            *Permission.objects.filter(
                content_type__app_label__in=list(LOCKABLE),
                codename__in=[f"lock_{model}" for models in LOCKABLE.values() for model in models],
            )
        )
        group.permissions.add(
            *Permission.objects.filter(
                content_type__app_label="portal",
                codename__in=["add_author", "change_author", "add_publisher", "change_publisher"],
            )
        )
        GroupPagePermission.objects.filter(group=group, permission__codename="lock_page").delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0004_institution_editor_groups"),
        ("wagtailcore", "0098_apitoken"),
    ]
    operations = [migrations.RunPython(change, undo)]
