"""Public pages: the initiatives listing and pages, one page per area of diplomacy, the book in numbers."""

from django.db.models import Count, F, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.foundations.listing import listing_context
from portal.foundations.navigation import absolute_url, breadcrumbs

from .figure_charts import FiguresByArea
from .filters import InitiativeListingFilterSet
from .models import Area, Initiative, KeyFigure


def listing_queryset():
    return Initiative.objects.live().chronological()


@require_safe
def initiative_list(request):
    filterset = InitiativeListingFilterSet(request.GET, queryset=listing_queryset(), request=request)
    return render(
        request,
        "diplomacy/initiative_list.html",
        {
            **listing_context(request, Initiative, filterset),
        },
    )


@require_safe
def initiative_detail(request, slug):
    initiative = get_object_or_404(Initiative.objects.live().for_detail(), slug=slug)
    return render(request, initiative.detail_template, initiative.get_context(request))


def areas_with_counts():
    """The live areas in the book's order, each with ``initiative_count``: its live initiatives whose
    main or secondary area it is, each counted once, as its page lists them (one query)."""
    return (
        Area.objects.live()
        .select_related("chapter")
        .annotate(
            main_count=Count("initiatives", filter=Q(initiatives__live=True), distinct=True),
            secondary_count=Count(
                "secondary_initiatives",
                filter=Q(secondary_initiatives__live=True) & ~Q(secondary_initiatives__area=F("pk")),
                distinct=True,
            ),
        )
        .annotate(initiative_count=F("main_count") + F("secondary_count"))
        .order_by("order", "name")
    )


@require_safe
def area_list(request):
    """The areas of diplomacy in the book's order, each with its summary and how many initiatives."""
    return render(
        request,
        "diplomacy/area_list.html",
        {
            # A queryset, read only when the page's content is rendered (not from a cached fragment).
            "areas": areas_with_counts(),
            "canonical_url": absolute_url(request, reverse("area_list")),
            "noindex": bool(request.GET),
            "crumbs": breadcrumbs((_("Areas of diplomacy"), None)),
            "nav_section": Area.nav_section,
        },
    )


@require_safe
def area_detail(request, area):
    area = get_object_or_404(Area.objects.live().select_related("chapter"), slug=area)
    return render(request, area.detail_template, area.get_context(request))


@require_safe
def figures(request):
    # Read only when the page's content is rendered: a cached page of figures costs no query.
    areas = FiguresByArea(KeyFigure.objects.live().for_listing())
    return render(request, "diplomacy/figures.html", {**listing_context(request, KeyFigure), "figures_by_area": areas})
