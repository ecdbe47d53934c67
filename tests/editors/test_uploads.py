"""Documents and images: editors upload them, and a file of the wrong type, too big or not really an
image is refused with a message that says why."""

import io
import re

from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Collection

import pytest
from PIL import Image as PILImage

pytestmark = pytest.mark.django_db

Document = get_document_model()
Image = get_image_model()


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def png(width=4, height=3):
    buffer = io.BytesIO()
    PILImage.new("L", (width, height)).save(buffer, "PNG")
    return buffer.getvalue()


def upload(client, user, kind, name, content):
    client.force_login(user)
    url = reverse("wagtaildocs:add" if kind == "document" else "wagtailimages:add")
    data = {"title": name, "file": SimpleUploadedFile(name, content)}
    if kind == "image":
        # Images may go in any collection (documents only where they await review: the form says so).
        data["collection"] = Collection.get_first_root_node().pk
    return client.post(url, data)


def errors(response):
    assert response.status_code == 200, "the form comes back with its errors"
    return " ".join(str(error) for error in response.context["form"].errors.get("file", []))


def test_an_editor_uploads_a_csv_document_and_a_png_image(client, editor):
    assert upload(client, editor, "document", "agreements.csv", b"slug,title\n").status_code == 302
    assert Document.objects.filter(title="agreements.csv").exists()
    assert upload(client, editor, "image", "chart.png", png()).status_code == 302
    assert Image.objects.filter(title="chart.png").exists()


def test_a_program_is_not_accepted_as_a_document(client, editor):
    message = errors(upload(client, editor, "document", "setup.exe", b"MZ\x90\x00 not a document"))
    assert "File extension “exe” is not allowed" in message
    assert "pdf, csv, xlsx, docx, odt, txt" in message
    assert not Document.objects.filter(title="setup.exe").exists()


def test_an_oversize_document_is_refused(client, editor, settings):
    settings.WAGTAILDOCS_MAX_UPLOAD_SIZE = 1024
    message = errors(upload(client, editor, "document", "big.pdf", b"%PDF-1.4\n" + b"0" * 2048))
    assert "This file is too big" in message and re.search(r"Maximum filesize 1\.0\sKB", message)
    assert not Document.objects.filter(title="big.pdf").exists()


def test_the_configured_document_limit_is_twenty_megabytes(settings):
    assert settings.WAGTAILDOCS_MAX_UPLOAD_SIZE == 20 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE == 10 * 1024 * 1024
    assert settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS == 40_000_000
    assert "svg" not in settings.WAGTAILIMAGES_EXTENSIONS
    assert "exe" not in settings.WAGTAILDOCS_EXTENSIONS


def test_a_fake_image_is_refused(client, editor):
    message = errors(upload(client, editor, "image", "photo.png", b"this is text pretending to be a PNG"))
    assert "Upload a valid image" in message or "Not a valid" in message
    assert not Image.objects.filter(title="photo.png").exists()


def test_an_image_of_an_unsupported_type_is_refused(client, editor):
    message = errors(upload(client, editor, "image", "drawing.svg", b"<svg xmlns='http://www.w3.org/2000/svg'/>"))
    assert "Not a supported image format" in message
    assert "GIF, JPG, JPEG, PNG, WEBP" in message


def test_an_oversize_image_is_refused(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_UPLOAD_SIZE = 50
    message = errors(upload(client, editor, "image", "large.png", png(200, 200)))
    assert "This file is too big" in message


def test_an_image_with_too_many_pixels_is_refused(client, editor, settings):
    settings.WAGTAILIMAGES_MAX_IMAGE_PIXELS = 1000
    message = errors(upload(client, editor, "image", "wide.png", png(100, 20)))
    assert "too many pixels" in message


def test_a_truncated_image_gets_a_message_not_a_server_error(client, editor):
    buffer = io.BytesIO()
    PILImage.new("P", (40, 30)).save(buffer, "GIF")
    client.raise_request_exception = False
    message = errors(upload(client, editor, "image", "broken.gif", buffer.getvalue()[:20]))
    assert "damaged or incomplete" in message
    assert not Image.objects.filter(title="broken.gif").exists()


def test_an_editors_document_is_private_until_a_moderator_publishes_it(client, editor, moderator):
    assert upload(client, editor, "document", "annex.txt", b"annex text").status_code == 302
    document = Document.objects.get(title="annex.txt")
    assert document.collection.name == "Awaiting review"
    client.logout()
    private = client.get(document.url)
    assert private.status_code == 302 and "/login/" in private["Location"]
    # An editor cannot move it elsewhere: the only collection offered is the review one.
    client.force_login(editor)
    form = client.get(reverse("wagtaildocs:edit", args=[document.pk])).context["form"]
    assert "collection" not in form.fields or [str(name) for pk, name in form.fields["collection"].choices if pk] == [
        "Awaiting review"
    ]
    # A moderator publishes it by moving it to a public collection.
    client.force_login(moderator)
    root = Collection.get_first_root_node()
    response = client.post(
        reverse("wagtaildocs:edit", args=[document.pk]), {"title": "annex.txt", "collection": root.pk}
    )
    assert response.status_code == 302
    client.logout()
    public = client.get(document.url)
    assert public.status_code == 200 and b"".join(public.streaming_content) == b"annex text"
