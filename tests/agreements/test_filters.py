"""The public filters of /agreements/ and /partnerships/, on the book's own records."""

from django.http import QueryDict
from django.test import RequestFactory
from django.utils import translation

import pytest

from agreements.filters import AgreementListingFilterSet, PartnershipListingFilterSet
from agreements.models import Partner, Partnership
from agreements.views import listing_queryset
from tests.factories import make_agreement, make_partner

pytestmark = pytest.mark.django_db


def agreements(query=""):
    filterset = AgreementListingFilterSet(QueryDict(query), queryset=listing_queryset())
    return [agreement.slug for agreement in filterset.qs]


def partnerships(query=""):
    queryset = Partnership.objects.live().select_related("partner")
    return {p.slug for p in PartnershipListingFilterSet(QueryDict(query), queryset=queryset).qs}


def test_no_filter_gives_every_live_agreement_in_the_books_order():
    slugs = agreements()
    assert len(slugs) == 29
    assert slugs[:3] == ["andean-community", "wto", "ace-50-cuba"]
    assert slugs[-1] == "peru-el-salvador-fta"


@pytest.mark.parametrize(("status", "count"), [("in_force", 23), ("signed", 2), ("negotiating", 4)])
def test_status(status, count):
    assert len(agreements(f"status={status}")) == count


def test_kind():
    assert agreements("kind=services") == ["tisa"]
    assert set(agreements("kind=economic_complementation")) == {"ace-50-cuba", "ace-58-mercosur"}


@pytest.mark.parametrize("code", ["JP", "jp", "Jp"])
def test_country_includes_blocs_the_country_belongs_to_and_ignores_case(code):
    assert set(agreements(f"country={code}")) == {"peru-japan-epa", "cptpp", "tisa"}


def test_country_through_the_european_union():
    assert set(agreements("country=DE")) == {"peru-eu-trade-agreement", "tisa"}


def test_country_through_mercosur_and_directly():
    assert set(agreements("country=BR")) == {"ace-58-mercosur", "peru-brazil-deepening"}


def test_unknown_country_gives_nothing():
    assert agreements("country=XX") == []


def test_region_through_parties_and_their_members():
    assert agreements("region=africa") == ["tisa"]  # Mauritius is a TISA party
    assert set(agreements("region=oceania")) == {"peru-australia-fta", "cptpp", "tisa"}
    europe = set(agreements("region=europe"))
    assert {"peru-efta-fta", "peru-eu-trade-agreement", "peru-uk-trade-continuity", "tisa"} <= europe
    assert "peru-japan-epa" not in europe


def test_year_range_overlaps_thailands_2006_2010_span():
    assert set(agreements("year_from=2007&year_to=2009")) == {
        "peru-canada-fta",
        "peru-singapore-fta",
        "peru-china-fta",
        "peru-thailand-fta",
    }
    assert set(agreements("year_from=2010&year_to=2010")) == {"peru-thailand-fta", "peru-efta-fta"}
    assert "peru-thailand-fta" in agreements("year_to=2006")
    assert "peru-thailand-fta" not in agreements("year_from=2011")


def test_open_year_ranges():
    assert set(agreements("year_to=2005")) == {"andean-community", "wto", "ace-50-cuba", "ace-58-mercosur"}
    assert set(agreements("year_from=2019")) == {"peru-uk-trade-continuity", "cptpp"}


def test_agreements_without_a_year_drop_out_of_year_filters():
    assert "tisa" not in agreements("year_from=1900")


def test_words_in_title_spanish_title_description_and_parties():
    assert agreements("q=Honduras") == ["peru-honduras-fta"]
    assert "peru-japan-epa" in agreements("q=Japón")  # title_es
    assert "tisa" in agreements("q=Mauritius")  # a party's name
    assert agreements("q=free trade honduras") == ["peru-honduras-fta"]  # every word must match
    assert agreements("q=zzzz") == []


def test_filters_combine():
    assert agreements("country=JP&status=in_force") == ["peru-japan-epa", "cptpp"]


def test_sort_by_year():
    slugs = agreements("sort=year")
    assert slugs[0] == "andean-community"
    assert slugs.index("peru-chile-fta") < slugs.index("peru-thailand-fta") < slugs.index("cptpp")
    assert set(slugs[-4:]) == {"tisa", "peru-turkey-fta", "peru-india-fta", "peru-el-salvador-fta"}  # no year: last


def test_sort_by_year_newest_first():
    slugs = agreements("sort=-year")
    assert slugs[0] == "cptpp"
    assert slugs[-5] == "andean-community"
    assert set(slugs[-4:]) == {"tisa", "peru-turkey-fta", "peru-india-fta", "peru-el-salvador-fta"}


def test_sort_by_title():
    slugs = agreements("sort=title")
    assert slugs[0] == "pacific-alliance-additional-protocol"  # "Additional Protocol ..."
    assert slugs[-1] == "wto"  # "World Trade Organization"


