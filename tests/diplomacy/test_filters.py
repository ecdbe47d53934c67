"""The initiatives listing's filters, against the book's records (loaded by conftest)."""

from urllib.parse import urlencode

from django.http import QueryDict
from django.utils import translation

import pytest

from diplomacy.filters import InitiativeListingFilterSet
from diplomacy.models import Initiative
from diplomacy.views import listing_queryset
from tests.factories import make_initiative, make_partner

pytestmark = pytest.mark.django_db

COVID = {
    "covid-stranded-peruvians",
    "covid-repatriation",
    "covid-foreigners-stranded-in-peru",
    "covid-sanitary-equipment",
    "covid-donations-and-cooperation",
    "covid-vaccine-procurement",
}


def filtered(params):
    filterset = InitiativeListingFilterSet(QueryDict(urlencode(params, doseq=True)), queryset=listing_queryset())
    return filterset, list(filterset.qs.values_list("slug", flat=True))


def slugs(params):
    return filtered(params)[1]


def test_no_parameters_lists_every_live_initiative_once():
    found = slugs({})
    assert len(found) == len(set(found)) == Initiative.objects.live().count() == 73


def test_area_matches_main_and_secondary_areas():
    found = set(slugs({"area": "health"}))
    assert COVID <= found
    # Chapter II's new functions list health diplomacy among its secondary areas.
    assert found == COVID | {"new-structure-and-functions"}


def test_area_is_case_insensitive_and_unknown_areas_match_nothing():
    assert set(slugs({"area": "HEALTH"})) == set(slugs({"area": "health"}))
    filterset, found = filtered({"area": "atlantis"})
    assert found == []
    assert filterset.form.is_valid()


def test_area_with_a_malformed_slug_is_reported_and_ignored():
    filterset, found = filtered({"area": "health diplomacy!"})
    assert "area" in filterset.form.errors
    assert len(found) == 73


def test_status():
    found = slugs({"status": "in_negotiation"})
    assert set(found) == {"eu-crisis-management-agreement", "anti-trafficking-negotiations"}
    assert slugs({"status": "proposed"}) == ["sti-regional-collaboration"]
    assert all(
        status == "achieved"
        for status in Initiative.objects.filter(slug__in=slugs({"status": "achieved"})).values_list("status", flat=True)
    )


def test_unknown_status_is_reported_and_ignored():
    filterset, found = filtered({"status": "abandoned"})
    assert "status" in filterset.form.errors
    assert len(found) == 73


def test_country_directly():
    assert slugs({"country": "NO"}) == ["uncac-working-group-norway"]
    assert slugs({"country": "no"}) == ["uncac-working-group-norway"]


def test_country_through_a_bloc_it_belongs_to():
    # Paraguay is never named directly: it takes part through the Lima Group and AILAC.
    assert set(slugs({"country": "PY"})) == {"lima-group", "ailac"}
    # Finland: directly (digital transformation) and through the European Union.
    found = set(slugs({"country": "FI"}))
    assert {
        "digital-transformation-finland-estonia",
        "eu-crisis-management-agreement",
        "bilateral-cooperation-programs",
    } <= found


def test_unknown_country_code_matches_nothing():
    assert slugs({"country": "ZZ"}) == []


def test_three_letter_country_is_reported_and_ignored():
    filterset, found = filtered({"country": "PER"})
    assert "country" in filterset.form.errors
    assert len(found) == 73


def test_organization():
    assert slugs({"organization": "oas"}) == ["inter-american-democratic-charter"]
    assert set(slugs({"organization": "european-union"})) == {
        "strategic-partnerships",
        "eu-crisis-management-agreement",
        "bilateral-cooperation-programs",
    }
    assert "uncac-working-group-norway" in slugs({"organization": "united-nations"})


def test_organization_ignores_countries_and_unknown_slugs():
    assert slugs({"organization": "norway"}) == []
    assert slugs({"organization": "no-such-bloc"}) == []


def test_year_range_is_an_overlap_of_spans():
    found = set(slugs({"year_from": 2019, "year_to": 2019}))
    # One-year records of 2019, and spans running through it (2006-2019, 2010-2021, 2018-2019).
    assert {
        "uncac-working-group-norway",
        "prosur",
        "security-council-terms",
        "south-south-cooperation",
        "unasur-withdrawal",
    } <= found
    assert not found & {"lima-commitment", "cop20", "covid-repatriation", "strategic-partnerships"}


