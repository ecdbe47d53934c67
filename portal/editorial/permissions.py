"""wagtail-localize creates its "Can submit translations" permission in a data migration, not from a
model's Meta, so Django's post_migrate handler does not recreate it after `manage.py flush`. A restore
(flush, then loaddata of a dump whose groups hold that permission) would then fail. Recreating it after
every migrate and flush, as Django does for model permissions, keeps restores working."""

from django.apps import apps
from django.contrib.auth.models import Permission
from django.contrib.contenttypes.models import ContentType
from django.db.models.signals import post_migrate

# As wagtail_localize/migrations/0006_create_submit_translation_permission.py defines it.
SUBMIT_TRANSLATION = {"app_label": "wagtail_localize", "model": "translation", "codename": "submit_translation"}


def ensure_submit_translation_permission(using="default", **kwargs):
    content_type, _ = ContentType.objects.db_manager(using).get_or_create(
        app_label=SUBMIT_TRANSLATION["app_label"], model=SUBMIT_TRANSLATION["model"]
    )
    Permission.objects.db_manager(using).get_or_create(
        content_type=content_type,
        codename=SUBMIT_TRANSLATION["codename"],
        defaults={"name": "Can submit translations"},
    )


def connect():
    post_migrate.connect(
        ensure_submit_translation_permission,
        sender=apps.get_app_config(SUBMIT_TRANSLATION["app_label"]),
        dispatch_uid="portal.submit_translation_permission",
    )
