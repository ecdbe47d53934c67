"""Public pages of trade agreements, partners and strategic partnerships: each view builds one
queryset from the models' querysets and the filters, and hands it to a template."""

import datetime
from urllib.parse import urlencode

from django.db.models import Count, F, Prefetch, Q, Window, prefetch_related_objects
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import SimpleLazyObject
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe

from wagtail.models import ModelLogEntry

from portal.caching import memoized
from portal.listing import deferred_filters, paginate
from portal.navigation import breadcrumbs
from portal.sections import SectionRecords

from . import exports
from .filters import AgreementFilterSet, PartnershipFilterSet
from .models import Agreement, AgreementStatus, Partner, Partnership
from .timeline import agreements_chart, partnerships_chart

# Peru is a party to everything here (TISA names it, blocs list it as a member): it never makes
# two agreements "related".
PERU = "PE"

# Fields whose changes the public change history reports, with their labels.
TRACKED_FIELDS = ["status", "signed_on", "entered_into_force_on", "last_verified_on"]


def listing_queryset():
    return Agreement.objects.live().with_years().with_parties().by_book_order()


def _exports(request):
    """Links to the exports, carrying the current filters (not the page)."""
    query = request.GET.copy()
    query.pop("page", None)
    suffix = f"?{query.urlencode()}" if query else ""
    return [
        (label, reverse("agreement_export", kwargs={"format": name}) + suffix)
        for name, label in (("csv", "CSV"), ("json", "JSON"), ("xlsx", "Excel"))
    ]


def book_counts():
    """How many live agreements the book lists under each of its headings, in one query."""
    statuses = [value for value, _label in AgreementStatus.choices]
    return Agreement.objects.live().aggregate(
        **{status: Count("pk", filter=Q(book_status=status)) for status in statuses}
    )


@require_safe
def agreement_list(request):
    filterset, active_filters = deferred_filters(
        request, lambda: AgreementFilterSet(request.GET, queryset=listing_queryset(), request=request)
    )
    # Like the filters, read only when the listing is rendered.
    page_obj = SimpleLazyObject(lambda: paginate(request, filterset.qs))
    counts = memoized("agreement-book-counts", book_counts, request)
    return render(
        request,
        "agreements/agreement_list.html",
        {
            "filter": filterset,
            "page_obj": page_obj,
            "active_filters": active_filters,
            "exports": _exports(request),
            "book_counts": counts,
            "book_counts_signed": counts["in_force"] + counts["signed"],
            "noindex": bool(request.GET),
            "canonical_url": request.build_absolute_uri(reverse("agreement_list")),
            "crumbs": breadcrumbs((_("Trade agreements"), None)),
            "nav_section": "agreements",
        },
    )


@require_safe
def agreement_export(request, format):
    if format not in exports.WRITERS:
        raise Http404
    filterset = AgreementFilterSet(request.GET, queryset=listing_queryset(), request=request)
    return exports.WRITERS[format](exports.rows(filterset.qs, request))


@require_safe
def agreement_timeline(request):
    chart = agreements_chart(Agreement.objects.live().with_years().by_book_order())
    return render(
        request,
        "agreements/agreement_timeline.html",
        {
            "chart": chart,
            "statuses": AgreementStatus.choices,
            "crumbs": breadcrumbs((_("Trade agreements"), reverse("agreement_list")), (_("Timeline"), None)),
            "nav_section": "agreements",
        },
    )


# Other agreements with the same partners shown on a detail page; the rest are in the listing.
RELATED_SHOWN = 30


@require_safe
def agreement_detail(request, slug):
    agreement = get_object_or_404(Agreement.objects.live().select_related("chapter"), slug=slug)
    return render(
        request, "agreements/agreement_detail.html", agreement_context(agreement, request, from_database=True)
    )


def agreement_context(agreement, request, from_database=False):
    """The detail page's context; also the editors' preview of a draft (``agreement`` may then be
    unsaved, with parties chosen in the form, which must not be read again from the database)."""

    def load_parties():
        if from_database:
            live = Partner.objects.live().order_by("name")
            prefetch_related_objects(
                [agreement], Prefetch("parties", queryset=live), Prefetch("parties__members", queryset=live)
            )
        return list(agreement.parties.all())

    saved = agreement.pk is not None
    # Everything below is read only when the page's content is rendered, not when it comes from the
    # fragment cache.
    parties = SimpleLazyObject(load_parties)
    return {
        "agreement": agreement,
        "parties": SimpleLazyObject(
            lambda: [
                (party, [m for m in party.members.all() if m.live] if not party.is_country else []) for party in parties
            ]
        ),
        "initiatives": SimpleLazyObject(lambda: list(agreement.initiatives.live()) if saved else []),
        "related": SimpleLazyObject(lambda: related_agreements(agreement, parties)),
        "history": SimpleLazyObject(lambda: change_history(agreement) if saved else []),
        "crumbs": breadcrumbs((_("Trade agreements"), reverse("agreement_list")), (agreement.display_title, None)),
        "nav_section": "agreements",
    }


