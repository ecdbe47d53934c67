"""Rich text links to pages of this site must name a page that can exist."""

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# An internal link as rich text stores it: <a linktype="page" id="42">.
PAGE_LINK_ID = re.compile(r'<a\b[^>]*\blinktype="page"[^>]*\bid="([^"]*)"')


def validate_page_links(html):
    """Refuse a rich text whose link to a page names no possible page (an id that is not a number),
    which would otherwise be saved and fail when shown."""
    if any(not page_id.isdigit() for page_id in PAGE_LINK_ID.findall(str(html or ""))):
        raise ValidationError(
            _("A link to a page of this site is broken. Remove it, or choose the page again with the page chooser."),
            code="invalid_page_link",
        )
