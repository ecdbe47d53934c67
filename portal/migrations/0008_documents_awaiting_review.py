"""Documents go public only when a moderator says so.

Editors' groups may add and change documents only in the collection "Awaiting review", which is
private (readable by signed-in users only); moderators publish a document by moving it to another
collection. Editors may still choose any document to link to."""

from django.db import migrations

REVIEW_COLLECTION = "Awaiting review"
EDITOR_GROUPS = ["Editors", "IDEI editors", "KAS editors"]
UPLOAD_RIGHTS = ["add_document", "change_document"]
ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"  # treebeard's materialised-path alphabet
STEP = 4


def _next_child_path(root, Collection):
    last = Collection.objects.filter(depth=root.depth + 1, path__startswith=root.path).order_by("-path").first()
    number = 0
    if last is not None:
        for character in last.path[-STEP:]:
            number = number * len(ALPHABET) + ALPHABET.index(character)
    number += 1
    digits = ""
    for _position in range(STEP):
        number, remainder = divmod(number, len(ALPHABET))
        digits = ALPHABET[remainder] + digits
    return root.path + digits


def forwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    CollectionViewRestriction = apps.get_model("wagtailcore.CollectionViewRestriction")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Group = apps.get_model("auth.Group")
    Permission = apps.get_model("auth.Permission")
    root = Collection.objects.filter(depth=1).first()
    if root is None:
        return
    review = Collection.objects.filter(name=REVIEW_COLLECTION, depth=2).first()
    if review is None:
        review = Collection.objects.create(
            name=REVIEW_COLLECTION, path=_next_child_path(root, Collection), depth=2, numchild=0
        )
        root.numchild += 1
        root.save(update_fields=["numchild"])
    CollectionViewRestriction.objects.get_or_create(collection=review, defaults={"restriction_type": "login"})
    rights = Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=UPLOAD_RIGHTS)
    for group in Group.objects.filter(name__in=EDITOR_GROUPS):
        GroupCollectionPermission.objects.filter(group=group, permission__in=rights).delete()
        for permission in rights:
            GroupCollectionPermission.objects.get_or_create(group=group, collection=review, permission=permission)


def backwards(apps, schema_editor):
    Collection = apps.get_model("wagtailcore.Collection")
    GroupCollectionPermission = apps.get_model("wagtailcore.GroupCollectionPermission")
    Permission = apps.get_model("auth.Permission")
    root = Collection.objects.filter(depth=1).first()
    rights = Permission.objects.filter(content_type__app_label="wagtaildocs", codename__in=UPLOAD_RIGHTS)
    for rule in GroupCollectionPermission.objects.filter(
        group__name__in=EDITOR_GROUPS, collection__name=REVIEW_COLLECTION, permission__in=rights
    ):
        GroupCollectionPermission.objects.get_or_create(group=rule.group, collection=root, permission=rule.permission)
        rule.delete()


class Migration(migrations.Migration):
    dependencies = [
        ("portal", "0007_rich_text_page_links_checked"),
        ("wagtailcore", "0098_apitoken"),
        ("wagtaildocs", "0014_alter_document_file_size"),
    ]
    operations = [migrations.RunPython(forwards, backwards)]
