"""Breadcrumbs follow the book (an area is a part of its chapter, an initiative of its area), and the
schema.org BreadcrumbList in the head says exactly what the visible trail shows."""

import extruct
import pytest
from lxml import html

from agreements.models import Partner
from diplomacy.models import Area
from portal.book.models import ChapterPage

pytestmark = pytest.mark.django_db


def trails(client, url):
    """(visible trail, JSON-LD trail): [(name, absolute address)], the current page at its own address."""
    response = client.get(url)
    assert response.status_code == 200, url
    page = response.content.decode()
    base = f"http://testserver{url}"
    (nav,) = html.fromstring(page).xpath("//nav[@class='breadcrumbs wrap']")
    visible = [
        (item.text_content().strip(), "http://testserver" + (item.xpath("string(a/@href)") or url.split("?")[0]))
        for item in nav.xpath("ol/li")
    ]
    data = extruct.extract(page, base_url=base, syntaxes=["json-ld"], uniform=True)["json-ld"]
    items = [item for block in data for item in block.get("@graph", [block])]
    (crumbs,) = [item for item in items if item.get("@type") == "BreadcrumbList"]
    listed = [(entry["name"], entry["item"]) for entry in crumbs["itemListElement"]]
    assert [entry["position"] for entry in crumbs["itemListElement"]] == list(range(1, len(listed) + 1))
    return visible, listed


EXPECTED = {
    "/en/diplomacy/health/": [
        ("Home", "/en/"),
        ("Chapter III", "/en/chapter-3/"),
        ("Health diplomacy", "/en/diplomacy/health/"),
    ],
    "/es/diplomacy/health/": [
        ("Inicio", "/es/"),
        ("Capítulo III", "/es/chapter-3/"),
        ("Diplomacia sanitaria", "/es/diplomacy/health/"),
    ],
    "/en/diplomacy/institutional/": [
        ("Home", "/en/"),
        ("Chapter II", "/en/chapter-2/"),
        ("Institutional reform", "/en/diplomacy/institutional/"),
    ],
    "/en/initiatives/cop20/": [
        ("Home", "/en/"),
        ("Chapter III", "/en/chapter-3/"),
        ("Political diplomacy", "/en/diplomacy/political/"),
        ("Host of the climate change conference COP20", "/en/initiatives/cop20/"),
    ],
    "/es/initiatives/cop20/": [
        ("Inicio", "/es/"),
        ("Capítulo III", "/es/chapter-3/"),
        ("Diplomacia política", "/es/diplomacy/political/"),
        ("Sede de la COP20 sobre cambio climático", "/es/initiatives/cop20/"),
    ],
    "/en/partners/japan/": [("Home", "/en/"), ("Partners", "/en/partners/"), ("Japan", "/en/partners/japan/")],
    "/es/partners/japan/": [("Inicio", "/es/"), ("Socios", "/es/partners/"), ("Japón", "/es/partners/japan/")],
    "/en/agreements/peru-japan-epa/": [
        ("Home", "/en/"),
        ("Agreements", "/en/agreements/"),
        ("Economic Partnership Agreement between Peru and Japan", "/en/agreements/peru-japan-epa/"),
    ],
    "/en/partners/": [("Home", "/en/"), ("Partners", "/en/partners/")],
    "/en/partners/?sort=region": [("Home", "/en/"), ("Partners", "/en/partners/")],
    "/en/diplomacy/": [("Home", "/en/"), ("Areas of diplomacy", "/en/diplomacy/")],
    "/es/diplomacy/": [("Inicio", "/es/"), ("Ámbitos de la diplomacia", "/es/diplomacy/")],
}


@pytest.mark.parametrize("url", list(EXPECTED))
def test_the_visible_trail_and_the_breadcrumb_list_agree_and_follow_the_book(client, url):
    visible, listed = trails(client, url)
    assert visible == listed
    assert [(name, address.removeprefix("http://testserver")) for name, address in visible] == EXPECTED[url]


def test_an_area_whose_chapter_is_not_live_sits_under_the_areas_index(client):
    ChapterPage.objects.filter(slug="chapter-3").update(live=False)
    visible, listed = trails(client, "/en/diplomacy/health/")
    assert visible == listed
    assert visible[1] == ("Areas of diplomacy", "http://testserver/en/diplomacy/")


def test_an_initiative_whose_area_is_a_draft_sits_under_the_initiatives(client):
    Area.objects.filter(slug="political").update(live=False)
    visible, listed = trails(client, "/en/initiatives/cop20/")
    assert visible == listed
    assert [name for name, _address in visible] == [
        "Home",
        "Initiatives",
        "Host of the climate change conference COP20",
    ]


def test_a_partners_trail_names_the_partners_index(client):
    bloc = Partner.objects.get(slug="european-union")
    visible, _listed = trails(client, bloc.get_absolute_url())
    assert visible[1] == ("Partners", "http://testserver/en/partners/")


def test_the_preview_of_an_unsaved_area_has_its_trail(rf):
    request = rf.get("/admin/")
    crumbs = Area(name="A new area", summary="Unsaved.").get_context(request)["crumbs"]
    assert [(str(name), url) for name, url in crumbs] == [
        ("Home", "/en/"),
        ("Areas of diplomacy", "/en/diplomacy/"),
        ("A new area", None),
    ]
