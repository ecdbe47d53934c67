from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PortalConfig(AppConfig):
    name = "portal"
    verbose_name = _("The book")
    # The book's pages, authors and publishers come first: records link to its chapters.
    fixture_loader = "portal.book.loading.load"

    def ready(self):
        # Signal receivers and checks need the models loaded: Django's documented place for both.
        from portal.caching import invalidation
        from portal.editorial import permissions
        from portal.security import checks  # noqa: F401 - registers the deployment checks

        invalidation.connect()
        permissions.connect()
