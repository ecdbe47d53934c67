from django.db import migrations, models

from portal.foundations.folding import fold

FIELDS = ['name', 'name_es', 'short_name', 'short_name_es', 'code', 'notes', 'notes_es']


def fill_search_text(apps, schema_editor):
    """The folded text /search/ reads (SearchTextMixin), for the rows already there."""
    for record in apps.get_model("agreements", "Partner").objects.all():
        record.search_text = fold(" ".join(getattr(record, name) for name in FIELDS if getattr(record, name)))
        record.save(update_fields=["search_text"])


class Migration(migrations.Migration):

    dependencies = [
        ('agreements', '0005_spanish_twins'),
    ]

    operations = [
        migrations.AddField(
            model_name='partner',
            name='search_text',
            field=models.TextField(blank=True, default='', editable=False, help_text="Kept by the portal from the published text, for the word filters and the search; not edited."),
        ),
        migrations.RunPython(fill_search_text, migrations.RunPython.noop),
    ]
