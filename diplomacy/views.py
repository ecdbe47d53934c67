"""Public pages: the initiatives listing and pages, one page per area of diplomacy, the book in numbers."""

from itertools import groupby
from operator import attrgetter

from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils import translation
from django.utils.formats import number_format
from django.utils.functional import SimpleLazyObject
from django.utils.translation import get_language, ngettext
from django.utils.translation import gettext as _

from portal.i18n import localized
from portal.listing import deferred_filters, paginate
from portal.navigation import breadcrumbs

from .filters import InitiativeFilterSet
from .models import Area, Initiative, KeyFigure


def initiative_list(request):
    filterset, active_filters = deferred_filters(request, lambda: InitiativeFilterSet(request.GET))
    # Like the filters, read only when the listing is rendered.
    page_obj = SimpleLazyObject(lambda: paginate(request, filterset.qs.for_listing()))
    return render(
        request,
        "diplomacy/initiative_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "active_filters": active_filters,
            # Filtered, sorted and paginated variants are the same content: keep them out of indexes.
            "noindex": bool(request.GET),
            "canonical_url": request.build_absolute_uri(request.path),
            "crumbs": breadcrumbs((_("Initiatives"), None)),
            "nav_section": "initiatives",
        },
    )


def initiative_detail(request, slug):
    initiative = get_object_or_404(Initiative.objects.live().for_detail(), slug=slug)
    return render(request, "diplomacy/initiative_detail.html", initiative_context(initiative, request))


def initiative_context(initiative, request):
    """The detail page's context, for the public page and for admin previews (where the record may be
    unsaved and its relations held in memory)."""
    figures = _live(initiative.figures.all()) if initiative.pk else []
    context = {
        "initiative": initiative,
        "other_title": _other_language_title(initiative),
        "when_note": _when_note(initiative),
        "secondary_areas": _live(initiative.secondary_areas.all()),
        "partners": sorted(_live(initiative.partners.all()), key=attrgetter("name")),
        "agreements": _live(initiative.agreements.all()),
        "figures": with_words(figures),
        "crumbs": breadcrumbs((_("Initiatives"), reverse("initiative_list")), (initiative.display_title, None)),
        "nav_section": "initiatives",
    }
    if initiative.slug:
        context["canonical_url"] = request.build_absolute_uri(initiative.get_absolute_url())
    return context


def area_detail(request, area):
    area = get_object_or_404(Area.objects.live().select_related("chapter"), slug=area)
    initiatives = Initiative.objects.live().in_area(area.slug).chronological().for_listing()
    figures = KeyFigure.objects.live().in_area(area).for_listing()
    return render(
        request,
        "diplomacy/area_detail.html",
        {
            "area": area,
            "initiatives": list(initiatives),
            "figures": with_words(list(figures)),
            "canonical_url": request.build_absolute_uri(area.get_absolute_url()),
            "crumbs": breadcrumbs((_("Initiatives"), reverse("initiative_list")), (area.display_name, None)),
            "nav_section": "initiatives",
        },
    )


def figures(request):
    def figure_groups():
        figures = with_words(list(KeyFigure.objects.live().for_listing()))
        return [(area, list(items)) for area, items in groupby(figures, key=attrgetter("area"))]

    return render(
        request,
        "diplomacy/figures.html",
        {
            # Read only when the page's content is rendered, not when it comes from the fragment cache.
            "groups": SimpleLazyObject(figure_groups),
            "canonical_url": request.build_absolute_uri(reverse("figures")),
            "crumbs": breadcrumbs((_("The book in numbers"), None)),
            "nav_section": "figures",
        },
    )


def with_words(figures):
    """Give each figure ``in_words`` ('433 million') when its value is a whole number of millions."""
    for figure in figures:
        figure.in_words = amount_in_words(figure.value)
    return figures


def amount_in_words(value):
    if value is None or value < 1_000_000 or value % 1_000_000:
        return ""
    millions = int(value // 1_000_000)
    return ngettext("%(value)s million", "%(value)s million", millions) % {
        "value": number_format(millions, force_grouping=True)
    }


def _live(records):
    return [record for record in records if record.live]


def _other_language_title(initiative):
    """(title, language code) in the language not being read, when it exists and differs."""
    spanish = (get_language() or "en").startswith("es")
    other, code = (initiative.title, "en") if spanish else (initiative.title_es, "es")
    if other and other != localized(initiative, "title"):
        return {"text": other, "lang": code}
    return None


def _when_note(initiative):
    """The book's own wording of when (English), unless it only repeats the date shown."""
    label = initiative.when_label.strip()

    def plain(text):
        text = text.replace("–", "-").replace(" ", "").casefold()
        return text.removeprefix("in")

    with translation.override("en"):
        when = initiative.when
    return label if label and plain(label) != plain(when) else ""
