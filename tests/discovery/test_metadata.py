"""What reference managers, search engines and social networks read in the head, parsed by extruct
(the library they and SEO tools use) rather than by string matching."""

import extruct
import pytest

pytestmark = pytest.mark.django_db

ISBN = "978-9972-671-91-3"


def metadata(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return extruct.extract(
        response.content.decode(), base_url=f"http://testserver{url}", syntaxes=["json-ld", "opengraph"], uniform=True
    ), response.content.decode()


def graph(data):
    return [item for block in data["json-ld"] for item in block.get("@graph", [block])]


def of_type(data, kind):
    return [item for item in graph(data) if item.get("@type") == kind]


def highwire(html):
    import lxml.html

    tree = lxml.html.fromstring(html)
    found = {}
    for meta in tree.xpath("//meta[starts-with(@name, 'citation_')]"):
        found.setdefault(meta.get("name"), []).append(meta.get("content"))
    return found


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_home_page_describes_the_book(client, language):
    data, html = metadata(client, f"/{language}/")
    (book,) = of_type(data, "Book")
    assert book["isbn"] == ISBN
    assert book["name"].startswith("Political guidelines and approaches of Peruvian foreign policy")
    assert [author["name"] for author in book["author"]] == ["Fabián Novak", "Sandra Namihás"]
    assert all(author["sameAs"][0].startswith("https://orcid.org/") for author in book["author"] if "sameAs" in author)
    assert {publisher["@type"] for publisher in book["publisher"]} == {"Organization"}
    (og,) = data["opengraph"]
    # extruct's uniform form names og:type "@type".
    assert og["@type"] == "book" and og["og:image"].endswith(".png") and "/static/portal/share" in og["og:image"]
    assert og["book:isbn"] == ISBN and og["book:release_date"] == "2022-04"
    assert og["og:url"] == f"http://testserver/{language}/"
    tags = highwire(html)
    assert tags["citation_isbn"] == [ISBN]
    assert tags["citation_author"] == ["Novak, Fabián", "Namihás, Sandra"]
    assert tags["citation_publication_date"] == ["2022/04"]
    assert f'<link rel="canonical" href="http://testserver/{language}/">' in html


def test_a_chapter_is_a_chapter_of_the_book_with_citation_tags(client):
    data, html = metadata(client, "/es/chapter-3/")
    (chapter,) = of_type(data, "Chapter")
    # The book numbers its chapters in Roman numerals; schema.org's position takes text.
    assert chapter["position"] == "III" and chapter["inLanguage"] == "es"
    assert chapter["isPartOf"]["isbn"] == ISBN
    tags = highwire(html)
    assert tags["citation_inbook_title"][0].startswith("Political guidelines")
    assert tags["citation_title"] and tags["citation_isbn"] == [ISBN]
    assert of_type(data, "BreadcrumbList")


def test_a_record_page_names_the_book_as_its_source(client):
    data, html = metadata(client, "/en/agreements/peru-japan-epa/")
    (work,) = of_type(data, "CreativeWork")
    assert work["isBasedOn"]["isbn"] == ISBN
    assert work["url"] == "http://testserver/en/agreements/peru-japan-epa/"
    (crumbs,) = of_type(data, "BreadcrumbList")
    assert crumbs["itemListElement"][-1]["item"] == "http://testserver/en/agreements/peru-japan-epa/"
    (og,) = data["opengraph"]
    assert "Japan" in og["og:title"]
    assert "citation_isbn" not in highwire(html)


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/es/chapter-1/",
        "/en/authors/",
        "/en/agreements/",
        "/es/partners/japan/",
        "/en/figures/",
        "/en/changes/",
        "/en/search/?q=japan",
    ],
)
def test_every_page_has_open_graph_twitter_and_a_canonical_link(client, url):
    data, html = metadata(client, url)
    (og,) = data["opengraph"]
    assert og["og:title"] and og["og:description"] and og["og:image"].startswith("http://testserver/")
    assert '<meta name="twitter:card" content="summary_large_image">' in html
    assert '<link rel="canonical" href="http://testserver/' in html


def test_a_title_cannot_break_out_of_the_json_ld(client):
    from tests.factories import make_agreement

    agreement = make_agreement(title="</script><script>alert(1)</script>")
    data, html = metadata(client, agreement.get_absolute_url())
    assert "<script>alert(1)" not in html
    (work,) = of_type(data, "CreativeWork")
    assert work["name"] == "</script><script>alert(1)</script>"


@pytest.mark.parametrize("language", ["en", "es"])
def test_the_data_page_describes_the_dataset_and_its_files(client, language):
    data, html = metadata(client, f"/{language}/data/")
    (dataset,) = of_type(data, "Dataset")
    assert dataset["license"].startswith("https://creativecommons.org/licenses/by/4.0")
    assert dataset["isBasedOn"]["isbn"] == ISBN
    assert [creator["name"] for creator in dataset["creator"]] == ["Fabián Novak", "Sandra Namihás"]
    urls = {download["contentUrl"] for download in dataset["distribution"]}
    for path in ["agreements/export.csv", "initiatives/export.json", "figures/export.xlsx", "data/datapackage.json"]:
        assert f"http://testserver/{language}/{path}" in urls, path
    for url in urls:
        response = client.get(url.replace("http://testserver", ""))
        assert response.status_code == 200, url
        # Read to the end, as a server does (the test client then closes the response).
        assert response.getvalue(), url
