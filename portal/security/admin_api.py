"""The admin API's documents and images endpoints, limited to what the user may choose or change.

Wagtail's own endpoints (/admin/api/main/documents/ and /admin/api/main/images/) list every document
and image to any admin user, whatever their rights on its collection. These subclasses keep only the
items the collection permission policy lets the user choose or change; superusers still see all."""

from wagtail.documents.api.admin.views import DocumentsAdminAPIViewSet
from wagtail.images.api.admin.views import ImagesAdminAPIViewSet
from wagtail.permissions import policy_registry

ACTIONS = ["choose", "change"]


class CollectionPermissionsMixin:
    def get_queryset(self):
        policy = policy_registry.get_by_type(self.model)
        allowed = policy.instances_user_has_any_permission_for(self.request.user, ACTIONS)
        return super().get_queryset().filter(pk__in=allowed.values("pk"))


class PermittedDocumentsAdminAPIViewSet(CollectionPermissionsMixin, DocumentsAdminAPIViewSet):
    pass


class PermittedImagesAdminAPIViewSet(CollectionPermissionsMixin, ImagesAdminAPIViewSet):
    pass


def restrict_documents_and_images(router):
    """For the construct_admin_api hook, registered after Wagtail's own (which add these endpoints)."""
    router.register_endpoint("documents", PermittedDocumentsAdminAPIViewSet)
    router.register_endpoint("images", PermittedImagesAdminAPIViewSet)
