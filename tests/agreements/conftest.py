import pytest

from agreements.models import Partner, Partnership
from tests.factories import bulk_agreements

EXTRA = 1000


@pytest.fixture
def many_records(db):
    """1,000 more live agreements (each with Japan and the EU as parties, so they match the country,
    region and text filters too) and 1,000 more partnerships, written in bulk."""
    japan, eu = Partner.objects.get(code="JP"), Partner.objects.get(slug="european-union")
    agreements = bulk_agreements(
        EXTRA,
        lambda n: (japan, eu),
        title="Bulk trade agreement",
        first_order=100,
        book_status="in_force",
        book_year_start=lambda n: 1990 + n % 30,
    )
    Partnership.objects.bulk_create(
        Partnership(
            slug=f"bulk-partnership-{n}",
            partner=japan,
            year_start=2000 + n % 20,
            description="A generated partnership.",
            book_order=100 + n,
            live=True,
        )
        for n in range(EXTRA)
    )
    return agreements
