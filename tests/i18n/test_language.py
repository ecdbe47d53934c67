"""Every public page reads in one language: a Spanish page holds no English outside proper names,
codes and text explicitly marked lang="en", and an English page no Spanish outside text marked
lang="es". Function words give a language away, so each page's visible text is counted for the
other language's."""

import re

import pytest
from bs4 import BeautifulSoup

from agreements.models import Agreement, Partner
from diplomacy.models import Area, Initiative

pytestmark = pytest.mark.django_db

ENGLISH_WORDS = {"the", "and", "of", "to", "is", "with", "for", "that", "this", "are", "was", "from", "which", "its"}
SPANISH_WORDS = {"el", "la", "los", "las", "y", "que", "por", "para", "con", "una", "su", "sus", "del"}
FOREIGN = {"es": ENGLISH_WORDS, "en": SPANISH_WORDS}
# Proper names, which keep their own language in any text.
PROPER_NAMES = ["Pontificia Universidad Católica del Perú", "Academia Diplomática del Perú"]


def urls():
    """One page of every public type (every record type's page, every listing), in a language."""
    agreement = Agreement.objects.live().get(slug="peru-japan-epa")
    initiative = Initiative.objects.live().order_by("book_order").first()
    return [
        "/",
        "/chapter-1/",
        "/chapter-2/",
        "/chapter-3/",
        "/authors/",
        "/agreements/",
        "/agreements/?status=in_force&country=JP",
        "/agreements/timeline/",
        agreement.get_absolute_url()[3:],
        Partner.objects.get(code="JP").get_absolute_url()[3:],
        Partner.objects.get(slug="european-union").get_absolute_url()[3:],
        "/partnerships/",
        "/initiatives/",
        initiative.get_absolute_url()[3:],
        Area.objects.get(slug="health").get_absolute_url()[3:],
        "/figures/",
        "/search/?q=peru",
    ]


def visible_words(html, language):
    """The words a reader sees, leaving out what is marked as written in another language."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(["script", "style", "head"]):
        element.decompose()
    for element in soup.find_all(lang=True):
        if element.decomposed:  # inside text of another language, already left out
            continue
        if element.name != "html" and not element["lang"].startswith(language):
            element.decompose()
    text = soup.get_text(" ")
    for name in PROPER_NAMES:
        text = text.replace(name, "")
    return re.findall(r"[^\W\d_]+", text)


@pytest.mark.parametrize("language", ["es", "en"])
def test_every_page_reads_in_its_language(client, language):
    offenders = {}
    for path in urls():
        response = client.get(f"/{language}{path}")
        assert response.status_code == 200, path
        words = visible_words(response.content.decode(), language)
        foreign = [word for word in words if word.lower() in FOREIGN[language]]
        if len(foreign) > max(2, len(words) // 200):
            offenders[path] = (len(foreign), len(words), sorted(set(foreign)))
    assert not offenders, offenders
