"""The licence of the open data: a site setting editors change in the admin (Settings › Data licence).

The book's own text keeps its publishers' rights notice (the home page's ``rights_notice``); this
licence covers the data the portal publishes about it: the files, the data package."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel
from wagtail.contrib.settings.models import BaseSiteSetting
from wagtail.models import Site

from portal.foundations.i18n import Localizable
from portal.foundations.records import PublicContent

CC_BY_NAME = "Creative Commons Attribution 4.0 International (CC BY 4.0)"
CC_BY_URL = "https://creativecommons.org/licenses/by/4.0/"
CC_BY_NOTE = (
    "You may copy, share and adapt the data for any purpose, even commercially, as long as you credit the "
    "book and this portal. The book's own text is not under this licence: its publishers reserve its rights."
)
CC_BY_NOTE_ES = (
    "Puede copiar, compartir y adaptar los datos para cualquier fin, incluso comercial, siempre que cite el "
    "libro y este portal. El texto del libro no está bajo esta licencia: sus editores se reservan los derechos."
)


class DataLicence(PublicContent, Localizable, BaseSiteSetting):
    """Saving it changes what public pages and files show: it is public content, so every cache forgets."""

    name = models.CharField(
        max_length=200,
        default=CC_BY_NAME,
        help_text=_("The licence's full name, e.g. 'Creative Commons Attribution 4.0 International (CC BY 4.0)'."),
    )
    identifier = models.CharField(
        max_length=40,
        blank=True,
        default="CC-BY-4.0",
        help_text=_(
            "Its SPDX identifier, e.g. 'CC-BY-4.0' or 'ODbL-1.0' (for the data package); empty if it has none."
        ),
    )
    url = models.URLField(default=CC_BY_URL, help_text=_("Where the licence's text can be read."))
    note = models.TextField(
        blank=True,
        default=CC_BY_NOTE,
        help_text=_("A short note shown with it: what the licence allows, what it does not cover."),
    )
    note_es = models.TextField(
        _("note (Spanish)"), blank=True, default=CC_BY_NOTE_ES, help_text=_("The same note in Spanish.")
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("identifier"),
        FieldPanel("url"),
        FieldPanel("note"),
        FieldPanel("note_es"),
    ]

    class Meta:
        verbose_name = _("data licence")

    def __str__(self):
        return self.name

    @classmethod
    def for_request(cls, request):
        """The licence of the request's site, read once per request; its defaults, unsaved, where no
        editor has saved one yet (reading never writes: a saved setting changes the content version
        every cache is keyed on)."""
        attribute = cls.get_cache_attr_name()
        if not hasattr(request, attribute):
            site = Site.find_for_request(request)
            licence = cls.base_queryset().filter(site=site).first() if site is not None else None
            setattr(request, attribute, licence or cls(site=site))
        return getattr(request, attribute)
