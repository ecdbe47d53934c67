"""Public pages of trade agreements, partners and strategic partnerships: each view reads its records
through the models' querysets and filters and hands them to a template."""

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from portal.caching.version import memoized
from portal.foundations.listing import listing_context
from portal.foundations.navigation import absolute_url, breadcrumbs

from .filters import AgreementListingFilterSet, PartnershipListingFilterSet
from .models import Agreement, AgreementStatus, Partner, Partnership
from .partner_index import RELATIONSHIPS, SORTS, PartnerIndex, sort_asked
from .passages import distinct_passages
from .timeline import agreements_chart, partnerships_chart


def listing_queryset():
    return Agreement.objects.live().with_years().with_parties().by_book_order()


def book_counts():
    """How many live agreements the book lists under each of its headings, in one query."""
    statuses = [value for value, _label in AgreementStatus.choices]
    return Agreement.objects.live().aggregate(
        **{status: Count("pk", filter=Q(book_status=status)) for status in statuses}
    )


@require_safe
def agreement_list(request):
    filterset = AgreementListingFilterSet(request.GET, queryset=listing_queryset(), request=request)
    counts = memoized("agreement-book-counts", book_counts, request)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            **listing_context(request, Agreement, filterset),
            "book_counts": counts,
            "book_counts_signed": counts["in_force"] + counts["signed"],
        },
    )


@require_safe
def agreement_timeline(request):
    chart = agreements_chart(Agreement.objects.live().with_years().by_book_order())
    return render(
        request,
        "agreements/agreement_timeline.html",
        {
            "chart": chart,
            "statuses": AgreementStatus.choices,
            "crumbs": Agreement.listing_breadcrumbs((_("Timeline"), None)),
            "nav_section": Agreement.nav_section,
        },
    )


@require_safe
def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.live().select_related("chapter"), slug=slug)
    return render(request, agreement.detail_template, agreement.get_context(request))


@require_safe
def partner_list(request):
    """Every country and bloc, on a map and in a table sorted as asked (``?sort=``, see SORTS; any
    other value sorts by name). Sorted variants list the same partners: they point to the index and
    ask not to be indexed."""
    return render(
        request,
        "agreements/partner_list.html",
        {
            "index": PartnerIndex(sort_asked(request)),
            "sorts": SORTS,
            "relationships": RELATIONSHIPS,
            "noindex": bool(request.GET),
            "canonical_url": absolute_url(request, reverse("partner_list")),
            "crumbs": breadcrumbs((_("Partners"), None)),
            "nav_section": "partners",
        },
    )


@require_safe
def partner_detail(request, slug):
    partner = get_object_or_404(Partner.objects.live().for_page(), slug=slug)
    return render(request, partner.detail_template, partner.get_context(request))


class PartnershipResults:
    """The partnerships the filters select, with what the page builds from them: read when a fragment
    showing them is rendered, not when the fragment cache answers."""

    def __init__(self, filterset):
        self.filterset = filterset

    @cached_property
    def records(self):
        return list(self.filterset.qs)

    @cached_property
    def passages(self):
        # The book's words once, above the cards, rather than on each of them.
        return distinct_passages(self.records)

    @cached_property
    def chart(self):
        return partnerships_chart(self.records)


@require_safe
def partnership_list(request):
    queryset = Partnership.objects.live().select_related("partner", "chapter").chronological()
    filterset = PartnershipListingFilterSet(request.GET, queryset=queryset, request=request)
    return render(
        request,
        "agreements/partnership_list.html",
        {**listing_context(request, Partnership, filterset), "results": PartnershipResults(filterset)},
    )
