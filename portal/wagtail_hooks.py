"""Registration only: the book's snippets, the data licence setting, admin security, the dashboard and the editorial rules."""

from django.templatetags.static import static
from django.utils.html import format_html

from wagtail import hooks
from wagtail.contrib.settings.registry import register_setting
from wagtail.snippets.models import register_snippet

from .book.rich_text import LINK_CONVERTER_RULE, LocalizedPageLinkHandler
from .book.viewsets import BookGroup
from .data.models import DataLicence
from .editorial.dashboard import homepage_panels
from .editorial.deletion import refuse_if_linked
from .editorial.messages import plain_page_messages
from .security import admin_api, two_factor

register_snippet(BookGroup)
register_setting(DataLicence, icon="doc-full")
hooks.register("register_admin_urls", two_factor.admin_urls)
hooks.register("register_account_menu_item", two_factor.account_menu_item)
hooks.register("construct_admin_api", admin_api.restrict_documents_and_images, order=1)
hooks.register("after_create_page", plain_page_messages)
hooks.register("after_edit_page", plain_page_messages)


@hooks.register("insert_global_admin_css")
def portal_admin_css():
    return format_html('<link rel="stylesheet" href="{}">', static("portal/admin/admin.css"))


@hooks.register("before_delete_snippet")
def keep_linked_records(request, instances):
    return refuse_if_linked(request, instances)


@hooks.register("before_delete_page")
def keep_linked_chapters(request, page):
    return refuse_if_linked(request, [page.specific])


@hooks.register("construct_homepage_panels")
def add_portal_state(request, panels):
    panels[:0] = homepage_panels()


# Registered after Wagtail's own "page" link type and "link" conversion (order=1), which they replace.
@hooks.register("register_rich_text_features", order=1)
def page_links_in_the_readers_language(features):
    features.register_link_type(LocalizedPageLinkHandler)
    features.register_converter_rule("contentstate", "link", LINK_CONVERTER_RULE)