def related_agreements(agreement, parties):
    """Other live agreements with a partner in common, directly or through a bloc's members (Japan's
    EPA relates to the CPTPP and TISA)."""
    party_ids, codes = set(), set()
    for party in parties:
        if party.code != PERU:
            party_ids.add(party.pk)
        if party.code:
            codes.add(party.code)
        else:
            codes.update(member.code for member in party.members.all() if member.code)
    codes.discard(PERU)
    if not party_ids and not codes:
        return []
    queryset = Agreement.objects.live().sharing_partners(party_ids, codes).by_book_order()
    if agreement.pk:
        queryset = queryset.exclude(pk=agreement.pk)
    # The first ones and the count of all in one query (a window count is taken before the limit).
    first = list(queryset.annotate(in_all=Window(Count("pk")))[:RELATED_SHOWN])
    listing_url = reverse("agreement_list")
    if len(codes) == 1:
        listing_url += "?" + urlencode({"country": next(iter(codes))})
    return SectionRecords(first, first[0].in_all if first else 0, listing_url)


def _value(field, value):
    if value in (None, ""):
        return None
    if field == "status":
        return AgreementStatus(value).label if value in AgreementStatus.values else value
    if isinstance(value, str):
        try:
            return datetime.date.fromisoformat(value)
        except ValueError:
            return value
    return value


def change_history(obj, fields=TRACKED_FIELDS):
    """Every publication of ``obj``, newest first: {"when", "first", "changes": [(label, old, new)]},
    comparing each published revision with the one published before it. One query."""
    entries = (
        ModelLogEntry.objects.for_instance(obj)
        .filter(action="wagtail.publish", revision__isnull=False)
        .select_related("revision")
        .order_by("timestamp", "pk")
    )
    labels = {name: obj._meta.get_field(name).verbose_name for name in fields}
    history, previous = [], None
    for entry in entries:
        content = entry.revision.content or {}
        if previous is None:
            changes = [(labels[name], None, _value(name, content.get(name))) for name in fields if content.get(name)]
        else:
            changes = [
                (labels[name], _value(name, previous.get(name)), _value(name, content.get(name)))
                for name in fields
                if previous.get(name) != content.get(name)
            ]
        history.append({"when": entry.timestamp, "first": previous is None, "changes": changes})
        previous = content
    history.reverse()
    return history


@require_safe
def partner_detail(request, slug):
    queryset = Partner.objects.live().prefetch_related(
        Prefetch("members", queryset=Partner.objects.live().order_by("name")),
        Prefetch("groupings", queryset=Partner.objects.live().order_by("name")),
    )
    partner = get_object_or_404(queryset, slug=slug)
    return render(request, "agreements/partner_detail.html", partner_context(partner, request))


def partner_context(partner, request):
    """Everything Peru has with one country or bloc; also the editors' preview (``partner`` may be unsaved)."""
    saved = partner.pk is not None
    members = [m for m in partner.members.all() if m.live]
    groupings = [g for g in partner.groupings.all() if g.live] if saved else []
    direct, through = [], []
    if saved:
        agreements = Agreement.objects.live().with_partner(partner)
        grouping_ids = {g.pk for g in groupings}
        for agreement in agreements.with_years().with_parties().by_book_order():
            parties = list(agreement.parties.all())
            if any(p.pk == partner.pk for p in parties):
                direct.append(agreement)
            else:
                through.append((agreement, [p for p in parties if p.pk in grouping_ids]))
    partnerships = (
        list(
            partner.partnerships.live()
            .select_related("chapter")
            .order_by(F("year_start").asc(nulls_last=True), "book_order")
        )
        if saved
        else []
    )
    return {
        "partner": partner,
        "members": members,
        "groupings": groupings,
        "direct_agreements": direct,
        "through_agreements": through,
        "partnerships": partnerships,
        "initiatives": list(partner.initiatives.live().chronological()) if saved else [],
        "crumbs": breadcrumbs((_("Partnerships"), reverse("partnership_list")), (partner.display_name, None)),
        "nav_section": "partnerships",
    }


@require_safe
def partnership_list(request):
    queryset = (
        Partnership.objects.live()
        .select_related("partner", "chapter")
        .order_by(F("year_start").asc(nulls_last=True), "book_order")
    )
    filterset, active_filters = deferred_filters(
        request, lambda: PartnershipFilterSet(request.GET, queryset=queryset, request=request)
    )
    # Like the filters, read only when the listing is rendered.
    partnerships = SimpleLazyObject(lambda: list(filterset.qs))
    return render(
        request,
        "agreements/partnership_list.html",
        {
            "filter": filterset,
            "partnerships": partnerships,
            "chart": SimpleLazyObject(lambda: partnerships_chart(partnerships)),
            "active_filters": active_filters,
            "noindex": bool(request.GET),
            "canonical_url": request.build_absolute_uri(reverse("partnership_list")),
            "crumbs": breadcrumbs((_("Partnerships"), None)),
            "nav_section": "partnerships",
        },
    )
