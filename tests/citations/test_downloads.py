"""The citation files at each page's address + cite.bib, cite.ris and cite.json: the book, a chapter, a
section and every cited record type, in both languages; what reference managers read back from them."""

import json
import re

from django.utils import timezone, translation

import bibtexparser
import pytest
import rispy

from agreements.models import Agreement, Partner
from diplomacy.models import Area, Initiative
from tests.factories import make_agreement

pytestmark = pytest.mark.django_db

BOOK_TITLE = (
    "Political guidelines and approaches of Peruvian foreign policy in the new 21st-century order "
    "(on the bicentennial of the MRE)"
)
CHAPTER_3 = "Strengthening and modernizing of Peruvian foreign policy guidelines and approaches"
PUBLISHERS = (
    "Instituto de Estudios Internacionales (IDEI), Pontificia Universidad Católica del Perú; Konrad Adenauer Stiftung"
)
ISBN = "978-9972-671-91-3"
AUTHORS = [("Novak", "Fabián"), ("Namihás", "Sandra")]
FORMATS = {
    "bib": "application/x-bibtex; charset=utf-8",
    "ris": "application/x-research-info-systems; charset=utf-8",
    "json": "application/vnd.citationstyles.csl+json; charset=utf-8",
}
LANGUAGES = ["en", "es"]


def records():
    """One record of every cited type: (key, record, its page's path without the language)."""
    return {
        "agreement": Agreement.objects.get(slug="peru-japan-epa"),
        "partner": Partner.objects.get(slug="japan"),
        "initiative": Initiative.objects.get(slug="career-vice-minister"),
        "area": Area.objects.get(slug="health"),
    }


def expected(target, language):
    """(path of the page, query, what the file should say) for a target in a language."""
    if target == "book":
        return "/", "", {"type": "book", "title": BOOK_TITLE, "url": f"http://testserver/{language}/", "book": True}
    if target == "chapter":
        return (
            "/chapter-3/",
            "",
            {"type": "chapter", "title": CHAPTER_3, "url": f"http://testserver/{language}/chapter-3/"},
        )
    if target == "section":
        url = f"http://testserver/{language}/chapter-3/#health-diplomacy"
        return "/chapter-3/", "?section=health-diplomacy", {"type": "chapter", "title": CHAPTER_3, "url": url}
    record = records()[target]
    with translation.override(language):
        path, title = record.get_absolute_url(), record.citation_title()
    return path[3:], "", {"type": "webpage", "title": title, "url": f"http://testserver{path}"}


def fetch(client, target, language, format):
    path, query, facts = expected(target, language)
    response = client.get(f"/{language}{path}cite.{format}{query}")
    assert response.status_code == 200, (target, language, format)
    assert response["Content-Type"] == FORMATS[format]
    disposition = response["Content-Disposition"]
    assert re.fullmatch(rf'attachment; filename="[a-z0-9-]+\.{format}"', disposition), disposition
    return response.content.decode("utf-8"), facts


