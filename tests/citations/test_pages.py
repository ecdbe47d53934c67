"""Cite this on the pages: the home page, the chapters and their sections, and each cited record type's
page, in both languages; usable without JavaScript, accessible, and with the script as a static file."""

import re

import pytest
from bs4 import BeautifulSoup

from tests.citations.test_downloads import expected
from tests.citations.test_render import APA_BOOK

pytestmark = pytest.mark.django_db

PAGES = ["book", "chapter", "agreement", "partner", "initiative", "area"]


def page(client, target, language):
    path, _query, _facts = expected(target, language)
    response = client.get(f"/{language}{path}")
    assert response.status_code == 200
    return f"/{language}{path}", BeautifulSoup(response.content.decode(), "html.parser")


def text(element):
    return " ".join(element.get_text().split())


@pytest.mark.parametrize("language", ["en", "es"])
@pytest.mark.parametrize("target", PAGES)
def test_the_citation_is_on_the_page(client, target, language):
    path, soup = page(client, target, language)
    [box] = soup.select("section.cite")
    heading = soup.find(id=box["aria-labelledby"])
    assert heading.name == "h2" and text(heading)
    citations = box.select(".cite__text")
    assert len(citations) == 2  # APA and Chicago
    for button in box.select("button"):
        assert button["type"] == "button"
        assert button.has_attr("hidden")  # shown by the script; without it the text is there to select
        assert soup.find(id=button["data-copy"]) in citations
        assert text(button)
    [status] = box.select(".cite__status")
    assert status["role"] == "status" and status["aria-live"] == "polite"
    links = [a["href"] for a in box.select(".cite__downloads a")]
    assert links == [f"{path}cite.bib", f"{path}cite.ris", f"{path}cite.json"]
    for link in links:
        assert client.get(link).status_code == 200


def test_the_book_s_citation_on_the_home_page(client):
    _path, soup = page(client, "book", "en")
    apa = soup.select_one("#cite-apa")
    assert text(apa) == APA_BOOK
    assert apa.find("i") is not None  # the title in italics
    assert text(soup.select_one("#cite-heading")) == "Cite this"


def test_on_spanish_pages_the_book_s_english_title_is_marked(client):
    _path, soup = page(client, "book", "es")
    title = soup.select_one("#cite-apa i span[lang=en]")
    assert title is not None and text(title).startswith("Political guidelines and approaches")
    assert soup.select_one("#cite-apa").find(string=re.compile("http://testserver/es/"))


def test_a_record_names_the_book_as_its_source(client):
    _path, soup = page(client, "agreement", "en")
    note = soup.select_one(".cite__note")
    assert "ISBN 978-9972-671-91-3" in text(note) and "Fabián Novak" in text(note)


def test_each_section_of_a_chapter_can_be_cited(client):
    path, soup = page(client, "chapter", "en")
    sections = soup.select("section.book-section")
    assert sections
    for section in sections:
        details = section.select_one("details.cite-section")
        assert details is not None, section["id"]
        assert text(details.summary) == "Cite this section"
        assert f"/chapter-3/#{section['id']}" in text(details)  # the section's address
        links = [a["href"] for a in details.select("a")]
        assert links == [f"{path}cite.{format}?section={section['id']}" for format in ("bib", "ris", "json")]
    for link in [a["href"] for a in sections[-1].select("details a")]:
        assert client.get(link).status_code == 200


def test_the_script_is_a_static_file_and_the_page_has_no_inline_script(client):
    _path, soup = page(client, "agreement", "en")
    # Schema.org data blocks are not run; every script that runs comes from a file.
    scripts = [script for script in soup.find_all("script") if script.get("type") != "application/ld+json"]
    assert scripts and all(script.get("src") for script in scripts)
    assert any(script["src"].endswith("portal/js/cite.js") for script in scripts)
    assert not soup.find_all(style=True)
    response = client.get("/static/portal/js/cite.js")
    assert response.status_code == 200
    assert b"navigator.clipboard" in b"".join(response.streaming_content)


def test_a_listing_cites_nothing(client):
    response = client.get("/en/agreements/")
    assert 'class="cite"' not in response.content.decode()