def test_year_from_alone():
    found = set(slugs({"year_from": 2020}))
    assert {
        "covid-donations-and-cooperation",
        "ungass-2021",
        "nato-building-integrity",
        "south-south-cooperation",
    } <= found
    assert "cop20" not in found
    assert all(
        year >= 2020
        for year in Initiative.objects.filter(slug__in=found).with_years().values_list("year_last", flat=True)
    )


def test_year_to_alone():
    found = set(slugs({"year_to": 2002}))
    assert found == {"social-diplomacy-objective", "apci", "science-technology-department"}


def test_undated_initiatives_drop_out_of_year_ranges():
    assert "career-vice-minister" not in slugs({"year_from": 1800})


def test_reversed_years_are_reported_and_apply_no_filter():
    filterset, found = filtered({"year_from": 2020, "year_to": 2010})
    assert filterset.form.errors["year_to"] == ["The start year (2020) is after the end year (2010)."]
    assert len(found) == 73


def test_one_refused_value_applies_no_filter_at_all():
    filterset, found = filtered({"area": "health", "country": "NO", "status": "bogus"})
    assert filterset.form.errors["status"] == [
        "“bogus” is not a status: choose “Achieved”, “Ongoing”, “In negotiation” or “Proposed”."
    ]
    assert len(found) == 73
    assert filterset.applied() == [] and filterset.query == ""


@pytest.mark.parametrize(
    ("params", "field", "message"),
    [
        ({"year_from": "abc"}, "year_from", "“abc” is not a year: type a year such as 2015."),
        ({"year_to": "0"}, "year_to", "“0” is not a year between 1800 and 2200."),
        (
            {"area": "health diplomacy!"},
            "area",
            "“health diplomacy!” is not an area of diplomacy: choose one from the list.",
        ),
        ({"organization": "O A S"}, "organization", "“o a s” is not a bloc or organization: choose one from the list."),
        ({"country": "PER"}, "country", "“PER” is not a country code: choose a country from the list."),
        (
            {"sort": "popularity"},
            "sort",
            "“popularity” is not an order: choose “Oldest first”, “Newest first” or “Title (A to Z)”.",
        ),
    ],
)
def test_refused_values_are_named_in_plain_words(params, field, message):
    filterset, _found = filtered(params)
    assert filterset.form.errors[field] == [message]


def test_countries_are_chosen_by_name_in_the_readers_language():
    def groups(language):
        with translation.override(language):
            filterset, _found = filtered({"country": "no"})
            choices = list(filterset.form.fields["country"].choices)
            return (
                choices[0],
                {str(group): dict(options) for group, options in choices[1:]},
                filterset.form["country"].as_widget(),
            )

    (empty, english, html) = groups("en")
    assert empty == ("", "Any country")
    assert english["Europe"]["NO"] == "Norway"
    assert english["Americas"]["PY"] == "Paraguay"  # only through the Lima Group and AILAC
    assert "PE" not in {code for options in english.values() for code in options}
    assert '<option value="NO" selected>Norway</option>' in html
    assert '<optgroup label="Europe">' in html
    (_empty, spanish, html) = groups("es")
    assert spanish["Europa"]["NO"] == "Noruega"
    assert '<option value="NO" selected>Noruega</option>' in html


@pytest.mark.parametrize("value", ["abc", "-5", "0", "99999", "99999999999999999999999", "2020.5", "1e3"])
def test_bad_years_are_reported_and_ignored(value):
    filterset, found = filtered({"year_from": value, "year_to": value})
    assert {"year_from", "year_to"} <= set(filterset.form.errors)
    assert len(found) == 73


def test_words_in_english_and_spanish_titles_and_descriptions():
    assert slugs({"q": "Norway"}) == ["uncac-working-group-norway"]
    assert set(slugs({"q": "lima commitment"})) == {"lima-commitment", "lima-commitment-follow-up-mechanism"}
    assert "lima-commitment" in slugs({"q": "Gobernabilidad"})
    assert "covid-vaccine-procurement" in slugs({"q": "VACCINE"})


def test_words_in_outcomes():
    assert "uncac-working-group-norway" in slugs({"q": "Recommendations against Corruption"})


