from django import template
from django.urls import reverse

from portal.i18n import is_untranslated, localized

register = template.Library()


@register.filter
def tr(obj, field):
    """{{ record|tr:"title" }}: the record's text in the active language."""
    return localized(obj, field)


@register.filter
def untranslated(obj, field):
    return is_untranslated(obj, field)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.simple_tag(takes_context=True)
def section_url(context, record):
    """The address of the book section a record links to."""
    return record.book_section_url(context.get("request"))


@register.inclusion_tag("components/chapter_pager.html", takes_context=True)
def chapter_pager(context):
    previous, following = context["book"].neighbours(context["page"])
    return {"previous": previous, "following": following}


@register.simple_tag
def home_url():
    return reverse("wagtail_serve", args=[""])
