"""The book in numbers: how each figure's number and unit read in both languages, the cards by area,
the comparisons the book makes drawn as bars with their numbers as text."""

import re
from decimal import Decimal

from django.utils import translation
from django.utils.translation import trans_real

import pytest

from diplomacy.figure_charts import COMPARISONS, FiguresByArea
from diplomacy.figure_wording import amount, ordinal, unit_words
from diplomacy.models import Area, KeyFigure
from tests.factories import make_figure

# Entries the Spanish catalogue gets when the new strings are translated: the tests add them to this
# process's catalogue (and take them out again) to check how the translated wording is put together.
SPANISH = {
    ("office", 0): "oficina",
    ("office", 1): "oficinas",
    ("body", 0): "órgano",
    ("body", 1): "órganos",
    "of %(total)s %(unit)s": "de %(total)s %(unit)s",
}


@pytest.fixture
def spanish_catalogue():
    catalogue = trans_real.translation("es")._catalog
    missing = object()
    kept = {key: catalogue.get(key, missing) for key in SPANISH}
    for key, value in SPANISH.items():
        catalogue[key] = value
    yield
    for key, value in kept.items():
        if value is missing:
            catalogue._catalogs[0].pop(key, None)
        else:
            catalogue[key] = value


def figure(unit="", unit_es="", value=12, **fields):
    """An unsaved figure: the wording needs no database."""
    return KeyFigure(unit=unit, unit_es=unit_es, value=Decimal(value), **fields)


@pytest.mark.parametrize(
    ("number", "english", "spanish"),
    [
        (1, "1st", "1.º"),
        (2, "2nd", "2.º"),
        (3, "3rd", "3.º"),
        (4, "4th", "4.º"),
        (11, "11th", "11.º"),
        (12, "12th", "12.º"),
        (13, "13th", "13.º"),
        (16, "16th", "16.º"),
        (21, "21st", "21.º"),
        (22, "22nd", "22.º"),
        (101, "101st", "101.º"),
        (111, "111th", "111.º"),
        (112, "112th", "112.º"),
    ],
)
def test_ordinals_in_both_languages(number, english, spanish):
    assert ordinal(number, "en") == english
    assert ordinal(number, "es") == spanish
    with translation.override("es"):
        assert ordinal(number) == spanish


def test_a_place_in_a_ranking_reads_as_an_ordinal():
    place = figure("rank", "puesto", 16)
    with translation.override("en"):
        assert amount(place) == "16th" and unit_words(place) == ""
    with translation.override("es"):
        assert amount(place) == "16.º" and unit_words(place) == ""


def test_a_place_in_a_ranking_of_known_size(spanish_catalogue):
    place = figure("rank", "puesto", 16)
    place.ranked_among = figure("ministries", "cancillerías", 50)
    with translation.override("en"):
        assert f"{amount(place)} {unit_words(place)}" == "16th of 50 ministries"
    with translation.override("es"):
        assert f"{amount(place)} {unit_words(place)}" == "16.º de 50 cancillerías"


def test_a_rankings_size_waits_for_its_translation():
    place = figure("rank", "puesto", 16)
    place.ranked_among = figure("ministries", "cancillerías", 50)
    catalogue = trans_real.translation("es")._catalog
    if catalogue.get("of %(total)s %(unit)s"):
        pytest.skip("the Spanish catalogue translates the phrase")
    with translation.override("es"):
        assert (amount(place), unit_words(place)) == ("16.º", "")


def test_counts_take_the_singular_or_plural_their_number_needs(spanish_catalogue):
    with translation.override("en"):
        assert unit_words(figure("offices", "oficinas", 12)) == "offices"
        assert unit_words(figure("offices", "oficinas", 1)) == "office"
        assert unit_words(figure("bodies", "órganos", 1)) == "body"
        assert unit_words(figure("bodies", "órganos", 2)) == "bodies"
        assert unit_words(figure("people", "personas", 1)) == "person"
    with translation.override("es"):
        assert unit_words(figure("offices", "oficinas", 12)) == "oficinas"
        assert unit_words(figure("offices", "oficinas", 1)) == "oficina"
        assert unit_words(figure("bodies", "órganos", 2)) == "órganos"


