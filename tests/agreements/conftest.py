import pytest

from agreements.models import Agreement, Partner, Partnership

EXTRA = 1000


@pytest.fixture
def many_records(db):
    """1,000 more live agreements (each with Japan and the EU as parties, so they match the country,
    region and text filters too) and 1,000 more partnerships, written in bulk."""
    japan, eu = Partner.objects.get(code="JP"), Partner.objects.get(slug="european-union")
    agreements = Agreement.objects.bulk_create(
        Agreement(
            slug=f"bulk-agreement-{n}",
            title=f"Bulk trade agreement {n}",
            kind="free_trade",
            status=["in_force", "signed", "negotiating"][n % 3],
            book_status="in_force",
            book_year_start=1990 + n % 30,
            description="A generated agreement.",
            book_order=100 + n,
            live=True,
        )
        for n in range(EXTRA)
    )
    Through = Agreement.parties.through
    Through.objects.bulk_create([Through(agreement_id=a.pk, partner_id=p.pk) for a in agreements for p in (japan, eu)])
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
