import pytest

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Initiative, KeyFigure
from tests.factories import make_agreement, make_initiative

pytestmark = pytest.mark.django_db


def test_a_new_agreement_without_slug_gets_one_from_its_title_and_goes_last():
    last = Agreement.objects.order_by("-book_order").first().book_order
    agreement = make_agreement(slug="", title="Free Trade Agreement between Peru and Japan")
    assert agreement.slug == "free-trade-agreement-between-peru-and-japan"
    assert agreement.book_order == last + 1
    twin = make_agreement(slug="", title="Free Trade Agreement between Peru and Japan")
    assert twin.slug == "free-trade-agreement-between-peru-and-japan-2"


def test_slugs_are_made_for_initiatives_figures_and_partnerships():
    assert make_initiative(slug="", title="A new consular programme").slug == "a-new-consular-programme"
    figure = KeyFigure(label="New centres", value=3, source_text="…", area=Initiative.objects.first().area)
    figure.save()
    assert figure.slug == "new-centres"
    partnership = Partnership(partner=Partner.objects.get(code="DE"), description="…")
    partnership.save()
    assert partnership.slug.startswith("germany-strategic-partnership")


def test_an_editors_slug_is_kept():
    assert make_agreement(slug="my-own-slug").slug == "my-own-slug"
