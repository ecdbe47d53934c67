"""Public pages: the initiatives listing and pages, one page per area of diplomacy, the book in numbers."""

from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from portal.foundations.listing import listing_context

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


@require_safe
def area_detail(request, area):
    area = get_object_or_404(Area.objects.live().select_related("chapter"), slug=area)
    return render(request, area.detail_template, area.get_context(request))


@require_safe
def figures(request):
    # Read only when the page's content is rendered: a cached page of figures costs no query.
    areas = FiguresByArea(KeyFigure.objects.live().for_listing())
    return render(request, "diplomacy/figures.html", {**listing_context(request, KeyFigure), "figures_by_area": areas})
