from django import template

from portal.foundations import listing

register = template.Library()


@register.simple_tag
def page_links(page):
    """{% page_links page_obj as numbers %}: the page numbers to link around the current page, None
    for each ellipsis (a bounded list whatever the number of pages)."""
    return listing.page_links(page)