def test_sort_keeps_filters():
    assert agreements("country=JP&sort=-year") == ["cptpp", "peru-japan-epa", "tisa"]


@pytest.mark.parametrize(
    "query",
    [
        "status=cancelled",
        "kind=treaty",
        "region=atlantis",
        "sort=random",
        "country=JPN",
        "country=J",
        "year_from=abc",
        "year_from=-5",
        "year_to=99999999999999999999",
        "q=" + "x" * 5000,
    ],
)
def test_invalid_values_are_reported_and_ignored(query):
    filterset = AgreementListingFilterSet(QueryDict(query), queryset=listing_queryset())
    assert filterset.form.errors
    assert len(filterset.qs) == 29


def test_a_nul_byte_in_the_words_separates_words():
    # The shared ListingForm reads NUL as U+FFFD, which is not part of a word.
    assert agreements("q=Japan%00") == agreements("q=Japan") != []


@pytest.mark.parametrize(
    "query, slugs",
    [
        ("complementacion", {"ace-50-cuba", "ace-58-mercosur"}),
        ("COMPLEMENTACIÓN economica", {"ace-50-cuba", "ace-58-mercosur"}),
        ("japon", {"peru-japan-epa", "cptpp", "tisa"}),
    ],
)
def test_words_ignore_case_and_accents_as_the_search_does(query, slugs):
    assert set(agreements(f"q={query}")) >= slugs


def test_more_than_ten_words_are_refused_with_a_message():
    filterset = AgreementListingFilterSet(QueryDict("q=" + "+".join(["trade"] * 11)), queryset=listing_queryset())
    assert not filterset.form.is_valid()
    assert filterset.form.errors["q"] == ["Use at most 10 words."]


def test_unpublished_partners_and_drafts_of_names_never_match():
    japan = Partner.objects.get(code="JP")
    japan.name = "Nippon, a name still in draft"
    japan.save_revision()
    assert agreements("q=nippon") == []
    unpublished = make_partner(name="Zzyzx Republic", code="ZZ", members=[])
    unpublished.unpublish()
    make_agreement(parties=[unpublished], slug="with-an-unpublished-party", title="An agreement")
    assert agreements("q=zzyzx") == [] and agreements("country=ZZ") == []
    japan.unpublish()
    assert agreements("country=JP") == []


def test_reversed_years_are_reported_and_apply_no_filter():
    filterset = AgreementListingFilterSet(QueryDict("year_from=2015&year_to=2010"), queryset=listing_queryset())
    assert filterset.form.errors["year_to"] == ["The start year (2015) is after the end year (2010)."]
    assert len(filterset.qs) == 29
    assert filterset.rejected and filterset.applied() == [] and filterset.query == ""


@pytest.mark.parametrize(
    ("query", "field", "message"),
    [
        ("year_from=abc", "year_from", "“abc” is not a year: type a year such as 2015."),
        ("year_to=-5", "year_to", "“-5” is not a year between 1800 and 2200."),
        (
            "status=bogus",
            "status",
            "“bogus” is not a status: choose “In force”, “Signed, about to enter into force” or “Under negotiation”.",
        ),
        (
            "book_status=x",
            "book_status",
            "“x” is not a status: choose “In force”, “Signed, about to enter into force” or “Under negotiation”.",
        ),
        ("kind=treaty", "kind", "“treaty” is not a kind of agreement: choose one from the list."),
        ("sort=random", "sort", "“random” is not an order: choose “Oldest first”, “Newest first” or “Title (A to Z)”."),
        ("country=Japan", "country", "“Japan” is not a country code: choose a country from the list."),
        ("q=" + "x" * 300, "q", "Type at most 200 characters (these words have 300)."),
        ("year_from=" + "9" * 100, "year_from", "“" + "9" * 39 + "…” is not a year between 1800 and 2200."),
    ],
)
def test_refused_values_are_named_in_plain_words(query, field, message):
    filterset = AgreementListingFilterSet(QueryDict(query), queryset=listing_queryset())
    assert filterset.form.errors[field] == [message]


def test_one_refused_value_applies_no_filter_at_all():
    filterset = AgreementListingFilterSet(
        QueryDict("status=negotiating&country=JP&year_from=abc"), queryset=listing_queryset()
    )
    assert len(filterset.qs) == 29
    assert filterset.applied() == []
    assert filterset.active_filters(RequestFactory().get("/en/agreements/", {"status": "negotiating"})) == []


def test_repeated_parameter_uses_the_last_value():
    assert len(agreements("status=in_force&status=signed")) == 2


def test_active_filters_name_each_filter_with_a_link_that_clears_it(rf):
    request = rf.get("/en/agreements/", {"status": "in_force", "country": "jp", "page": "2"})
    filterset = AgreementListingFilterSet(request.GET, queryset=listing_queryset())
    active = {label: (value, url) for label, value, url in filterset.active_filters(request)}
    assert active["Status"] == ("In force", "?country=jp")
    assert active["Country"] == ("Japan", "?status=in_force")