def test_a_unit_without_its_translation_is_the_records_own():
    """A unit the portal does not know, or one the catalogue does not translate yet, reads as the
    editors wrote it."""
    with translation.override("en"):
        assert unit_words(figure("widgets", "artilugios", 3)) == "widgets"
    with translation.override("es"):
        assert unit_words(figure("widgets", "artilugios", 3)) == "artilugios"
        assert unit_words(figure("terms", "", 3)) in ("terms", "períodos")


def test_shares_and_money_carry_their_sign_in_the_number():
    share, money = figure("%", "%", 90), figure("USD", "USD", 89790324)
    with translation.override("en"):
        assert (amount(share), unit_words(share)) == ("90%", "")
        assert (amount(money), unit_words(money)) == ("USD 89,790,324", "")
    with translation.override("es"):
        assert amount(share) == "90\u00a0%"
        assert unit_words(money) == ""


def test_a_figure_with_decimals_keeps_them():
    with translation.override("en"):
        assert amount(figure("people", "personas", "2.5")) == "2.50"
        assert unit_words(figure("people", "personas", "2.5")) == "people"


# The page --------------------------------------------------------------------------------------


def html(client, url):
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def card(page, slug):
    start = page.index(f'id="{slug}"')
    return page[start : page.index("</article>", start)]


def amount_line(page, slug):
    """The line of a card with its number and unit."""
    text = card(page, slug)
    start = text.index('<p class="figure-card__amount">')
    return text[start : text.index("</p>", start)]


@pytest.mark.django_db
def test_rankings_read_as_places_not_units(client):
    page = html(client, "/en/figures/")
    world = card(page, "twiplomacy-world-rank")
    assert re.search(
        r'<span class="figure-value">16th</span> <span class="figure-card__unit">of 50 ministries</span>', world
    )
    latin_america = amount_line(page, "twiplomacy-latin-america-rank")
    assert '<span class="figure-value">1st</span>' in latin_america and "rank" not in latin_america
    assert "rank" not in amount_line(page, "twiplomacy-world-rank")
    spanish = html(client, "/es/figures/")
    assert '<span class="figure-value">16.º</span>' in card(spanish, "twiplomacy-world-rank")
    assert '<span class="figure-value">1.º</span>' in card(spanish, "twiplomacy-latin-america-rank")
    # "de 50 cancillerías" once the catalogue translates the phrase (test_a_place_in_a_ranking_of_known_size);
    # until then no English word in the Spanish line.
    assert " of " not in amount_line(spanish, "twiplomacy-world-rank")


@pytest.mark.django_db
def test_a_ranking_without_its_size_published_gives_no_size(client):
    KeyFigure.objects.get(slug="twiplomacy-world-ranking-size").unpublish()
    world = amount_line(html(client, "/en/figures/"), "twiplomacy-world-rank")
    assert '<span class="figure-value">16th</span>' in world and "of 50" not in world


@pytest.mark.django_db
def test_counts_and_shares_in_words(client):
    page = html(client, "/en/figures/")
    assert '<span class="figure-value">2</span> <span class="figure-card__unit">bodies</span>' in card(
        page, "covid-donations-coordinating-bodies"
    )
    assert '<span class="figure-value">90%</span>' in card(page, "missions-with-facebook-page")
    make_figure(
        area=Area.objects.get(slug="institutional"), slug="one-office", label="One office", value=1, unit="offices"
    )
    assert '<span class="figure-value">1</span> <span class="figure-card__unit">office</span>' in card(
        html(client, "/en/figures/"), "one-office"
    )
    spanish = html(client, "/es/figures/")
    assert '<span class="figure-value">90\u00a0%</span>' in card(spanish, "missions-with-facebook-page")


@pytest.mark.django_db
def test_notes_and_long_breakdowns_are_behind_a_disclosure(client):
    page = html(client, "/en/figures/")
    coers = card(page, "coers")
    assert re.search(
        r'<details class="figure-card__note"><summary>Note</summary><p class="data-note">[^<]*names only fourteen regions',
        coers,
    )
    assert '<details class="figure-card__details"><summary>Breakdown</summary>' in card(page, "trade-agreements")
    short = card(page, "covid-repatriated")
    assert '<p class="figure-card__details">On humanitarian, charter and mixed flights.</p>' in short


