"""Records that others link to are not deleted: editors are told what still points at them."""

from urllib.parse import urlsplit

from django.contrib import messages
from django.shortcuts import redirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import capfirst
from django.utils.translation import gettext as _

from portal.foundations.records import is_public_content


def incoming_links(obj):
    """[(what, how many)] for every kind of public content (``PublicContent``) that links to ``obj``
    through a foreign key or a many-to-many field (Wagtail's own revision and log tables are not
    links)."""
    links = {}
    for relation in obj._meta.get_fields(include_hidden=True):
        if not (relation.auto_created and not relation.concrete and relation.is_relation):
            continue
        model = relation.related_model
        if not is_public_content(model) or model._meta.auto_created:
            continue
        count = model._default_manager.filter(**{relation.field.name: obj}).count()
        if count:
            label = capfirst(model._meta.verbose_name_plural)
            links[label] = links.get(label, 0) + count
    return list(links.items())


def refuse_if_linked(request, instances):
    """For Wagtail's before-delete hooks: a redirect with an explanation, or None to go on."""
    blocked = [(obj, links) for obj in instances if (links := incoming_links(obj))]
    if not blocked:
        return None
    for obj, links in blocked:
        described = ", ".join(f"{what}: {count}" for what, count in links)
        messages.error(
            request,
            _("“%(record)s” was not deleted because other records link to it (%(links)s). Remove those links first.")
            % {"record": obj, "links": described},
        )
    # Back where the editor came from, if that is this site (never another host named in a Referer).
    back = request.headers.get("referer", "")
    safe = url_has_allowed_host_and_scheme(back, allowed_hosts={request.get_host()}, require_https=request.is_secure())
    return redirect(back if back and safe and urlsplit(back).path != request.path else "wagtailadmin_home")
