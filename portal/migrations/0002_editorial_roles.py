"""Every deployment gets the two editorial roles and the review workflow on the records.

Wagtail's own migrations create the "Editors" and "Moderators" groups with page permissions and the
"Moderators approval" workflow on the page tree; this adds the records' permissions to them and puts
the records under the same workflow."""

from django.contrib.auth.management import create_permissions
from django.db import migrations

RECORDS = {
    "portal": ["author", "publisher"],
    "agreements": ["partner", "agreement", "partnership"],
    "diplomacy": ["area", "initiative", "keyfigure"],
}
EDITOR_ACTIONS = ["add", "change"]
MODERATOR_ACTIONS = ["add", "change", "delete", "publish", "lock", "unlock"]
# Only models with a draft state go through review; authors and publishers keep plain revisions.
REVIEWED = {"agreements": ["partner", "agreement", "partnership"], "diplomacy": ["area", "initiative", "keyfigure"]}


def grant(apps, schema_editor):
    # Permissions are normally created after migrations; a fresh database needs them now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None

    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    ContentType = apps.get_model("contenttypes.ContentType")
    Workflow = apps.get_model("wagtailcore.Workflow")
    WorkflowContentType = apps.get_model("wagtailcore.WorkflowContentType")

    # Wagtail adds the publish/lock/unlock permissions of snippets after migrations: add them now.
    for app_label, models in REVIEWED.items():
        for model in models:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            for action in ("publish", "lock", "unlock"):
                Permission.objects.get_or_create(
                    content_type=content_type,
                    codename=f"{action}_{model}",
                    defaults={"name": f"Can {action} {model}"},
                )

    editors, _ = Group.objects.get_or_create(name="Editors")
    moderators, _ = Group.objects.get_or_create(name="Moderators")
    for app_label, models in RECORDS.items():
        for model in models:
            for group, actions in ((editors, EDITOR_ACTIONS), (moderators, MODERATOR_ACTIONS)):
                codenames = [f"{action}_{model}" for action in actions]
                group.permissions.add(
                    *Permission.objects.filter(content_type__app_label=app_label, codename__in=codenames)
                )

    workflow = Workflow.objects.filter(name="Moderators approval", active=True).first()
    if workflow is None:
        return
    for app_label, models in REVIEWED.items():
        for model in models:
            content_type, _ = ContentType.objects.get_or_create(app_label=app_label, model=model)
            WorkflowContentType.objects.get_or_create(content_type=content_type, defaults={"workflow": workflow})


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0001_initial"),
        ("agreements", "0001_initial"),
        ("diplomacy", "0001_initial"),
        ("wagtailcore", "0098_apitoken"),
        ("auth", "0012_alter_user_first_name_max_length"),
    ]

    operations = [migrations.RunPython(grant, migrations.RunPython.noop)]
