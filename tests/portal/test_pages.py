import json

from django.conf import settings

from wagtail.models import Page
from wagtail.test.utils import WagtailPageTestCase
from wagtail.test.utils.form_data import nested_form_data, rich_text, streamfield

import pytest

from portal.book.models import AuthorsPage, ChapterPage, HomePage
from tests.factories import chapter, home_page

pytestmark = pytest.mark.django_db

BOOK = json.loads((settings.BASE_DIR / "fixtures" / "pages.json").read_text())


class PageTypeRules(WagtailPageTestCase):
    def setUp(self):
        self.login()

    def test_home_sits_under_the_root_only(self):
        self.assertAllowedParentPageTypes(HomePage, {Page})
        self.assertAllowedSubpageTypes(HomePage, {ChapterPage, AuthorsPage})

    def test_chapters_and_authors_sit_under_the_home_page_and_have_no_children(self):
        self.assertAllowedParentPageTypes(ChapterPage, {HomePage})
        self.assertAllowedSubpageTypes(ChapterPage, set())
        self.assertAllowedParentPageTypes(AuthorsPage, {HomePage})
        self.assertAllowedSubpageTypes(AuthorsPage, set())

    def test_every_page_renders(self):
        for page in Page.objects.live().specific().filter(depth__gt=1):
            self.assertPageIsRenderable(page)
        # Translations are edited in wagtail-localize's own editor, which previews them itself.
        for page in AuthorsPage.objects.filter(locale__language_code="en"):
            self.assertPageIsPreviewable(page)

    def test_an_editor_can_create_a_chapter(self):
        self.assertCanCreate(
            home_page(),
            ChapterPage,
            nested_form_data(
                {
                    "title": "Chapter IV",
                    "slug": "chapter-4",
                    "number": "IV",
                    "summary": "",
                    "body": streamfield(
                        [
                            (
                                "section",
                                {
                                    "heading": "A new section",
                                    "anchor": "a-new-section",
                                    "area": "",
                                    "content": streamfield([("paragraph", rich_text("<p>Text.</p>"))]),
                                },
                            )
                        ]
                    ),
                }
            ),
        )


def test_home_page_shows_every_fact_of_the_book(client):
    html = client.get("/en/").content.decode()
    for fact in [
        "Political guidelines and approaches of Peruvian foreign policy in the new 21st-century order",
        "(on the bicentennial of the MRE)",
        "Fabián Novak",
        "Sandra Namihás",
        "0000-0001-5125-1748",
        "0000-0002-0936-5132",
        "978-9972-671-91-3",
        "1st ed., April 2022",
        "1st ed. DIGITAL, April 2022",
        "Legal Deposit at the National Library of Peru",
        "Interactiva Studio",
        "Instituto de Estudios Internacionales (IDEI)",
        "Plaza Francia 1164, Lima 1 – Perú",
        "idei@pucp.edu.pe",
        "(51-1) 626-6170",
        "Konrad Adenauer Stiftung (KAS)",
        "Av. Larco 109, 2º Piso, Lima 18 – Perú",
        "kasperu@kas.de",
        "(51-1) 416-6100",
        "http://repositorio.pucp.edu.pe/index/handle/123456789/123985",
        "https://repositorio.pucp.edu.pe/index/handle/123456789/182860",
        "As a fitting tribute to the bicentennial of Peru",
        "All rights reserved",
    ]:
        assert fact in html, fact


def test_home_page_links_to_the_three_chapters(client):
    html = client.get("/en/").content.decode()
    for number in (1, 2, 3):
        assert f'href="/en/chapter-{number}/"' in html


def test_chapter_titles_are_the_books():
    titles = {c["slug"]: c["title"] for c in BOOK["chapters"]}
    assert titles["chapter-1"] == "The new international order of the 21st century and the MRE reforms"
    assert chapter(2).title.startswith("Strengthening and modernizing the institutional framework of Peru")
    assert chapter(3).title == "Strengthening and modernizing of Peruvian foreign policy guidelines and approaches"


def test_chapter_three_has_one_section_per_area_of_diplomacy(client):
    html = client.get("/en/chapter-3/").content.decode()
    for area in ["political", "economic", "digital", "science", "social", "disaster", "health", "migratory"]:
        assert f'id="{area}-diplomacy"' in html
    assert 'id="synthesis"' in html


def test_chapter_one_lists_the_eight_characteristics_as_letters(client):
    html = client.get("/en/chapter-1/").content.decode()
    assert '<ol class="book-list" type="a">' in html
    assert "criticisms of globalization and a weakened multilateralism" in html
    assert "the emergence of new threats to the planet and an increase in securitization" in html


def test_chapter_two_has_the_torre_tagle_footnote_linked_from_the_text(client):
    html = client.get("/en/chapter-2/").content.decode()
    assert 'href="#footnote-1"' in html
    assert 'id="footnote-1"' in html
    assert "José Bernardo de Tagle Bracho y Pérez de la Riva" in html


def test_chapters_have_breadcrumbs_and_previous_next_links(client):
    html = client.get("/en/chapter-2/").content.decode()
    assert 'aria-label="Breadcrumb"' in html
    assert 'rel="prev" href="/en/chapter-1/"' in html
    assert 'rel="next" href="/en/chapter-3/"' in html


def test_authors_page_has_both_biographies_and_orcid_links(client):
    html = client.get("/en/authors/").content.decode()
    assert "https://orcid.org/0000-0001-5125-1748" in html
    assert "https://orcid.org/0000-0002-0936-5132" in html
    assert "Institut de Droit International" in html
    assert "Center for Hemispheric Defense Studies" in html


def test_pages_are_accessible_landmarks(client):
    html = client.get("/en/chapter-1/").content.decode()
    assert 'class="skip-link" href="#main"' in html
    assert '<main id="main"' in html
    assert "<header" in html and "<footer" in html and "<nav" in html
    assert html.count("<h1") == 1


def test_a_chapter_section_lists_the_records_that_link_to_it(client):
    html = client.get("/en/chapter-3/").content.decode()
    assert "In the portal: records on this section" in html
    assert "/en/agreements/peru-japan-epa/" in html or "/en/agreements/" in html


@pytest.mark.parametrize("path", ["/en/", "/en/chapter-1/", "/en/chapter-3/", "/en/authors/"])
def test_page_query_counts_are_fixed(client, django_assert_max_num_queries, path):
    # Chapter III is the heaviest (tests/portal/test_queries.py), with its citation's authors.
    with django_assert_max_num_queries(21):
        assert client.get(path).status_code == 200
