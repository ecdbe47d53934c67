"""One editors' group per publishing institution (IDEI, KAS), with exactly the rights of "Editors"."""

from django.db import migrations

INSTITUTION_GROUPS = ["IDEI editors", "KAS editors"]


def create(apps, schema_editor):
    Group = apps.get_model("auth.Group")
    GroupPagePermission = apps.get_model("wagtailcore.GroupPagePermission")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    editors = Group.objects.filter(name="Editors").first()
    if editors is None:
        return
    for name in INSTITUTION_GROUPS:
        group, created = Group.objects.get_or_create(name=name)
        if not created:
            continue
        group.permissions.set(editors.permissions.all())
        for rule in GroupPagePermission.objects.filter(group=editors):
            GroupPagePermission.objects.create(group=group, page_id=rule.page_id, permission_id=rule.permission_id)
        for rule in GroupCollectionPermission.objects.filter(group=editors):
            GroupCollectionPermission.objects.create(
                group=group, collection_id=rule.collection_id, permission_id=rule.permission_id
            )


def remove(apps, schema_editor):
    apps.get_model("auth.Group").objects.filter(name__in=INSTITUTION_GROUPS).delete()


class Migration(migrations.Migration):
    # After Wagtail's own migrations have given "Editors" its admin, image and document rights.
    dependencies = [
        ("portal", "0003_unaccent_search_configuration"),
        ("wagtailadmin", "0006_formstate"),
        ("wagtailimages", "0027_image_description"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(create, remove)]
