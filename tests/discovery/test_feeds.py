"""The listings' Atom feeds follow their filters and read cleanly in a real feed reader's parser."""

import feedparser
import pytest

from agreements.models import Agreement
from diplomacy.filters import InitiativeListingFilterSet
from diplomacy.models import Initiative
from diplomacy.views import listing_queryset
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db


def parsed(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, (url, feed.get("bozo_exception"))
    return feed


@pytest.mark.parametrize(
    "url",
    [
        "/en/agreements/feed/",
        "/es/agreements/feed/",
        "/en/initiatives/feed/",
        "/es/initiatives/feed/",
        "/en/changes/feed/",
        "/es/changes/feed/",
    ],
)
def test_every_feed_parses_without_errors(client, url):
    feed = parsed(client, url)
    assert feed.feed.title
    assert feed.entries
    for entry in feed.entries:
        assert entry.title and entry.link.startswith("http://testserver/") and entry.id


def test_the_agreements_feed_holds_exactly_what_the_filtered_listing_shows(client):
    feed = parsed(client, "/en/agreements/feed/?status=negotiating")
    negotiating = Agreement.objects.filter(live=True, status="negotiating")
    assert len(feed.entries) == negotiating.count() == 4
    assert {entry.link for entry in feed.entries} == {
        f"http://testserver{agreement.get_absolute_url()}" for agreement in negotiating
    }
    assert "status=negotiating" in feed.feed.link


def test_the_initiatives_feed_follows_the_area_filter(client):
    feed = parsed(client, "/en/initiatives/feed/?area=political")
    listing = InitiativeListingFilterSet({"area": "political"}, queryset=listing_queryset())
    assert 0 < len(feed.entries) == listing.qs.count() < Initiative.objects.filter(live=True).count()
    assert {entry.link for entry in feed.entries} == {
        f"http://testserver{initiative.get_absolute_url()}" for initiative in listing.qs
    }


def test_a_spanish_feed_speaks_spanish(client):
    feed = parsed(client, "/es/agreements/feed/?status=negotiating")
    assert all(entry.link.startswith("http://testserver/es/") for entry in feed.entries)
    assert feed.feed.language == "es"


def test_bad_filters_give_an_empty_feed_or_a_clear_error_never_a_500(client):
    for query in ["?status=nonsense", "?year_from=abc", "?country=%00", "?q=" + "trade " * 500]:
        response = client.get("/en/agreements/feed/" + query)
        assert response.status_code in (200, 400), query


def test_a_draft_never_appears_in_a_feed(client):
    draft = make_agreement(title="Secret draft agreement", status="negotiating")
    draft.live = False
    draft.save()
    for url in ["/en/agreements/feed/", "/en/agreements/feed/?status=negotiating", "/en/changes/feed/"]:
        assert b"Secret draft agreement" not in client.get(url).content, url


def test_listings_link_their_feed_with_the_same_filters(client):
    html = client.get("/en/agreements/?status=negotiating").content.decode()
    assert '<link rel="alternate" type="application/atom+xml"' in html
    assert 'href="/en/agreements/feed/?status=negotiating"' in html
    assert "Follow these results (Atom feed)" in html
    html = client.get("/es/initiatives/").content.decode()
    assert 'href="/es/initiatives/feed/"' in html
