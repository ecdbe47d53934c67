from django.utils.html import escape

from wagtail.rich_text.pages import PageLinkHandler

from portal.foundations.i18n import page_url


class LocalizedPageLinkHandler(PageLinkHandler):
    """Links to pages inside rich text, in the reader's language (see ``portal.foundations.i18n.page_url``)."""

    @classmethod
    def expand_db_attributes_many(cls, attrs_list):
        return [
            f'<a href="{escape(page_url(page.localized))}">' if page else "<a>" for page in cls.get_many(attrs_list)
        ]
