"""/es/ serves the whole site in Spanish: the interface, the filtered listings and their exports,
the records' Spanish text (English with a note where it is missing) and the search."""

import csv
import io
import json
import re

from django.utils import translation
from django.utils.translation import gettext

import pytest
from openpyxl import load_workbook

from agreements.models import Agreement, Partnership
from diplomacy.models import Initiative
from tests.data.reading import content

pytestmark = pytest.mark.django_db


def test_the_spanish_home_page_speaks_spanish(client):
    html = client.get("/es/").content.decode()
    assert '<html lang="es">' in html
    for words in ["Acuerdos", "Asociaciones", "Iniciativas", "En cifras", "Leer el libro", "Datos de la publicación"]:
        assert words in html, words
    assert "978-9972-671-91-3" in html
    english = client.get("/en/").content.decode()
    assert "Leer el libro" not in english and "Read the book" in english


def test_root_follows_the_browsers_language(client):
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es-PE,es;q=0.9")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="es")["Location"] == "/es/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="en-GB,en;q=0.9")["Location"] == "/en/"
    assert client.get("/", HTTP_ACCEPT_LANGUAGE="de-DE")["Location"] == "/en/"
    assert client.get("/")["Location"] == "/en/"


def test_a_spanish_filtered_listing_has_spanish_labels_and_the_same_results(client):
    english = client.get("/en/agreements/", {"status": "in_force", "country": "JP"})
    spanish = client.get("/es/agreements/", {"status": "in_force", "country": "JP"})
    slugs = [a.slug for a in spanish.context["page_obj"]]
    assert slugs == [a.slug for a in english.context["page_obj"]]
    assert slugs == ["peru-japan-epa", "cptpp"]
    html = spanish.content.decode()
    for words in [
        '<label for="id_status">Estado</label>',
        '<label for="id_country">País</label>',
        '<option value="JP" selected>Japón</option>',
        "Aplicar filtros",
        "2 resultados",
        "Vigente",
        "Filtros activos",
    ]:
        assert words in html, words
    assert "Acuerdo de Asociación Económica Perú - Japón" in html  # the agreement's Spanish name
    assert "Apply filters" not in html and "Current status" not in html


def test_a_spanish_listing_reports_bad_input_in_spanish(client):
    html = client.get("/es/agreements/", {"year_from": "abc", "country": "JAPAN"}).content.decode()
    with translation.override("es"):
        year = gettext("“%(value)s” is not a year: type a year such as 2015.") % {"value": "abc"}
        country = gettext("“%(value)s” is not a country code: choose a country from the list.") % {"value": "JAPAN"}
    assert year in html and country in html
    assert "Enter a whole number." not in html and "Introduzca un número entero." not in html


@pytest.mark.parametrize("path", ["/agreements/", "/initiatives/", "/partnerships/"])
def test_filters_take_the_same_parameters_in_both_languages(client, path):
    query = {"country": "JP"} if path != "/partnerships/" else {"region": "asia"}
    english = client.get(f"/en{path}", query)
    spanish = client.get(f"/es{path}", query)
    assert english.status_code == spanish.status_code == 200
    assert len(spanish.context["filter"].qs) == len(english.context["filter"].qs) > 0


def test_a_spanish_export_has_the_same_keys_and_rows_with_spanish_texts(client):
    spanish = list(
        csv.reader(io.StringIO(content(client.get("/es/agreements/export.csv?status=negotiating")).decode("utf-8-sig")))
    )
    english = list(
        csv.reader(io.StringIO(content(client.get("/en/agreements/export.csv?status=negotiating")).decode("utf-8-sig")))
    )
    assert spanish[0] == english[0]
    assert english[0][:7] == ["slug", "title", "short_name", "kind", "kind_label", "status", "status_label"]
    assert len(spanish) == len(english) == 5  # the header and the book's four agreements under negotiation
    assert [row[0] for row in spanish[1:]] == [row[0] for row in english[1:]]
    assert {row[5] for row in spanish[1:]} == {"negotiating"}  # codes stay codes, as in the filters
    assert {row[6] for row in spanish[1:]} == {"En negociación"} != {row[6] for row in english[1:]}


def test_a_spanish_excel_export_has_the_same_header(client):
    response = client.get("/es/agreements/export.xlsx", {"status": "negotiating"})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("slug", "title", "short_name")
    assert len(rows) == 5
    assert sheet.title == "Acuerdos comerciales"


def test_the_json_export_keeps_its_keys_in_spanish(client):
    spanish = json.loads(content(client.get("/es/agreements/export.json", {"status": "negotiating"})))
    english = json.loads(content(client.get("/en/agreements/export.json", {"status": "negotiating"})))
    assert spanish["count"] == english["count"] == 4
    assert list(spanish["results"][0]) == list(english["results"][0])


