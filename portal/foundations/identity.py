"""The portal's own name, as visitors, reference managers and social networks read it (the book's
title is the book's, not the portal's)."""

from django.utils.translation import gettext_lazy as _

PORTAL_NAME = _("Peruvian foreign policy in the 21st century")
