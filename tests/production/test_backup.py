"""`make backup` / `make restore`: a backup restored into an empty database holds every row and
every revision again, and the media files."""

import json
from pathlib import Path

import pytest

from .support import child_env, database_fingerprint, manage

DOCUMENT = (
    "from django.core.files.base import ContentFile; from wagtail.documents.models import Document;"
    "from agreements.models import Agreement;"
    "Document.objects.create(title='Annex', file=ContentFile(b'annex text', name='annex.txt'));"
    "a = Agreement.objects.order_by('pk').first(); a.notes = 'A draft note'; a.save_revision()"
)


@pytest.mark.slow
def test_backup_and_restore_into_an_empty_database(book_databases, tmp_path):
    source_url, _ = book_databases.copy("backup_src")
    source = child_env(source_url, HOME=tmp_path, MEDIA_ROOT=tmp_path / "media-source")
    manage("shell", "-v0", "-c", DOCUMENT, env=source)  # a document in media/ and a draft revision
    expected = database_fingerprint(source)

    output = manage("backup_portal", "--output", str(tmp_path / "backups"), env=source).stdout
    folder = Path(output.strip().splitlines()[-1])
    assert folder.parent == tmp_path / "backups"
    manifest = json.loads((folder / "manifest.json").read_text())
    assert manifest["rows"]["wagtailcore_revision"] > 0 and manifest["media"] == "media.tar.gz"

    target_url, _ = book_databases.empty("restored")
    target = child_env(target_url, HOME=tmp_path, MEDIA_ROOT=tmp_path / "media-restored")
    manage("restore_portal", str(folder), env=target)
    restored = database_fingerprint(target)
    assert restored == expected
    assert restored["wagtailcore.Revision"][0] == expected["wagtailcore.Revision"][0] > 0
    files = sorted(
        p.relative_to(tmp_path / "media-source") for p in (tmp_path / "media-source").rglob("*") if p.is_file()
    )
    assert files and all(
        (tmp_path / "media-restored" / f).read_bytes() == (tmp_path / "media-source" / f).read_bytes() for f in files
    )

    # A database that already has content is never overwritten by mistake.
    again = manage("restore_portal", str(folder), env=target, check=False)
    assert again.returncode != 0 and "already has" in again.stderr
    assert manage("restore_portal", str(folder), "--force", env=target).returncode == 0
    assert database_fingerprint(target) == expected
