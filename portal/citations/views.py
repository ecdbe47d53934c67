"""The citation files, at a page's own address followed by cite.bib, cite.ris or cite.json (a public
contract): the book (/en/cite.bib), a chapter (/en/chapter-3/cite.ris), one of its sections
(/en/chapter-3/cite.ris?section=health-diplomacy), the open data (/en/data/cite.bib) and a record's page
(/en/agreements/peru-japan-epa/cite.json). Only live pages and records are cited."""

from django.conf import settings
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import require_safe

from portal.book.structure import current_book
from portal.foundations.i18n import active_language

from . import csl, formats


@require_safe
def book_citation(request, format):
    _check(format)
    book = current_book(request)
    if not _served(book.home):
        raise Http404
    return _download(csl.book_reference(book, request), format)


@require_safe
def chapter_citation(request, chapter, format):
    _check(format)
    book = current_book(request)
    page = next((page for page in book.chapters if page.slug == chapter), None)
    if not _served(page) or not _served(book.home):
        raise Http404
    try:
        reference = csl.chapter_reference(book, page, request, section=request.GET.get("section"))
    except csl.UnknownSection:
        raise Http404
    return _download(reference, format)


@require_safe
def dataset_citation(request, format):
    _check(format)
    book = current_book(request)
    if not _served(book.home):
        raise Http404
    return _download(csl.dataset_reference(book, request), format)


@require_safe
def record_citation(request, slug, format, detail_url_name):
    _check(format)
    model = csl.citable_record_type(detail_url_name)
    record = get_object_or_404(model.public_queryset(), slug=slug)
    book = current_book(request)
    if not _served(book.home):
        raise Http404
    return _download(csl.record_reference(book, record, request), format)


def _served(page):
    """Whether the book's page is served at its address in the active language: in that language, or
    in the original one where it has no translation yet (``HomePage.route``)."""
    return page is not None and page.locale.language_code in {active_language(), settings.LANGUAGE_CODE}


def _check(format):
    if format not in formats.WRITERS:
        raise Http404


def _download(reference, format):
    response = HttpResponse(
        formats.write(reference.item, format), content_type=f"{formats.CONTENT_TYPES[format]}; charset=utf-8"
    )
    response["Content-Disposition"] = f'attachment; filename="{reference.filename}.{format}"'
    response["X-Robots-Tag"] = "noindex"
    return response
