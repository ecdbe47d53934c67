import pytest
from bs4 import BeautifulSoup

from agreements.models import Agreement
from portal.foundations.folding import fold, terms_of
from portal.search.matching import highlight

pytestmark = pytest.mark.django_db


def test_folding_keeps_positions_and_drops_accents():
    assert fold("Perú Comisión ÁNCASH") == "peru comision ancash"
    assert len(fold("Huánuco")) == len("Huánuco")


def test_highlight_marks_every_match_and_escapes_the_rest():
    snippet = highlight("<b>Perú</b> and peru and PERU", terms_of("peru"))
    assert snippet.count("<mark>") == 3
    assert "&lt;b&gt;" in snippet


def test_search_finds_sections_and_links_to_their_anchor(client):
    html = client.get("/en/search/", {"q": "Torre Tagle"}).content.decode()
    assert "/en/chapter-2/#new-structure-and-functions" in html
    assert "<mark>Torre</mark> <mark>Tagle</mark>" in html


def test_search_groups_results_by_type_with_counts(client):
    response = client.get("/en/search/", {"q": "Japan"})
    groups = {group["name"]: group["total"] for group in response.context["results"]["groups"]}
    assert set(groups) == {"sections", "agreements", "partners", "initiatives", "figures", "treaties"}
    assert groups["agreements"] >= 3  # the Japan EPA, CPTPP and TISA
    assert groups["partners"] >= 1


def test_search_ignores_accents_both_ways(client):
    plain = client.get("/en/search/", {"q": "Japon", "type": "partners"}).context["results"]["groups"][0]["total"]
    assert plain == 1  # "Japón", the Spanish name
    sections = client.get("/en/search/", {"q": "Ancash", "type": "sections"}).context["results"]["groups"][0]
    assert sections["total"] == 1  # the text writes "Áncash"
    assert "#disaster-diplomacy" in sections["hits"][0].url


def test_search_by_type_paginates(client):
    response = client.get("/en/search/", {"q": "Peru", "type": "initiatives"})
    assert [group["name"] for group in response.context["results"]["groups"]] == ["initiatives"]
    assert response.context["results"]["page_obj"].paginator.count == response.context["results"]["groups"][0]["total"]
    assert len(response.context["results"]["groups"][0]["hits"]) <= 20


@pytest.mark.parametrize(
    "params, says",
    [
        ({}, ""),
        ({"q": ""}, "Type one or more words"),
        ({"q": "x" * 5000}, "Ensure this value has at most 200 characters"),
        ({"q": "!!! ??? ..."}, "Type one or more words"),
        ({"q": "'; DROP TABLE agreements_agreement; --"}, "results for “'; DROP TABLE agreements_agreement; --”"),
        ({"q": "peru\x00"}, "Null characters are not allowed."),
        ({"q": "peru", "type": "nonsense"}, "Select a valid choice."),
        ({"q": "peru", "type": "agreements", "page": "999999"}, "results for “peru”"),
        ({"q": "peru", "type": "agreements", "page": "-3"}, "results for “peru”"),
        ({"q": "peru", "type": "agreements", "page": "abc"}, "results for “peru”"),
        ({"q": "\u202e\u0000\ud7ff"}, "Null characters are not allowed."),
    ],
)
def test_bad_queries_give_a_clear_page(client, params, says):
    response = client.get("/en/search/", params)
    assert response.status_code == 200
    main = BeautifulSoup(response.content, "html.parser").find("main")
    assert main.find("form", role="search").find("input", attrs={"name": "q"})
    messages = " ".join(element.get_text(" ", strip=True) for element in main.select('[role="alert"], [role="status"]'))
    assert says in messages if says else not messages
    assert Agreement.objects.exists()


def test_punctuation_only_asks_for_words(client):
    html = client.get("/en/search/", {"q": "?!."}).content.decode()
    assert "Type one or more words" in html


def test_search_query_count_is_fixed(client, django_assert_max_num_queries):
    with django_assert_max_num_queries(25):
        client.get("/en/search/", {"q": "Peru"})
