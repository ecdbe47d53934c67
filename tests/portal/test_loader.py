import io
import re

from django.core.management import call_command

from wagtail.models import Page, Revision, Site

import pytest

from agreements.models import Agreement, Partner, Partnership
from diplomacy.models import Area, Initiative, KeyFigure
from portal.book.models import Author, ChapterPage, HomePage, Publisher
from tests.factories import chapter

pytestmark = pytest.mark.django_db

MODELS = [Page, Revision, Site, Author, Publisher, Partner, Agreement, Partnership, Area, Initiative, KeyFigure]


def counts():
    return {model.__name__: model.objects.count() for model in MODELS}


def load():
    out = io.StringIO()
    call_command("load_portal", stdout=out)
    return out.getvalue()


def test_a_fresh_deployment_has_the_whole_book():
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, HomePage)
    assert ChapterPage.objects.live().filter(locale__language_code="en").count() == 3
    # And in Spanish: each page translated, at the same address under /es/.
    for language in ("en", "es"):
        assert ChapterPage.objects.live().filter(locale__language_code=language).count() == 3
        assert HomePage.objects.live().filter(locale__language_code=language).count() == 1
    assert Author.objects.count() == 2
    assert Publisher.objects.count() == 2
    assert Agreement.objects.live().count() == 29
    assert Partnership.objects.live().count() == 13
    assert Area.objects.live().count() == 9
    assert Initiative.objects.live().count() > 40
    assert KeyFigure.objects.live().count() > 30
    assert not Page.objects.filter(slug="wagtail-welcome").exists()


def test_every_loaded_record_is_published_with_a_first_revision():
    for model in (Partner, Agreement, Partnership, Area, Initiative, KeyFigure):
        assert not model.objects.filter(live=False).exists()
        assert not model.objects.filter(live_revision__isnull=True).exists()


def test_running_it_again_changes_nothing_and_says_so():
    before = counts()
    output = load()
    assert counts() == before
    assert "Agreements: 0 created, 29 already present" in output
    assert "Nothing to load" in output


def test_it_never_overwrites_what_editors_changed():
    agreement = Agreement.objects.get(slug="peru-japan-epa")
    agreement.title = "Edited by an editor"
    agreement.status = "in_force"
    agreement.save_revision().publish()
    first = chapter(1)
    first.title = "An editor's chapter title"
    first.save_revision().publish()
    Partner.objects.filter(slug="japan").update(name_es="Nombre editado")

    load()

    assert Agreement.objects.get(slug="peru-japan-epa").title == "Edited by an editor"
    assert chapter(1).title == "An editor's chapter title"
    assert Partner.objects.get(slug="japan").name_es == "Nombre editado"
    assert (
        Agreement.objects.filter(title__startswith="Economic Partnership Agreement between Peru and Japan").count() == 0
    )


def test_a_record_an_editor_deleted_is_the_only_thing_it_restores():
    KeyFigure.objects.filter(slug__isnull=False).order_by("pk").first().delete()
    before = counts()
    output = load()
    after = counts()
    assert after["KeyFigure"] == before["KeyFigure"] + 1
    assert "Key figures: 1 created" in output
    assert {k: v for k, v in after.items() if k not in ("KeyFigure", "Revision")} == {
        k: v for k, v in before.items() if k not in ("KeyFigure", "Revision")
    }


def load_update():
    out = io.StringIO()
    call_command("load_portal", "--update", stdout=out)
    return out.getvalue()


@pytest.fixture
def someone(django_user_model):
    return django_user_model.objects.create_superuser("someone", "someone@example.org", "a long password 2026")


def test_update_brings_unchanged_records_and_pages_up_to_date_with_the_fixtures(someone):
    # As if the fixtures had been corrected since this deployment was loaded: the rows differ from
    # them, but no editor has touched them.
    Agreement.objects.filter(slug="tisa").update(notes="An outdated note")
    ChapterPage.objects.filter(slug="chapter-2", locale__language_code="en").update(summary="An outdated summary")
    # What editors changed stays as it is.
    edited = Agreement.objects.get(slug="peru-japan-epa")
    edited.notes = "An editor's note"
    edited.save_revision(user=someone).publish(user=someone)
    first = chapter(1)
    first.summary = "An editor's summary"
    first.save_revision(user=someone).publish(user=someone)

    output = load_update()

    tisa = Agreement.objects.get(slug="tisa")
    assert tisa.notes != "An outdated note" and tisa.live and not tisa.has_unpublished_changes
    assert tisa.revisions.count() == 2 and tisa.latest_revision.user is None
    assert chapter(2).summary != "An outdated summary"
    assert Agreement.objects.get(slug="peru-japan-epa").notes == "An editor's note"
    assert chapter(1).summary == "An editor's summary"
    assert "Agreements: 0 created, 1 updated from the fixtures, 1 left as editors changed them, 27" in output
    assert "Chapters: 0 created, 1 updated from the fixtures, 1 left as editors changed them, 1" in output
    assert re.search(
        r"Pages in Spanish: 0 created, \d updated from the fixtures, 1 left as editors changed them", output
    )

    # Once up to date, nothing more changes.
    revisions = Revision.objects.count()
    again = load_update()
    assert Revision.objects.count() == revisions and "Nothing to load" in again
