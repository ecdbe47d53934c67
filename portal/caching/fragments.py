"""Fragment caching: Wagtail's ``{% wagtailcache %}`` node (never used for previews), keyed also on
the content version and the reader's language and kept for FRAGMENT_SECONDS."""

from django.conf import settings
from django.template import Variable

from wagtail.templatetags.wagtail_cache import WagtailCacheNode

from portal.foundations.i18n import active_language

from .version import content_version, fragment_seconds


class FragmentCacheNode(WagtailCacheNode):
    """``{% fragmentcache name value ... %}``: the enclosed HTML under ``name``, the values given, the
    content version and the language. Rendered afresh when fragment caching is off (FRAGMENT_SECONDS
    = 0) or without a request."""

    def __init__(self, nodelist, fragment_name, vary_on):
        super().__init__(
            nodelist,
            Variable("fragment_cache.seconds"),
            fragment_name,
            [*vary_on, Variable("fragment_cache.version"), Variable("fragment_cache.language")],
            Variable("fragment_cache.alias"),
        )

    def render(self, context):
        request = context.get("request")
        seconds = fragment_seconds()
        if not seconds or request is None:
            return self.nodelist.render(context)
        key_parts = {
            "seconds": seconds,
            "version": content_version(request),
            "language": active_language(),
            "alias": settings.PORTAL_PAGE_CACHE["ALIAS"],
        }
        with context.update({"fragment_cache": key_parts}):
            return super().render(context)
