from django import template
from django.urls import reverse

from portal.i18n import in_active_language, is_untranslated, localized

register = template.Library()


@register.filter
def tr(obj, field):
    """{{ record|tr:"title" }}: the record's text in the active language."""
    return localized(obj, field)


@register.filter
def untranslated(obj, fields):
    """{{ record|untranslated:"title,description" }}: Spanish is active and one of them has no Spanish text."""
    return any(is_untranslated(obj, field.strip()) for field in fields.split(","))


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


@register.simple_tag(takes_context=True)
def language_versions(context):
    """[(code, name, url)] of this very page in each language, query string (filters) included.

    Pages and records share their slugs across languages, so swapping the prefix is enough; Wagtail
    serves the English page where no translation exists yet."""
    from django.conf import settings
    from django.utils.translation import get_language_info

    request = context.get("request")
    if request is None:
        return []
    path = request.path
    current = path.split("/")[1] if path.count("/") > 1 else ""
    codes = [code for code, _name in settings.LANGUAGES]
    rest = path[len(current) + 1 :] if current in codes else path
    query = request.META.get("QUERY_STRING", "")
    versions = []
    for code in codes:
        url = f"/{code}{rest}" + (f"?{query}" if query else "")
        versions.append((code, get_language_info(code)["name_local"], url))
    return versions


@register.filter
def in_language(url):
    """A page URL in the active language (for plain Page objects, such as a page's ancestors)."""
    return in_active_language(url)