def test_words_in_partner_names():
    partner = make_partner(name="Atlantis", name_es="Atlántida")
    initiative = make_initiative(partners=[partner], title="Something plain")
    assert slugs({"q": "atlantis"}) == [initiative.slug]
    assert slugs({"q": "Atlántida"}) == [initiative.slug]


def test_every_word_must_match():
    assert slugs({"q": "Norway vaccine"}) == []


def test_filters_combine():
    found = slugs({"area": "political", "status": "achieved", "organization": "united-nations", "year_from": 2019})
    assert set(found) == {"ungass-2021", "uncac-working-group-norway", "security-council-terms"}


def test_default_order_is_chronological_then_undated_in_book_order():
    found = slugs({})
    assert found[:2] == ["social-diplomacy-objective", "apci"]  # 2001, then April 2001
    undated = list(
        Initiative.objects.live().filter(start_year__isnull=True).order_by("book_order").values_list("slug", flat=True)
    )
    assert found[-len(undated) :] == undated
    assert slugs({"sort": "year"}) == found


def test_sort_newest_first():
    found = slugs({"sort": "-year"})
    assert found[:2] == ["ungass-2021", "nato-building-integrity"]  # June 2021, March 2021
    assert found.index("cop20") < found.index("apci")


def test_sort_by_title():
    found = slugs({"sort": "title"})
    titles = dict(Initiative.objects.values_list("slug", "title"))
    initials = [titles[slug][0].casefold() for slug in found]
    assert initials == sorted(initials)


def test_sort_by_title_follows_the_spanish_titles_in_spanish():
    with translation.override("es"):
        found = slugs({"sort": "title"})
    titles = dict(Initiative.objects.values_list("slug", "title_es"))
    initials = [titles[slug][0].casefold() for slug in found]
    assert initials == sorted(initials)
    assert found != slugs({"sort": "title"})


def test_unknown_sort_keeps_the_default_order():
    filterset, found = filtered({"sort": "popularity"})
    assert "sort" in filterset.form.errors
    assert found == slugs({})


def test_repeated_parameters_use_the_last_value():
    assert set(slugs({"area": ["political", "health"]})) == set(slugs({"area": "health"}))


def test_long_inputs_are_reported_and_ignored():
    filterset, found = filtered({"q": "x" * 5000, "area": "a" * 5000, "organization": "o" * 5000})
    assert {"q", "area", "organization"} <= set(filterset.form.errors)
    assert len(found) == 73


def test_nul_characters_are_read_as_replacement_characters():
    filterset, found = filtered({"area": "health\x00", "organization": "\x00", "year_from": "20\x0020"})
    assert {"area", "organization", "year_from"} <= set(filterset.form.errors)
    assert len(found) == 73
    filterset, found = filtered({"q": "lima\x00", "country": "N\x00"})
    assert filterset.form.cleaned_data["q"] == "lima\ufffd"
    assert filterset.form.errors["country"] == ["“N\ufffd” is not a country code: choose a country from the list."]
    assert len(found) == 73


def test_drafts_and_unpublished_records_stay_out():
    initiative = Initiative.objects.get(slug="cop20")
    initiative.unpublish()
    assert "cop20" not in slugs({})
    assert "cop20" not in slugs({"q": "COP20"})


def test_active_filters_name_the_choice_and_link_without_it(rf):
    request = rf.get("/en/initiatives/", {"area": "health", "organization": "oas", "sort": "title", "page": "2"})
    filterset = InitiativeListingFilterSet(request.GET, queryset=listing_queryset())
    filterset.qs  # noqa: B018 (validates the form)
    active = {label: (value, url) for label, value, url in filterset.active_filters(request)}
    assert active["Area of diplomacy"][0] == "Health diplomacy"
    assert active["Bloc or organization"][0] == "Organization of American States (OAS)"
    assert active["Area of diplomacy"][1] == "?organization=oas&sort=title"
    assert "Sort by" not in active


def test_form_construction_and_validation_need_no_query(django_assert_num_queries):
    with django_assert_num_queries(0):
        filterset = InitiativeListingFilterSet(
            QueryDict("area=health&organization=oas&status=ongoing&country=JP"), queryset=listing_queryset()
        )
        assert filterset.form.is_valid()
