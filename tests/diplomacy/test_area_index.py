"""The index of the areas of diplomacy (/<lang>/diplomacy/): the nine areas in the book's order, each
with its summary and its number of initiatives, linking to its page."""

import pytest
from lxml import html

from diplomacy.models import Area, Initiative
from tests.diplomacy.test_queries import LAYOUT, add_many_records

pytestmark = pytest.mark.django_db

INDEX = (
    1  # the live areas in order, with their book chapter and their live initiatives counted
    + LAYOUT
)
ORDER = ["political", "economic", "digital", "science", "social", "disaster", "health", "migratory", "institutional"]


def items(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return html.fromstring(response.content.decode()).xpath("//ol[@class='areas-index']/li")


@pytest.mark.parametrize(("language", "first"), [("en", "Political diplomacy"), ("es", "Diplomacia política")])
def test_the_nine_areas_in_the_books_order_in_both_languages(client, language, first):
    found = items(client, f"/{language}/diplomacy/")
    assert [item.xpath("string(h2/a/@href)") for item in found] == [f"/{language}/diplomacy/{slug}/" for slug in ORDER]
    assert found[0].xpath("string(h2/a)") == first
    assert all(item.xpath("string(p[not(@class)])").strip() for item in found), "each has its summary"


def test_each_area_counts_the_initiatives_its_page_lists(client):
    found = {item.xpath("string(h2/a/@href)").split("/")[-2]: item for item in items(client, "/en/diplomacy/")}
    for area in Area.objects.live():
        count = Initiative.objects.live().in_area(area.slug).count()
        label = f"{count} initiative" if count == 1 else f"{count} initiatives"
        assert found[area.slug].xpath("string(p[@class='meta'])").strip() == label
        page = client.get(area.get_absolute_url()).content.decode()
        assert f'<span class="count">({count})</span>' in page
    chapter = found["health"].xpath("string(p[@class='eyebrow'])")
    assert chapter == "Chapter III"


def test_drafts_are_not_listed_or_counted(client):
    Area.objects.filter(slug="digital").update(live=False)
    health = Initiative.objects.live().in_area("health")
    draft = health.first()
    Initiative.objects.filter(pk=draft.pk).update(live=False)
    found = {item.xpath("string(h2/a/@href)").split("/")[-2]: item for item in items(client, "/en/diplomacy/")}
    assert "digital" not in found and len(found) == 8
    count = Initiative.objects.live().in_area("health").count()
    assert found["health"].xpath("string(p[@class='meta'])").strip().startswith(f"{count} initiative")


@pytest.mark.parametrize("size", ["book", "book and 500 more"])
def test_the_index_runs_a_fixed_number_of_queries(client, django_assert_num_queries, size):
    if size != "book":
        add_many_records()
    client.get("/en/diplomacy/")
    with django_assert_num_queries(INDEX):
        assert client.get("/en/diplomacy/?anything=1").status_code == 200
    if size != "book":
        political = items(client, "/en/diplomacy/")[0]
        count = Initiative.objects.live().in_area("political").count()
        assert count > 250 and political.xpath("string(p[@class='meta'])").strip() == f"{count} initiatives"