@pytest.mark.django_db
def test_areas_count_their_figures(client):
    page = html(client, "/en/figures/")
    assert re.search(r'id="area-digital-heading">.*?<span class="figures-area__count">15 figures</span>', page, re.S)
    assert re.search(r'id="area-science-heading">.*?<span class="figures-area__count">1 figure</span>', page, re.S)


@pytest.mark.django_db
def test_links_shared_by_an_area_are_given_once(client):
    page = html(client, "/en/figures/")
    economic = page[page.index('id="area-economic"') : page.index('id="area-digital"')]
    initiative = KeyFigure.objects.get(slug="trade-agreements").initiative.get_absolute_url()
    assert economic.count(f'href="{initiative}"') == 1
    assert economic.count("In the book:") == 1
    assert "figure-card__links" not in card(page, "trade-agreements")
    # Cards whose links differ keep their own.
    health = card(page, "covid-repatriated")
    assert 'href="/en/initiatives/covid-repatriation/"' in health


@pytest.mark.django_db
def test_the_books_comparisons_are_drawn_with_their_numbers_as_text(client):
    page = html(client, "/en/figures/")
    social = page[page.index('id="area-social"') : page.index('id="area-disaster"')]
    comparison = social[social.index('<figure class="comparison">') : social.index("</figure>")]
    assert "<caption>South-South cooperation projects provided by Peru</caption>" in comparison
    rows = re.findall(
        r'<a href="#([^"]+)">([^<]+)</a>.*?width="([\d.]+)".*?<td class="comparison__value">([^<]+)</td>',
        comparison,
        re.S,
    )
    assert rows == [
        ("south-south-projects-2010", "2010", "44.1", "15"),
        ("south-south-projects-2021", "By 2021", "100.0", "34"),
    ]
    assert 'aria-hidden="true"' in comparison  # the bars; the numbers are the text
    digital = page[page.index('id="area-digital"') : page.index('id="area-science"')]
    assert digital.count('<figure class="comparison">') == 2
    assert "more than 310,000" in digital and "7,898" in digital
    # Bars of different units name theirs; bars of one unit leave it to the caption.
    assert '<td class="comparison__value">59 embassies</td>' in digital
    assert '<td class="comparison__value">450,000</td>' in digital


@pytest.mark.django_db
def test_a_comparison_needs_all_its_figures_published(client):
    KeyFigure.objects.get(slug="south-south-projects-2010").unpublish()
    page = html(client, "/en/figures/")
    social = page[page.index('id="area-social"') : page.index('id="area-disaster"')]
    assert '<figure class="comparison">' not in social


@pytest.mark.django_db
def test_comparisons_name_only_figures_of_the_book():
    slugs = set(KeyFigure.objects.values_list("slug", flat=True))
    for comparison in COMPARISONS:
        assert set(comparison.slugs) <= slugs
        areas = set(KeyFigure.objects.filter(slug__in=comparison.slugs).values_list("area", flat=True))
        assert len(areas) == 1


@pytest.mark.django_db
def test_figures_by_area_reads_nothing_until_used(django_assert_num_queries):
    with django_assert_num_queries(0):
        areas = FiguresByArea(KeyFigure.objects.live().for_listing())
    with django_assert_num_queries(1):
        assert [group.area.slug for group in areas.areas][:2] == ["political", "economic"]
        assert bool(areas)


@pytest.mark.django_db
def test_search_and_feeds_name_a_figure_in_words():
    place = KeyFigure.objects.get(slug="twiplomacy-world-rank")
    with translation.override("en"):
        assert place.public_title() == "16th — Foreign Ministry's place worldwide in the Twiplomacy ranking"
        bodies = KeyFigure.objects.get(slug="covid-donations-coordinating-bodies")
        assert bodies.public_title().startswith("2 bodies — Ministry bodies")
        assert KeyFigure.objects.get(slug="vaccination-coverage").public_title().startswith("60% — ")
    with translation.override("es"):
        assert place.public_title().startswith("16.º — Puesto mundial de la Cancillería")
