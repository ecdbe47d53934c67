"""Book pages in Spanish: an untranslated page is served in English with a note under /es/, every
link on it stays under /es/, and a translation an editor makes is served at its own address."""

import re

from django.test import RequestFactory
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

import pytest

from agreements.models import Agreement
from portal.foundations.i18n import book_section, page_url
from tests.factories import chapter, home_page

pytestmark = pytest.mark.django_db

NOTE = "Esta página aún no ha sido traducida"


def _links(html):
    """Every internal link with a language prefix, without its fragment or query."""
    return set(re.findall(r'href="(?:http://testserver)?(/[a-z]{2}/[^"#?]*)', html))


def _switcher_and_alternates(html):
    """The links of the language switcher and the hreflang alternates, which alone may change language."""
    return set(re.findall(r'<link rel="alternate" hreflang="[a-z]+" href="http://testserver(/[^"]*)"', html)) | set(
        re.findall(r'<a href="(/[^"]*)" hreflang=', html)
    )


def _translate(page, **changes):
    """What an editor does with "Translate" (wagtail.contrib.simple_translation), then publishes."""
    spanish = page.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    for name, value in changes.items():
        setattr(spanish, name, value)
    spanish.save_revision().publish()
    spanish.refresh_from_db()
    return spanish


@pytest.mark.parametrize("path", ["/es/", "/es/chapter-2/", "/es/authors/"])
def test_an_untranslated_page_is_served_in_english_with_a_note_and_spanish_links(client, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert NOTE in html
    leaks = {link for link in _links(html) if link.startswith("/en/")}
    assert leaks <= _switcher_and_alternates(html), leaks
    assert "Acuerdos" in html and "Capítulo II" in html  # the interface is Spanish


def test_the_untranslated_chapters_text_is_marked_as_english(client):
    html = client.get("/es/chapter-2/").content.decode()
    assert "José Bernardo de Tagle" in html
    assert '<div class="chapter__body prose" lang="en">' in html
    assert re.search(r'<h1 lang="en">Strengthening and modernizing', html)
    assert 'rel="next" href="/es/chapter-3/"><span>Capítulo siguiente</span> III. <span lang="en">Strengthening' in html
    assert 'rel="prev" href="/es/chapter-1/"' in html
    assert '<li><a href="/es/">Inicio</a></li>' in html  # the breadcrumbs
    assert "En el portal: registros sobre esta sección" in html
    assert NOTE not in client.get("/en/chapter-2/").content.decode()


def test_records_link_to_the_book_in_spanish(client):
    html = client.get("/es/agreements/peru-japan-epa/").content.decode()
    assert (
        '<a href="/es/chapter-3/#trade-agreements">Leer la sección del libro: <span lang="en">III. Trade agreements</span></a>'
        in html
    )
    html = client.get("/es/figures/").content.decode()
    assert "/en/chapter-" not in html
    assert 'href="/es/chapter-3/#covid-19"' in html
    html = client.get("/es/diplomacy/health/").content.decode()
    assert 'href="/es/chapter-3/#health-diplomacy"' in html
    assert "/en/chapter-" not in html


def test_the_404_page_speaks_spanish(client):
    response = client.get("/es/no-such-page/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Página no encontrada" in html
    assert 'href="/es/"' in html


def test_the_language_switcher_keeps_the_page_and_its_filters(client):
    html = client.get("/en/agreements/", {"status": "in_force", "country": "JP"}).content.decode()
    assert '<a href="/es/agreements/?status=in_force&amp;country=JP" hreflang="es" lang="es">Español</a>' in html
    assert (
        '<a href="/en/agreements/?status=in_force&amp;country=JP" hreflang="en" lang="en" aria-current="true">' in html
    )
    html = client.get("/es/initiatives/", {"area": "health", "page": "1"}).content.decode()
    assert '<a href="/en/initiatives/?area=health&amp;page=1" hreflang="en" lang="en">English</a>' in html
    html = client.get("/es/chapter-3/").content.decode()
    assert '<a href="/en/chapter-3/" hreflang="en" lang="en">English</a>' in html


def test_every_page_lists_its_hreflang_alternates(client):
    html = client.get("/en/agreements/", {"status": "in_force", "country": "JP"}).content.decode()
    assert (
        '<link rel="alternate" hreflang="es" href="http://testserver/es/agreements/?status=in_force&amp;country=JP">'
        in html
    )
    assert (
        '<link rel="alternate" hreflang="en" href="http://testserver/en/agreements/?status=in_force&amp;country=JP">'
        in html
    )
    html = client.get("/es/partners/japan/").content.decode()
    assert '<link rel="alternate" hreflang="en" href="http://testserver/en/partners/japan/">' in html
    assert '<link rel="alternate" hreflang="es" href="http://testserver/es/partners/japan/">' in html


def test_a_chapter_translated_by_an_editor_is_served_in_spanish(client):
    english = chapter(1)
    _translate(english, title="El nuevo orden internacional del siglo XXI y las reformas de la Cancillería")
    html = client.get("/es/chapter-1/").content.decode()
    assert "<h1>El nuevo orden internacional del siglo XXI" in html
    assert NOTE not in html
    assert "El nuevo orden internacional" not in client.get("/en/chapter-1/").content.decode()
    # Translating the chapter made a Spanish alias of the home page: the chapters not translated yet
    # are still served, in English, and the home page still says it is in English.
    other = client.get("/es/chapter-2/")
    assert other.status_code == 200 and NOTE in other.content.decode()
    assert NOTE in client.get("/es/").content.decode()
    assert client.get("/es/chapter-3/").status_code == 200
    assert client.get("/es/authors/").status_code == 200
    # Every Spanish page's navigation leads to the translation, and the switcher pairs the versions.
    nav = client.get("/es/chapter-2/").content.decode()
    assert 'rel="prev" href="/es/chapter-1/"' in nav
    assert nav.count('href="/es/chapter-1/"') >= 2  # the header and the pager
    assert '<a href="/es/chapter-1/" hreflang="es" lang="es">' in client.get("/en/chapter-1/").content.decode()


def test_a_translation_with_its_own_slug_is_linked_at_its_own_address(client):
    english = chapter(3)
    spanish = _translate(english, title="Fortalecimiento y modernización de los lineamientos", slug="capitulo-3")
    assert spanish.url == "/es/capitulo-3/"
    home = client.get("/es/").content.decode()
    assert 'href="/es/capitulo-3/"' in home and "/es/chapter-3/" not in home
    assert '<a href="/es/capitulo-3/" hreflang="es" lang="es">' in client.get("/en/chapter-3/").content.decode()
    page = client.get("/es/capitulo-3/").content.decode()
    assert '<a href="/en/chapter-3/" hreflang="en" lang="en">English</a>' in page
    assert NOTE not in page
    record = client.get("/es/agreements/peru-japan-epa/").content.decode()
    assert 'href="/es/capitulo-3/#trade-agreements">Leer la sección del libro: III. Trade agreements</a>' in record
    hits = client.get("/es/search/", {"q": "Ancash", "type": "sections"}).context["results"]["groups"][0]["hits"]
    assert hits[0].url.startswith("/es/capitulo-3/#")
    # English visitors keep the English chapter.
    assert 'href="/en/chapter-3/#trade-agreements"' in client.get("/en/agreements/peru-japan-epa/").content.decode()


def test_a_translated_section_heading_is_used_in_spanish_links(client):
    spanish = chapter(3).copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    body = spanish.body.raw_data
    for block in body:
        if block["value"]["anchor"] == "economic-diplomacy":
            for child in block["value"]["content"]:
                if child["type"] == "subheading" and child["value"]["anchor"] == "trade-agreements":
                    child["value"]["heading"] = "Acuerdos comerciales"
    spanish.body = body
    spanish.save_revision().publish()
    html = client.get("/es/agreements/peru-japan-epa/").content.decode()
    assert 'href="/es/chapter-3/#trade-agreements">Leer la sección del libro: III. Acuerdos comerciales</a>' in html


def test_a_draft_translation_is_not_served(client):
    chapter(2).copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)  # not published
    html = client.get("/es/chapter-2/").content.decode()
    assert NOTE in html and "José Bernardo de Tagle" in html


def test_page_links_in_rich_text_follow_the_readers_language():
    target = chapter(2)
    html = f'<p><a linktype="page" id="{target.pk}">the second chapter</a></p>'
    with translation.override("es"):
        assert 'href="/es/chapter-2/"' in expand_db_html(html)
    with translation.override("en"):
        assert 'href="/en/chapter-2/"' in expand_db_html(html)


def test_page_url_asks_nothing_when_the_page_is_in_the_readers_language(django_assert_num_queries):
    request = RequestFactory().get("/en/")
    home = home_page()
    page_url(home, request)  # Wagtail caches the site's root paths on the request
    with translation.override("en"), django_assert_num_queries(0):
        assert page_url(home, request) == "/en/"
    first = chapter(1)
    with translation.override("es"), django_assert_num_queries(1):
        assert page_url(home, request) == "/es/"
        assert page_url(first, request) == "/es/chapter-1/"  # the same request: no second query
    assert Page.objects.get(pk=home.pk).url == "/en/"  # Wagtail's own URL is untouched


def test_the_site_has_an_english_and_a_spanish_locale():
    assert sorted(Locale.objects.values_list("language_code", flat=True)) == ["en", "es"]
    assert Locale.get_default().language_code == "en"


def test_an_editor_translates_the_book_in_the_admin(admin_client, client):
    """The "Translate" action of wagtail.contrib.simple_translation: the home page and its chapters
    become Spanish drafts; only what the editors publish is served, the rest stays in English."""
    spanish = Locale.objects.get(language_code="es")
    home = home_page()
    url = reverse("simple_translation:submit_page_translation", args=[home.pk])
    response = admin_client.post(url, {"locales": [spanish.pk], "include_subtree": "on"})
    assert response.status_code == 302
    spanish_home = home.get_translation(spanish).specific
    spanish_home.title = "Lineamientos y enfoques de la política exterior peruana"
    spanish_home.save_revision().publish()
    spanish_chapter = chapter(1).get_translation(spanish).specific
    spanish_chapter.title = "El nuevo orden internacional del siglo XXI"
    spanish_chapter.save_revision().publish()

    page = client.get("/es/").content.decode()
    assert '<h1 id="book-title">Lineamientos y enfoques' in page and NOTE not in page
    assert 'href="/es/chapter-1/"' in page and 'href="/es/chapter-2/"' in page
    assert "El nuevo orden internacional del siglo XXI" in client.get("/es/chapter-1/").content.decode()
    draft = client.get("/es/chapter-2/")  # translated as a draft, not published yet
    assert draft.status_code == 200 and NOTE in draft.content.decode()
    assert client.get("/es/authors/").status_code == 200
    assert "Lineamientos" not in client.get("/en/").content.decode()
    assert '<a href="/es/" hreflang="es" lang="es">' in client.get("/en/").content.decode()


def test_a_records_book_section_url_follows_the_readers_language():
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    with translation.override("es"):
        assert book_section(agreement) == "/es/chapter-3/#trade-agreements"
    with translation.override("en"):
        assert book_section(agreement) == "/en/chapter-3/#trade-agreements"


@pytest.mark.parametrize("path", ["//evil.com/es/x", "///evil.com/es/x", "/\\evil.com/es/x", "/es//evil.com/x"])
def test_the_404_pages_language_links_stay_on_this_site(client, path):
    # The path as a server receives it (the test client would read "//host" as a host).
    response = client.get("/", PATH_INFO=path)
    assert response.status_code == 404
    links = re.findall(r'<a href="([^"]*)" hreflang="(\w+)"', response.content.decode())
    assert len(links) == 2 and all(re.match(r"^/(en|es)/", url) and "evil" not in url for url, _code in links)
    alternates = re.findall(r'<link rel="alternate" hreflang="\w+" href="([^"]*)"', response.content.decode())
    assert all(url.startswith("http://testserver/") for url in alternates)
