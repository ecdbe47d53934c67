"""Citations rendered by citeproc-py with the official APA 7 and Chicago author-date styles, from the
same CSL data the files carry."""

import json
import logging
import warnings

import pytest

from portal.citations import render
from tests.citations.test_downloads import TARGETS, expected

pytestmark = pytest.mark.django_db

APA_BOOK = (
    "Novak, F., & Namihás, S. (2022). Political guidelines and approaches of Peruvian foreign policy in the new "
    "21st-century order (on the bicentennial of the MRE). Instituto de Estudios Internacionales (IDEI), Pontificia "
    "Universidad Católica del Perú; Konrad Adenauer Stiftung. http://testserver/en/"
)
APA_BOOK_HTML = (
    "Novak, F., &amp; Namihás, S. (2022). <i>Political guidelines and approaches of Peruvian foreign policy in the "
    "new 21st-century order (on the bicentennial of the MRE)</i>. Instituto de Estudios Internacionales (IDEI), "
    "Pontificia Universidad Católica del Perú; Konrad Adenauer Stiftung. http://testserver/en/"
)
CHICAGO_BOOK = (
    "Novak, Fabián, and Sandra Namihás. 2022. Political Guidelines and Approaches of Peruvian Foreign Policy in the "
    "New 21st-century Order (on the Bicentennial of the MRE). Instituto de Estudios Internacionales (IDEI), "
    "Pontificia Universidad Católica del Perú; Konrad Adenauer Stiftung. http://testserver/en/."
)


def csl_item(client, target, language):
    path, query, _facts = expected(target, language)
    [item] = json.loads(client.get(f"/{language}{path}cite.json{query}").content)
    return item


def test_apa_for_the_book(client):
    apa = render.render(csl_item(client, "book", "en"), "apa", "en")
    assert apa.text == APA_BOOK
    assert apa.html == APA_BOOK_HTML


def test_apa_for_the_book_in_spanish(client):
    apa = render.render(csl_item(client, "book", "es"), "apa", "es")
    # The book's own (English) title; the address of the Spanish page.
    assert apa.text == APA_BOOK.replace("/en/", "/es/")


def test_chicago_for_the_book(client):
    chicago = render.render(csl_item(client, "book", "en"), "chicago", "en")
    # Full given names (initialize="false"), as Chicago writes them.
    assert chicago.text == CHICAGO_BOOK
    assert render.render(csl_item(client, "book", "es"), "chicago", "es").text.startswith(
        "Novak, Fabián, y Sandra Namihás. 2022."
    )


def test_a_chapter(client):
    item = csl_item(client, "chapter", "en")
    assert render.render(item, "apa", "en").text == (
        "Novak, F., & Namihás, S. (2022). Strengthening and modernizing of Peruvian foreign policy guidelines and "
        "approaches. In Political guidelines and approaches of Peruvian foreign policy in the new 21st-century order "
        "(on the bicentennial of the MRE) (Chapter 3). Instituto de Estudios Internacionales (IDEI), Pontificia "
        "Universidad Católica del Perú; Konrad Adenauer Stiftung. http://testserver/en/chapter-3/"
    )
    # en-US puts the period inside the quotation marks.
    assert "“Strengthening and Modernizing of Peruvian Foreign Policy Guidelines and Approaches.” Chap. 3 in" in (
        render.render(item, "chicago", "en").text
    )


def test_a_chapter_in_spanish(client):
    item = csl_item(client, "chapter", "es")
    apa = render.render(item, "apa", "es").text
    chicago = render.render(item, "chicago", "es").text
    assert " En Political guidelines and approaches" in apa
    # es-ES leaves the punctuation outside the quotation marks; its locale has no Spanish for a chapter's
    # number, which is left out rather than written in English.
    assert "«Strengthening and Modernizing of Peruvian Foreign Policy Guidelines and Approaches». En " in chicago
    assert "Chapter" not in apa and "Chap." not in chicago


def test_a_record_in_both_languages(client):
    english = render.render(csl_item(client, "agreement", "en"), "apa", "en").text
    assert english.startswith(
        "Instituto de Estudios Internacionales (IDEI), Pontificia Universidad Católica del Perú, & Konrad Adenauer "
        "Stiftung. (n.d.). Economic Partnership Agreement between Peru and Japan. Peruvian Foreign Policy in the 21st "
        "Century. Retrieved "
    )
    assert english.endswith(", from http://testserver/en/agreements/peru-japan-epa/")
    # The title once: the publishers are its group author, not repeated as publisher.
    assert english.count("Economic Partnership Agreement") == 1 and english.count("Konrad") == 1
    spanish = render.render(csl_item(client, "agreement", "es"), "apa", "es").text
    assert (
        "(s.\u00a0f.). Acuerdo de Asociación Económica Perú - Japón. La política exterior peruana en el siglo XXI."
        in spanish
    )
    assert "Recuperado " in spanish
    chicago = render.render(csl_item(client, "agreement", "es"), "chicago", "es").text
    # A Spanish title keeps its case in Chicago (no English title case).
    assert "«Acuerdo de Asociación Económica Perú - Japón». La política exterior peruana en el siglo XXI." in chicago


@pytest.mark.parametrize("language", ["en", "es"])
def test_every_citation_renders_without_warnings(client, caplog, language):
    items = [csl_item(client, target, language) for target in TARGETS]
    render._render.cache_clear()
    render._style.cache_clear()
    with caplog.at_level(logging.DEBUG), warnings.catch_warnings():
        warnings.simplefilter("error")
        for item in items:
            for style, rendered in render.render_all(item, language).items():
                assert rendered.text.strip(), (item["id"], style)
                assert item["URL"] in rendered.text
    assert [record for record in caplog.records if record.levelno >= logging.WARNING] == []


def test_text_is_escaped_and_only_the_style_marks_up():
    item = {
        "id": "x",
        "type": "webpage",
        "title": 'A <script>alert("x")</script> & <span class="nocase">co</span>',
        "publisher": "R&D <b>Inc</b>",
        "URL": "https://example.org/?a=1&b=2",
        "language": "en",
    }
    rendered = render.render(item, "apa", "en")
    assert "<script>" not in rendered.html and "<b>" not in rendered.html and "<span" not in rendered.html
    assert "&lt;script&gt;" in rendered.html and "R&amp;D" in rendered.html
    assert 'A <script>alert("x")</script> & <span class="nocase">co</span>' in rendered.text


def test_languages_are_marked_outside_addresses():
    marked = render.mark_languages(
        "Japan. <i>Japan</i>. https://example.org/partners/japan/", [("Japan", "en"), ("Example", "en")]
    )
    assert marked == '<span lang="en">Japan</span>. <i>Japan</i>. https://example.org/partners/japan/'
