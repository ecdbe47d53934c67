"""{% fragmentcache name value ... %}…{% endfragmentcache %}: see ``portal.caching.fragments``."""

from django import template

from portal.caching.fragments import FragmentCacheNode

register = template.Library()


@register.tag
def fragmentcache(parser, token):
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError(f"{bits[0]} needs a fragment name, then the values it varies on.")
    nodelist = parser.parse(("endfragmentcache",))
    parser.delete_first_token()
    return FragmentCacheNode(nodelist, bits[1], [parser.compile_filter(bit) for bit in bits[2:]])
