"""Chapters and the home page's links loaded from fixtures before now kept their nested blocks and
list items without ids; translations (wagtail-localize) name blocks by their ids, as Wagtail does for
every block an editor saves. Give them ids."""

from django.db import migrations

from portal.foundations.streams import with_block_ids


def add_ids(apps, schema_editor):
    for model_name, field_name in (("ChapterPage", "body"), ("HomePage", "repository_links")):
        model = apps.get_model("portal", model_name)
        block = model._meta.get_field(field_name).stream_block
        for page in model.objects.all():
            stream = getattr(page, field_name)
            setattr(page, field_name, with_block_ids(block, list(stream.raw_data)))
            page.save(update_fields=[field_name])


class Migration(migrations.Migration):
    dependencies = [("portal", "0009_spanish_twins")]
    operations = [migrations.RunPython(add_ids, migrations.RunPython.noop)]
