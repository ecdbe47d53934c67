"""Links to pages inside rich text, as visitors get them (registered in wagtail_hooks.py)."""

from django.utils.html import escape

from wagtail.admin.rich_text.converters.contentstate import link_entity
from wagtail.admin.rich_text.converters.html_to_contentstate import ExternalLinkElementHandler, PageLinkElementHandler
from wagtail.rich_text.pages import PageLinkHandler

from portal.foundations.i18n import page_url


class LocalizedPageLinkHandler(PageLinkHandler):
    """Links to pages inside rich text, in the reader's language (see ``portal.foundations.i18n.page_url``).
    A link whose page id is not a number (never saved by the editor, but possible in old or imported
    text) renders as a plain <a> rather than failing the page."""

    @classmethod
    def get_many(cls, attrs_list):
        safe = [attrs if str(attrs.get("id", "")).isdigit() else {**attrs, "id": None} for attrs in attrs_list]
        return super().get_many(safe)

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page_url(page.localized))}">' if page else "<a>" for page in cls.get_many(attrs_list)
        ]


class CheckedPageLinkElementHandler(PageLinkElementHandler):
    """The editor's reading of a link to a page: one whose id is not a number is shown as a broken
    link the editor can remove (Wagtail's own handler fails the whole form on it)."""

    def get_attribute_data(self, attrs):
        if not str(attrs.get("id", "")).isdigit():
            return {"id": None, "url": None, "parentId": None}
        return super().get_attribute_data(attrs)


# The "link" feature's conversion for the editor, with the checked page link handler.
LINK_CONVERTER_RULE = {
    "from_database_format": {
        "a[href]": ExternalLinkElementHandler("LINK"),
        'a[linktype="page"]': CheckedPageLinkElementHandler("LINK"),
    },
    "to_database_format": {"entity_decorators": {"LINK": link_entity}},
}