def test_the_applied_filters_follow_the_forms_order():
    filterset = AgreementListingFilterSet(
        QueryDict("sort=title&country=jp&q=trade&status=in_force"), queryset=listing_queryset()
    )
    assert filterset.query == "q=trade&status=in_force&country=JP&sort=title"


# The country select ------------------------------------------------------------------------------


def country_groups(language="en", query=""):
    with translation.override(language):
        filterset = AgreementListingFilterSet(QueryDict(query), queryset=listing_queryset())
        return {str(group): dict(options) for group, options in list(filterset.form.fields["country"].choices)[1:]}


def test_countries_are_chosen_by_name_grouped_by_region():
    groups = country_groups()
    regions = ["Americas", "Europe", "Asia", "Eurasia", "Middle East", "Africa", "Oceania"]
    assert list(groups) == [region for region in regions if region in groups]
    assert {"Americas", "Europe", "Asia", "Africa", "Oceania"} <= set(groups)
    assert groups["Asia"]["JP"] == "Japan"
    names = list(groups["Americas"].values())
    assert names == sorted(names)


def test_countries_show_their_spanish_names_in_spanish_in_the_order_of_the_spanish_alphabet():
    groups = country_groups("es")
    assert groups["Asia"]["JP"] == "Japón"
    assert groups["Europa"]["DE"] == "Alemania"
    europe = list(groups["Europa"].values())
    assert europe.index("Alemania") < europe.index("Austria") < europe.index("Bélgica") < europe.index("Bulgaria")


def test_the_countries_are_those_an_agreement_involves_directly_or_through_a_bloc():
    codes = {code for options in country_groups().values() for code in options}
    assert {"JP", "CL", "US"} <= codes  # parties themselves
    assert {"DE", "PY", "MU"} <= codes  # through the EU, Mercosur, TISA's members
    assert "PE" not in codes  # Peru is a party to everything
    make_partner(name="Nowhere Land", code="NW", members=[])
    assert "NW" not in {code for options in country_groups().values() for code in options}


def test_a_lower_case_code_selects_its_country_and_an_unknown_code_shows_as_itself():
    html = AgreementListingFilterSet(QueryDict("country=jp"), queryset=listing_queryset()).form["country"].as_widget()
    assert '<option value="JP" selected>Japan</option>' in html
    html = AgreementListingFilterSet(QueryDict("country=xx"), queryset=listing_queryset()).form["country"].as_widget()
    assert '<option value="XX" selected>XX</option>' in html
    html = (
        AgreementListingFilterSet(QueryDict("country=Japan"), queryset=listing_queryset()).form["country"].as_widget()
    )
    assert "selected" not in html.replace('<option value="">Any country</option>', "")


def test_form_validation_needs_no_query_and_the_options_one(django_assert_num_queries):
    with django_assert_num_queries(0):
        filterset = AgreementListingFilterSet(
            QueryDict("country=JP&status=in_force&kind=free_trade"), queryset=listing_queryset()
        )
        assert filterset.form.is_valid()
    with django_assert_num_queries(1):
        filterset.form["country"].as_widget()
        filterset.form["country"].as_widget()


def test_partnerships_all_and_by_kind():
    assert len(partnerships()) == 13
    assert partnerships("kind=global_partnership") == {"germany-global-partner"}
    assert partnerships("kind=consultation_mechanism") == {"eu-consultation-mechanism"}


def test_partnerships_by_partners_region():
    assert partnerships("region=asia") == {"china", "south-korea", "thailand", "japan"}
    assert partnerships("region=europe") == {"spain", "france", "eu-consultation-mechanism", "germany-global-partner"}


def test_partnerships_year_range_overlaps_mexicos_2014_2016_span():
    assert partnerships("year_from=2015&year_to=2015") == {"mexico", "russia"}
    assert partnerships("year_from=2016") == {"mexico", "japan", "france"}
    assert partnerships("year_to=2003") == {"brazil"}


@pytest.mark.parametrize("query", ["kind=x", "region=x", "year_from=x", "year_to=-1", "year_from=99999999999999999999"])
def test_partnership_invalid_values_are_reported_and_ignored(query):
    filterset = PartnershipListingFilterSet(QueryDict(query), queryset=Partnership.objects.live())
    assert filterset.form.errors
    assert len(filterset.qs) == 13


def test_partnership_reversed_years_apply_no_filter():
    filterset = PartnershipListingFilterSet(
        QueryDict("year_from=2016&year_to=2003"), queryset=Partnership.objects.live()
    )
    assert filterset.form.errors["year_to"] == ["The start year (2016) is after the end year (2003)."]
    assert len(filterset.qs) == 13
