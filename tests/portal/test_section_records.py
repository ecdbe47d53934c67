"""Lists of records inside pages stay the same size whatever the number of records: the first ones,
the total, and a link to the rest."""

import re

import pytest
from bs4 import BeautifulSoup

from agreements.models import Agreement
from agreements.models import Agreement as AgreementModel
from portal.foundations import book_links
from portal.foundations.book_links import records_by_anchor
from tests.factories import chapter

pytestmark = pytest.mark.django_db


def agreements_of(section):
    return next(group for group in section if group.type_name == "agreement")


def test_a_section_lists_every_record_the_book_links_to_it():
    records = agreements_of(records_by_anchor(chapter(3))["trade-agreements"])
    assert len(records) == records.total == Agreement.objects.live().filter(section_anchor="trade-agreements").count()
    assert records.total == 29 and records.more == 0


def test_a_crowded_section_shows_the_first_records_and_links_to_the_listing(client, monkeypatch):
    monkeypatch.setattr(book_links, "RECORDS_PER_SECTION", 5)
    records = agreements_of(records_by_anchor(chapter(3))["trade-agreements"])
    in_book_order = Agreement.objects.live().filter(section_anchor="trade-agreements").by_book_order()
    assert [a.pk for a in records] == [a.pk for a in in_book_order[:5]]
    assert (records.total, records.more, records.listing_url) == (29, 24, "/en/agreements/")

    body = client.get("/en/chapter-3/").content.decode()
    assert "And 24 more (Trade agreements): see the listing" in body
    # The chapter's lists by status: the first five of the 23 in force, and the link to the rest.
    in_force = body[body.index('class="agreement-list"') :]
    in_force = in_force[: in_force.index("</ol>")]
    assert len(re.findall(r"<li>", in_force)) == 5
    assert '<a href="/en/agreements/?book_status=in_force">And 18 more: see the listing</a>' in body


def test_related_agreements_are_capped_with_a_link_to_the_partners_listing(client, monkeypatch):
    monkeypatch.setattr(AgreementModel, "related_shown", 1)
    body = client.get("/en/agreements/peru-japan-epa/").content.decode()
    related = body[body.index('id="related-heading"') : body.index("</section>", body.index('id="related-heading"'))]
    assert re.findall(r'href="/en/agreements/([^/?]+)/"', related) == ["cptpp"]
    assert '<a href="/en/agreements/?country=JP">And 1 more: see the listing</a>' in related


def agreement_lists(body):
    """{heading: [(title, today's status or "")]} of a chapter's lists of agreements by status."""
    soup = BeautifulSoup(body, "html.parser")
    lists = {}
    for heading in soup.select("h4.agreement-list__heading"):
        items = heading.find_next_sibling("ol").select("li")
        lists[heading.get_text(" ", strip=True).split(" (")[0]] = [
            (
                item.a.get_text(strip=True),
                item.select_one(".status").get_text(strip=True) if item.select_one(".status") else "",
            )
            for item in items
        ]
    return lists


def test_the_books_lists_keep_the_books_statuses_when_one_changes_today(client):
    before = agreement_lists(client.get("/en/chapter-3/").content.decode())
    guatemala = Agreement.objects.get(book_status="signed", title__icontains="Guatemala")
    assert (guatemala.title, "") in before["About to enter into force"]

    guatemala.status = "in_force"
    guatemala.save_revision().publish()

    after = agreement_lists(client.get("/en/chapter-3/").content.decode())
    assert [title for title, _today in after["About to enter into force"]] == [
        title for title, _today in before["About to enter into force"]
    ]
    assert (guatemala.title, "In force") in after["About to enter into force"]
    assert [title for title, _today in after["In force"]] == [title for title, _today in before["In force"]]