def test_a_record_without_spanish_text_shows_english_with_a_note(client):
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    agreement.title_es = ""
    agreement.save_revision().publish()
    html = client.get("/es/agreements/peru-japan-epa/").content.decode()
    assert '<h1 lang="en">Economic Partnership Agreement between Peru and Japan</h1>' in html
    assert "aún no ha sido traducida al español" in html
    listing = client.get("/es/agreements/", {"country": "JP", "status": "in_force"}).content.decode()
    assert 'lang="en">Economic Partnership Agreement between Peru and Japan</a>' in listing
    assert "aún no ha sido traducida" not in client.get("/en/agreements/peru-japan-epa/").content.decode()


def test_an_initiative_without_spanish_description_shows_it_in_english(client):
    initiative = Initiative.objects.get(slug="lima-commitment")
    initiative.description_es = ""
    initiative.save_revision().publish()
    html = client.get("/es/initiatives/lima-commitment/").content.decode()
    assert "aún no ha sido traducida al español" in html
    assert re.search(r'<div class="prose" lang="en"><p>[^<]*' + re.escape(initiative.description[:40]), html)
    assert 'lang="en"' not in re.search(r"<h1[^>]*>", html).group(0)  # the title is translated


def test_a_translated_record_has_no_note(client):
    html = client.get("/es/initiatives/lima-commitment/").content.decode()
    assert "aún no ha sido traducida" not in html
    assert "Compromiso de Lima" in html


def test_dates_are_written_the_spanish_way(client):
    initiative = Initiative.objects.get(slug="ungass-2021")
    assert initiative.when == "June 6, 2021"
    html = client.get("/es/initiatives/ungass-2021/").content.decode()
    assert "6 de junio de 2021" in html


def test_the_books_wording_is_in_spanish_and_english_only_where_untranslated(client):
    html = client.get("/es/partnerships/").content.decode()
    assert "entre 2014 y 2016" in html and '<span lang="en">between 2014 and 2016</span>' not in html
    mexico = Partnership.objects.get(slug="mexico")
    mexico.years_label_es = ""
    mexico.save()
    html = client.get("/es/partnerships/").content.decode()
    assert '<span lang="en">between 2014 and 2016</span>' in html
    assert '<span lang="en">2016</span>' not in html


def test_spanish_search_ignores_accents(client):
    response = client.get("/es/search/", {"q": "japon", "type": "partners"})
    assert response.context["results"]["groups"][0]["total"] == 1
    assert response.context["results"]["groups"][0]["hits"][0].title == "Japón"
    sections = client.get("/es/search/", {"q": "Ancash", "type": "sections"}).context["results"]["groups"][0]["hits"]
    assert sections and sections[0].url.startswith("/es/chapter-3/#")
    assert "Áncash" in sections[0].snippet
    assert sections[0].lang == "es"  # the Spanish chapter's own text
    assert (
        client.get("/es/search/", {"q": "peru"}).context["results"]["total"]
        == client.get("/es/search/", {"q": "Perú"}).context["results"]["total"]
        > 0
    )
    html = client.get("/es/search/", {"q": "japon"}).content.decode()
    assert "resultados para “japon”" in html


@pytest.mark.parametrize(
    "words, section, record",
    [
        ("alianza del pacifico", "/es/chapter-3/#", ("agreements", "pacific-alliance-additional-protocol")),
        ("OCDE", "/es/chapter-", None),
        ("diplomacia sanitaria", "/es/chapter-3/#health-diplomacy", None),
        ("vacunas", "/es/chapter-3/#", ("initiatives", None)),
        ("acuerdos", "/es/chapter-3/#", ("agreements", "peru-japan-epa")),
    ],
)
def test_spanish_words_find_spanish_sections_and_records(client, words, section, record):
    results = client.get("/es/search/", {"q": words}).context["results"]
    groups = {group["name"]: group for group in results["groups"]}
    assert any(hit.url.startswith(section) and hit.lang == "es" for hit in groups["sections"]["hits"]), words
    if record:
        kind, slug = record
        hits = client.get("/es/search/", {"q": words, "type": kind}).context["results"]["groups"][0]
        assert hits["total"] > 0, words
        if slug:
            found = client.get("/es/search/", {"q": words, "type": kind, "page": "1"}).context["results"]
            urls = [hit.url for hit in found["groups"][0]["hits"]]
            assert any(f"/{slug}/" in url for url in urls) or hits["total"] > len(urls), (words, urls)


def test_a_plural_finds_the_singular():
    from portal.foundations.folding import terms_of

    assert terms_of("acuerdos vacunas países naciones agreements countries") == [
        "acuerdo",
        "vacuna",
        "pais",
        "nacion",
        "agreement",
        "countr",
    ]
    assert terms_of("crisis atlantis virus class") == ["crisis", "atlantis", "virus", "class"]
