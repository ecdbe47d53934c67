"""The book in Spanish: its pages translated (wagtail-localize) at the same addresses under /es/, said
to be the portal's translation; a page not translated yet is served in English with a note under
/es/, and every link on it stays under /es/."""

import re

from django.test import RequestFactory
from django.utils import translation

from wagtail.models import Locale, Page
from wagtail.rich_text import expand_db_html

import pytest
from wagtail_localize.models import Translation, TranslationSource

from agreements.models import Agreement
from portal.book.models import ChapterPage
from portal.foundations.i18n import book_section, page_url
from tests.factories import chapter, home_page

pytestmark = pytest.mark.django_db

NOTE = "Esta página aún no ha sido traducida"
TRANSLATION_NOTE = "Este texto es la traducción propia del portal"


def _links(html):
    """Every internal link with a language prefix, without its fragment or query."""
    return set(re.findall(r'href="(?:http://testserver)?(/[a-z]{2}/[^"#?]*)', html))


def _switcher_and_alternates(html):
    """The links of the language switcher and the hreflang alternates, which alone may change language."""
    return set(re.findall(r'<link rel="alternate" hreflang="[a-z]+" href="http://testserver(/[^"]*)"', html)) | set(
        re.findall(r'<a href="(/[^"]*)" hreflang=', html)
    )


@pytest.fixture
def untranslated_chapter():
    """A chapter an editor has just added in English and nobody has translated yet."""
    page = ChapterPage(
        title="A new chapter, in English only",
        slug="chapter-4",
        number="IV",
        body=[{"type": "section", "value": {"heading": "Only in English", "anchor": "only", "content": []}}],
    )
    home_page().add_child(instance=page)
    page.save_revision().publish()
    return page


def test_the_book_is_served_in_spanish_under_the_same_addresses(client):
    for path in ["/es/", "/es/chapter-1/", "/es/chapter-2/", "/es/chapter-3/", "/es/authors/"]:
        html = client.get(path).content.decode()
        assert '<html lang="es">' in html and NOTE not in html, path
        assert TRANSLATION_NOTE in html, path
        leaks = {link for link in _links(html) if link.startswith("/en/")}
        assert leaks <= _switcher_and_alternates(html), (path, leaks)
    home = client.get("/es/").content.decode()
    assert '<h1 id="book-title">Lineamientos' in home
    # The report's own title stays beside ours, marked as English.
    assert '<cite lang="en">Political guidelines and approaches' in home
    chapter_three = client.get("/es/chapter-3/").content.decode()
    assert 'id="health-diplomacy"' in chapter_three and "Diplomacia sanitaria" in chapter_three
    assert TRANSLATION_NOTE not in client.get("/en/chapter-3/").content.decode()


@pytest.mark.parametrize("path", ["/es/chapter-4/"])
def test_an_untranslated_page_is_served_in_english_with_a_note_and_spanish_links(client, untranslated_chapter, path):
    response = client.get(path)
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="es">' in html
    assert NOTE in html
    assert '<h1 lang="en">A new chapter, in English only' in html
    leaks = {link for link in _links(html) if link.startswith("/en/")}
    assert leaks <= _switcher_and_alternates(html), leaks
    assert '<li><a href="/es/">Inicio</a></li>' in html  # the breadcrumbs stay in Spanish
    assert 'rel="prev" href="/es/chapter-3/"' in html


def test_records_link_to_the_book_in_spanish(client):
    html = client.get("/es/agreements/peru-japan-epa/").content.decode()
    assert '<a href="/es/chapter-3/#trade-agreements">Leer la sección del libro: III. Acuerdos comerciales</a>' in html
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


def test_a_draft_translation_is_not_served(client, untranslated_chapter):
    source, _created = TranslationSource.get_or_create_from_instance(untranslated_chapter)
    Translation.objects.create(source=source, target_locale=Locale.objects.get(language_code="es")).save_target(
        publish=False
    )
    html = client.get("/es/chapter-4/").content.decode()
    assert NOTE in html and "Only in English" in html


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
