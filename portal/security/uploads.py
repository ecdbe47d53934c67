"""Images editors upload are decoded before they are accepted: a damaged or truncated file gets a
message on the form, not a server error when Wagtail reads its size."""

from django import forms
from django.utils.translation import gettext_lazy as _

from wagtail.images.fields import WagtailImageField
from wagtail.images.forms import BaseImageForm

from PIL import UnidentifiedImageError

DAMAGED = _(
    "This file is damaged or incomplete: it cannot be read as an image. Export it again and upload the new file."
)


class CheckedImageField(WagtailImageField):
    def to_python(self, data):
        try:
            return super().to_python(data)
        except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as error:
            raise forms.ValidationError(DAMAGED, code="damaged_image") from error


class CheckedImageForm(BaseImageForm):
    """WAGTAILIMAGES_IMAGE_FORM_BASE: Wagtail's image form with the checked file field."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "file" in self.fields:
            field = self.fields["file"]
            checked = CheckedImageField(label=field.label, required=field.required, help_text=field.help_text)
            checked.widget = field.widget
            self.fields["file"] = checked
