import csv
import io
import re

from django.conf import settings

from wagtail.models import Locale

import pytest

from agreements.models import Agreement
from tests.factories import chapter

pytestmark = pytest.mark.django_db

PO_FILE = settings.BASE_DIR / "locale" / "es" / "LC_MESSAGES" / "django.po"


def _links(html):
    return set(re.findall(r'href="(/[a-z]{2}/[^"#?]*)', html))


def test_the_spanish_home_page_speaks_spanish(client):
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    for words in ["Acuerdos", "Asociaciones", "Iniciativas", "En cifras", "Leer el libro", "Datos de la publicación"]:
        assert words in html, words
    assert "978-9972-671-91-3" in html


def test_root_follows_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-PE,es;q=0.9")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/")["Location"] == "/en/"


def test_an_untranslated_chapter_is_served_in_english_with_a_note_and_spanish_links(client):
    response = client.get("/es/chapter-2/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Esta página aún no ha sido traducida" in html
    assert "José Bernardo de Tagle" in html
    # Only the language switcher and the hreflang alternates point back to English.
    assert {link for link in _links(html) if link.startswith("/en/")} == {"/en/chapter-2/"}
    assert 'rel="next" href="/es/chapter-3/"' in html


def test_a_chapter_translated_by_an_editor_is_served_in_spanish(client):
    english = chapter(1)
    spanish = english.copy_for_translation(Locale.objects.get(language_code="es"), copy_parents=True)
    spanish.title = "El nuevo orden internacional del siglo XXI y las reformas de la Cancillería"
    spanish.save_revision().publish()
    html = client.get("/es/chapter-1/").content.decode()
    assert "El nuevo orden internacional del siglo XXI" in html
    assert "Esta página aún no ha sido traducida" not in html
    assert "El nuevo orden internacional" not in client.get("/en/chapter-1/").content.decode()


def test_the_language_switcher_keeps_the_page_and_its_filters(client):
    html = client.get("/en/agreements/", {"status": "in_force", "country": "JP"}).content.decode()
    assert 'href="/es/agreements/?status=in_force&amp;country=JP"' in html
    assert 'hreflang="es" href="http://testserver/es/agreements/?status=in_force&amp;country=JP"' in html
    assert 'hreflang="en"' in html


def test_a_spanish_filtered_listing_has_spanish_labels_and_the_same_results(client):
    english = client.get("/en/agreements/", {"status": "in_force", "country": "JP"})
    spanish = client.get("/es/agreements/", {"status": "in_force", "country": "JP"})
    assert [a.slug for a in spanish.context["page_obj"]] == [a.slug for a in english.context["page_obj"]]
    assert len(spanish.context["page_obj"]) == 2  # the Japan EPA and the CPTPP
    html = spanish.content.decode()
    for words in ["Estado actual", "Código de país", "Aplicar filtros", "2 resultados", "En vigor"]:
        assert words in html, words
    assert "Acuerdo de Asociación Económica" in html  # the agreement's Spanish name


def test_a_spanish_export_has_spanish_headers_and_the_same_rows(client):
    spanish = list(csv.reader(io.StringIO(client.get("/es/agreements/export.csv?status=negotiating").content.decode())))
    english = list(csv.reader(io.StringIO(client.get("/en/agreements/export.csv?status=negotiating").content.decode())))
    assert spanish[0][:3] == ["identificador", "título", "título_es"]
    assert english[0][:3] == ["slug", "title", "title_es"]
    assert len(spanish) == len(english) == 5
    assert [row[0] for row in spanish[1:]] == [row[0] for row in english[1:]]
    json_es = client.get("/es/agreements/export.json?status=negotiating").json()
    assert json_es["count"] == 4 and "title" in json_es["results"][0]


def test_a_record_without_spanish_text_shows_english_with_a_note(client):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    agreement.title_es = ""
    agreement.save_revision().publish()
    html = client.get("/es/agreements/peru-japan-epa/").content.decode()
    assert "Economic Partnership Agreement between Peru and Japan" in html
    assert "aún no ha sido traducida al español" in html


def test_spanish_search_ignores_accents(client):
    response = client.get("/es/search/", {"q": "japon", "type": "partners"})
    assert response.context["groups"][0]["total"] == 1
    sections = client.get("/es/search/", {"q": "Ancash", "type": "sections"}).context["groups"][0]["hits"]
    assert sections[0].url.startswith("/es/chapter-3/#")


def test_the_catalogue_is_complete():
    import polib

    catalogue = polib.pofile(str(PO_FILE))
    assert catalogue.percent_translated() == 100
    assert not catalogue.fuzzy_entries()
    assert (PO_FILE.parent / "django.mo").exists()
