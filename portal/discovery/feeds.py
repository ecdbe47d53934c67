"""Atom feeds: the agreements and initiatives listings, following the listing's filters
(`/en/agreements/feed/?status=negotiating` holds exactly what that listing shows), and the recent
changes."""

from django.contrib.syndication.views import Feed
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed
from django.utils.translation import gettext as _

from agreements.filters import AgreementListingFilterSet
from agreements.models import Agreement
from agreements.views import listing_queryset as agreements_queryset
from diplomacy.filters import InitiativeListingFilterSet
from diplomacy.models import Initiative
from diplomacy.views import listing_queryset as initiatives_queryset
from portal.foundations.navigation import absolute_url

from .changes import recent_changes

FEED_ITEMS = 50


class ListingFeed(Feed):
    """A listing's records as an Atom feed, newest publication first, filtered as the listing is."""

    feed_type = Atom1Feed
    model = None
    filterset_class = None
    queryset = None

    def get_object(self, request):
        self.request = request
        return self.filterset_class(request.GET, queryset=self.queryset(), request=request)

    def title(self, filterset):
        applied = ", ".join(f"{name}={value}" for name, value in filterset.applied())
        label = self.model.listing_label()
        return f"{label} ({applied})" if applied else str(label)

    def link(self, filterset):
        query = filterset.query
        return self.model.listing_url() + (f"?{query}" if query else "")

    def subtitle(self, filterset):
        return _("The book's records, as published in the portal: each new publication of one of them.")

    def items(self, filterset):
        return filterset.qs.order_by("-last_published_at", "-pk")[:FEED_ITEMS]

    def item_title(self, record):
        return record.public_title()

    def item_description(self, record):
        return record.search_excerpt()

    def item_link(self, record):
        return record.get_absolute_url()

    def item_guid(self, record):
        return absolute_url(self.request, record.get_absolute_url())

    def item_pubdate(self, record):
        return record.first_published_at

    def item_updateddate(self, record):
        return record.last_published_at


class AgreementsFeed(ListingFeed):
    model = Agreement
    filterset_class = AgreementListingFilterSet
    queryset = staticmethod(agreements_queryset)


class InitiativesFeed(ListingFeed):
    model = Initiative
    filterset_class = InitiativeListingFilterSet
    queryset = staticmethod(initiatives_queryset)


class ChangesFeed(Feed):
    """Every publication of a record or a page of the book, newest first."""

    feed_type = Atom1Feed

    def get_object(self, request):
        self.request = request
        return None

    def title(self):
        return _("Recent changes in the portal")

    def link(self):
        return reverse("changes")

    def subtitle(self):
        return _("Every publication of a record or a page of the book, newest first.")

    def items(self):
        return recent_changes(FEED_ITEMS)

    def item_title(self, change):
        return f"{change.title} ({change.kind})"

    def item_description(self, change):
        if change.first:
            return _("First published.")
        if not change.changes:
            return _("Details edited; no change to its status or dates.")
        return "; ".join(f"{label}: {before or '—'} → {after or '—'}" for label, before, after in change.changes)

    def item_link(self, change):
        return change.history_url

    def item_guid(self, change):
        return f"{absolute_url(self.request, change.url)}#publication-{change.entry.pk}"

    def item_pubdate(self, change):
        return change.when
