"""The portal's own name, as visitors, reference managers and social networks read it (the book's
title is the book's, not the portal's). The header, every page's <title>, the admin's branding
(WAGTAIL_SITE_NAME) and the citations all read it from here."""

from django.utils.translation import gettext_lazy as _

PORTAL_NAME = _("Peruvian foreign policy in the 21st century")


def portal_identity(request):
    """Context processor: ``portal_name``, in the active language."""
    return {"portal_name": PORTAL_NAME}
