"""{% cached_fragment "name" value ... %}...{% endcached_fragment %}: the enclosed HTML, kept in the
cache for PORTAL_PAGE_CACHE["FRAGMENT_SECONDS"] under the content version, the active language, the
name and the values given. Never used for previews, nor when FRAGMENT_SECONDS is 0. Values the
fragment sets with ``as`` are not available after it."""

from django import template

from portal.caching import content_cache, content_version, fragment_key, fragment_seconds
from portal.i18n import active_language

register = template.Library()


class CachedFragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on):
        self.nodelist, self.name, self.vary_on = nodelist, name, vary_on

    def render(self, context):
        request = context.get("request")
        seconds = fragment_seconds()
        if not seconds or request is None or getattr(request, "is_preview", False):
            return self.nodelist.render(context)
        vary_on = [value.resolve(context) for value in self.vary_on]
        key = fragment_key(self.name, active_language(), content_version(request), vary_on)
        cache = content_cache()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, seconds)
        return html


@register.tag
def cached_fragment(parser, token):
    bits = token.split_contents()
    if len(bits) < 2 or bits[1][0] not in "\"'" or bits[1][0] != bits[1][-1]:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a quoted name, then the values it varies on.")
    nodelist = parser.parse(("endcached_fragment",))
    parser.delete_first_token()
    return CachedFragmentNode(nodelist, bits[1][1:-1], [parser.compile_filter(bit) for bit in bits[2:]])