TARGETS = ["book", "chapter", "section", "agreement", "partner", "initiative", "area"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("target", TARGETS)
def test_bibtex(client, target, language):
    text, facts = fetch(client, target, language, "bib")
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    [entry] = library.entries
    fields = {name: field.value for name, field in entry.fields_dict.items()}
    assert entry.entry_type == {"book": "book", "chapter": "incollection", "webpage": "misc"}[facts["type"]]
    assert fields["title"].replace("{", "").replace("}", "") == facts["title"]
    assert fields["url"] == facts["url"]
    assert fields["publisher"] == PUBLISHERS
    if facts["type"] == "webpage":
        assert fields["urldate"] == timezone.localdate().isoformat()
        assert "ISBN 978-9972-671-91-3" in fields["note"] and BOOK_TITLE in fields["note"]
        assert "author" not in fields
    else:
        assert fields["author"] == "Novak, Fabián and Namihás, Sandra"
        assert fields["year"] == "2022"
        assert fields["isbn"] == ISBN
        assert fields["address"] == "Lima"
    if facts["type"] == "chapter":
        assert fields["booktitle"].replace("{", "").replace("}", "") == BOOK_TITLE
        assert fields["chapter"] == "3"
    if target == "section":
        assert "Health diplomacy" in fields["note"]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("target", TARGETS)
def test_ris(client, target, language):
    text, facts = fetch(client, target, language, "ris")
    [entry] = rispy.loads(text)
    assert entry["type_of_reference"] == {"book": "BOOK", "chapter": "CHAP", "webpage": "ELEC"}[facts["type"]]
    assert entry["title"] == facts["title"]
    assert entry["urls"] == [facts["url"]]
    assert entry["publisher"] == PUBLISHERS
    if facts["type"] == "webpage":
        assert entry["access_date"] == timezone.localdate().strftime("%Y/%m/%d")
        assert entry["secondary_title"] in {
            "Peruvian foreign policy in the 21st century",
            "La política exterior peruana en el siglo XXI",
        }
        assert BOOK_TITLE in entry["notes"][0]
    else:
        assert entry["authors"] == ["Novak, Fabián", "Namihás, Sandra"]
        assert entry["year"] == "2022"
        assert entry["issn"] == ISBN  # RIS's SN: the ISBN of a book
        assert entry["place_published"] == "Lima"
    if facts["type"] == "chapter":
        assert entry["secondary_title"] == BOOK_TITLE
        assert entry["section"] == "3"
    if target == "section":
        assert "Health diplomacy" in entry["notes"][0]


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("target", TARGETS)
def test_csl_json(client, target, language):
    text, facts = fetch(client, target, language, "json")
    [item] = json.loads(text)
    assert {"id", "type", "title", "URL", "publisher", "language"} <= set(item)
    assert item["type"] == facts["type"]
    assert item["title"] == facts["title"]
    assert item["URL"] == facts["url"]
    assert item["publisher"] == PUBLISHERS
    if facts["type"] == "webpage":
        assert {"container-title", "accessed", "note"} <= set(item)
        assert item["accessed"] == {"date-parts": [list(timezone.localdate().timetuple()[:3])]}
        assert item["language"] == language
    else:
        assert item["author"] == [{"family": family, "given": given} for family, given in AUTHORS]
        assert item["issued"] == {"date-parts": [[2022]]}
        assert item["ISBN"] == ISBN
        assert item["publisher-place"] == "Lima"
        # The book's own title is its English one, on Spanish pages too.
        assert item["language"] == "en"
    if facts["type"] == "chapter":
        assert item["container-title"] == BOOK_TITLE
        assert item["chapter-number"] == "3"
    if target == "section":
        assert item["section"] == "Health diplomacy"


def test_spanish_records_are_cited_by_their_spanish_titles(client):
    [item] = json.loads(client.get("/es/agreements/peru-japan-epa/cite.json").content)
    assert item["title"] == "Acuerdo de Asociación Económica Perú - Japón"
    assert item["container-title"] == "La política exterior peruana en el siglo XXI"
    [item] = json.loads(client.get("/es/partners/japan/cite.json").content)
    assert item["title"] == "Japón"


def test_a_record_without_spanish_is_cited_by_its_english_title_marked_english(client):
    agreement = make_agreement(slug="only-english", title="An agreement only in English")
    [item] = json.loads(client.get(f"/es/agreements/{agreement.slug}/cite.json").content)
    assert item["title"] == "An agreement only in English"
    assert item["language"] == "en"


def test_drafts_are_not_cited(client):
    draft = Agreement(slug="a-draft", title="A draft agreement", kind="free_trade", status="negotiating", live=False)
    draft.save()
    assert client.get("/en/agreements/a-draft/cite.bib").status_code == 404
    published = make_agreement(slug="then-unpublished")
    assert client.get("/en/agreements/then-unpublished/cite.ris").status_code == 200
    published.unpublish()
    assert client.get("/en/agreements/then-unpublished/cite.ris").status_code == 404


def test_an_unpublished_chapter_is_not_cited(client):
    from tests.factories import chapter

    chapter(2).unpublish()
    assert client.get("/en/chapter-2/cite.bib").status_code == 404
    assert client.get("/en/chapter-3/cite.bib").status_code == 200


@pytest.mark.parametrize(
    "path",
    [
        "/en/cite.xml",
        "/en/cite.",
        "/en/chapter-3/cite.pdf",
        "/en/chapter-3/cite.bib.bak",
        "/en/agreements/peru-japan-epa/cite.csv",
        "/es/diplomacy/health/cite.txt",
        "/en/chapter-3/cite.bib?section=no-such-section",
        "/en/chapter-3/cite.ris?section=",
        "/en/chapter-9/cite.bib",
        "/en/authors/cite.bib",
        "/en/agreements/no-such-agreement/cite.json",
        "/en/agreements/timeline/cite.json",
        "/en/partners/no-such-partner/cite.bib",
        "/en/initiatives/no-such-initiative/cite.ris",
        "/en/diplomacy/no-such-area/cite.json",
    ],
)
def test_what_is_not_cited_is_not_found(client, path):
    assert client.get(path).status_code == 404


def test_the_addresses_beside_them_still_work(client):
    assert client.get("/en/agreements/export.csv").status_code == 200
    assert client.get("/en/agreements/export.json").status_code == 200
    assert client.get("/en/agreements/timeline/").status_code == 200
    assert client.get("/en/chapter-3/").status_code == 200


def test_only_safe_methods(client):
    assert client.head("/en/cite.bib").status_code == 200
    assert client.post("/en/cite.bib").status_code == 405
    assert client.post("/en/agreements/peru-japan-epa/cite.ris").status_code == 405


def test_a_section_of_another_language_page_keeps_its_anchor(client):
    [item] = json.loads(client.get("/es/chapter-3/cite.json?section=health-diplomacy").content)
    assert item["URL"] == "http://testserver/es/chapter-3/#health-diplomacy"
    assert item["section"] == "Health diplomacy"  # the heading in the book's own language


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_open_data_is_cited_as_a_versioned_data_set_naming_the_book(client, language):
    path = f"/{language}/data/"
    (item,) = json.loads(client.get(f"{path}cite.json").content)
    assert item["type"] == "dataset" and item["version"] == "1.0.0"
    assert item["URL"] == f"http://testserver{path}"
    assert item["publisher"] == PUBLISHERS and ISBN in item["note"]
    (entry,) = rispy.loads(client.get(f"{path}cite.ris").content.decode())
    assert entry["urls"] == [f"http://testserver{path}"] and entry["publisher"] == PUBLISHERS
    library = bibtexparser.parse_string(client.get(f"{path}cite.bib").content.decode())
    assert not library.failed_blocks and len(library.entries) == 1
    page = client.get(path).content.decode()
    assert "[Dataset]" in page and f"{path}cite.bib" in page
    assert ("datos abiertos" if language == "es" else "open data") in page[page.index('id="cite-apa"') :][:800]
