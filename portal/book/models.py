"""The book itself: its home page, its chapters, its authors and publishers."""

from django.core.validators import RegexValidator
from django.db import models
from django.http import Http404
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _

from wagtail.admin.panels import FieldPanel, MultiFieldPanel, TitleFieldPanel
from wagtail.admin.widgets import AdminAutoHeightTextInput
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Locale, Page, PreviewableMixin, RevisionMixin
from wagtail.search import index

from wagtail_localize.fields import SynchronizedField, TranslatableField

from portal.caching.version import memoized
from portal.foundations.book_links import records_by_anchor
from portal.foundations.i18n import Localizable
from portal.foundations.records import PublicContent

from .blocks import INLINE_FEATURES, ChapterBodyBlock, LinkBlock, section_anchors
from .page_links import validate_page_links

# The page title in a box that grows with it: Wagtail's one-line title box cuts off a long chapter
# title. Enter does not start a new line (a title is one line).
WHOLE_TITLE = [
    TitleFieldPanel(
        "title", widget=AdminAutoHeightTextInput(attrs={"data-action": "keydown.enter->w-sync#check:prevent"})
    )
]

ORCID_VALIDATOR = RegexValidator(r"^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$", _("An ORCID iD looks like 0000-0001-5125-1748."))


class HomePage(Page):
    """The book's front page: title, authors, publishers, edition and the opening paragraphs."""

    subtitle = models.CharField(
        max_length=255, blank=True, help_text=_("Shown under the title, e.g. '(on the bicentennial of the MRE)'.")
    )
    report_label = models.CharField(
        max_length=100, blank=True, help_text=_("A small label above the title, e.g. 'Book report, April 2022'.")
    )
    edition = models.CharField(max_length=100, help_text=_("The printed edition, e.g. '1st ed., April 2022'."))
    digital_edition = models.CharField(
        max_length=100, blank=True, help_text=_("The digital edition, e.g. '1st ed. DIGITAL, April 2022'.")
    )
    isbn = models.CharField(
        "ISBN",
        max_length=20,
        validators=[RegexValidator(r"^[0-9][0-9-]{8,15}[0-9X]$", _("Write the ISBN with digits and hyphens."))],
        help_text=_("The book's ISBN with its hyphens, e.g. 978-9972-671-91-3."),
    )
    legal_deposit = models.CharField(
        max_length=255, blank=True, help_text=_("The legal deposit line as printed in the book.")
    )
    layout_credit = models.CharField(max_length=100, blank=True, help_text=_("Who laid out the book."))
    rights_notice = models.TextField(help_text=_("The rights notice, shown in every page's footer."))
    intro = RichTextField(
        features=INLINE_FEATURES, validators=[validate_page_links], help_text=_("The opening paragraphs of the book.")
    )
    repository_links = StreamField(
        [("link", LinkBlock())],
        blank=True,
        help_text=_("Where the book and the authors' proposals can be read in full."),
    )

    content_panels = WHOLE_TITLE + [
        FieldPanel("subtitle"),
        FieldPanel("report_label"),
        FieldPanel("intro"),
        MultiFieldPanel(
            [
                FieldPanel("edition"),
                FieldPanel("digital_edition"),
                FieldPanel("isbn"),
                FieldPanel("legal_deposit"),
                FieldPanel("layout_credit"),
                FieldPanel("rights_notice"),
            ],
            heading=_("Publication details"),
        ),
        FieldPanel("repository_links"),
    ]
    search_fields = Page.search_fields + [index.SearchField("subtitle"), index.SearchField("intro")]

    parent_page_types = ["wagtailcore.Page"]
    subpage_types = ["portal.ChapterPage", "portal.AuthorsPage"]
    # What a translation translates (wagtail-localize); the address and the ISBN stay the same.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("subtitle"),
        TranslatableField("report_label"),
        TranslatableField("edition"),
        TranslatableField("digital_edition"),
        TranslatableField("legal_deposit"),
        TranslatableField("layout_credit"),
        TranslatableField("rights_notice"),
        TranslatableField("intro"),
        TranslatableField("repository_links"),
        SynchronizedField("slug"),
        SynchronizedField("isbn"),
    ]

    class Meta:
        verbose_name = _("book home page")

    def route(self, request, path_components):
        # A translated home page (or the alias Wagtail makes of it when an editor translates a
        # chapter) holds only the pages translated so far: the others are served from the original
        # tree, in the original language, rather than a 404.
        try:
            return super().route(request, path_components)
        except Http404:
            if not path_components or self.locale_id == Locale.get_default().pk:
                raise
            original = self.get_translation_or_none(Locale.get_default())
            if original is None or not original.live:
                raise
            return original.specific.route(request, path_components)


class ChapterPage(Page):
    """One chapter of the book, as a sequence of sections with stable anchors."""

    number = models.CharField(max_length=8, help_text=_("The chapter's number as the book writes it, e.g. 'III'."))
    summary = models.TextField(
        blank=True, help_text=_("One or two sentences describing the chapter, shown in menus and listings.")
    )
    body = StreamField(
        ChapterBodyBlock(),
        help_text=_(
            "The chapter's text, as sections. Each section has a heading, an anchor other records link "
            "to, and its paragraphs, lists, quotes and notes."
        ),
    )

    content_panels = WHOLE_TITLE + [FieldPanel("number"), FieldPanel("summary"), FieldPanel("body")]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("number"),
    ]

    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    # The address, the chapter's number and its sections' anchors (not text blocks) stay the same in
    # every language, so links to a section work in both.
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("summary"),
        TranslatableField("body"),
        SynchronizedField("slug"),
        SynchronizedField("number"),
    ]

    class Meta:
        verbose_name = _("chapter")

    @cached_property
    def anchors(self):
        return section_anchors(self.body)

    def published_anchors(self):
        """``anchors``, read from the stream once per published revision rather than once per record
        that names this chapter (a chapter with unpublished changes, which may be a preview, is read
        afresh)."""
        if self.pk is None or self.has_unpublished_changes or not self.live:
            return self.anchors
        return memoized(f"chapter-anchors:{self.pk}", lambda: self.anchors, version=f"revision:{self.live_revision_id}")

    @property
    def table_of_contents(self):
        """[(anchor, heading, [(anchor, heading), ...subsections])]"""
        toc = []
        for anchor, heading, is_subsection in self.anchors:
            if is_subsection and toc:
                toc[-1][2].append((anchor, heading))
            else:
                toc.append((anchor, heading, []))
        return toc

    @cached_property
    def linked_records(self):
        """{anchor: [records of one type, ...]}: what the portal holds on each section. Read by the
        template inside the chapter's cached fragment, so a cached chapter costs no query for it."""
        return records_by_anchor(self)


class AuthorsPage(Page):
    """Who wrote the book: the author records with their ORCID iDs and biographies."""

    intro = RichTextField(
        blank=True,
        features=INLINE_FEATURES,
        validators=[validate_page_links],
        help_text=_("A sentence above the biographies."),
    )

    content_panels = WHOLE_TITLE + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = []
    max_count_per_parent = 1
    translatable_fields = [
        TranslatableField("title"),
        TranslatableField("seo_title"),
        TranslatableField("search_description"),
        TranslatableField("intro"),
        SynchronizedField("slug"),
    ]

    class Meta:
        verbose_name = _("about the authors page")


class Author(PublicContent, Localizable, RevisionMixin, PreviewableMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=120, help_text=_("The name as printed on the book."))
    slug = models.SlugField(max_length=120, unique=True, help_text=_("Used in web addresses; set once."))
    sort_name = models.CharField(max_length=120, help_text=_("Family name first, for sorting: 'Novak, Fabián'."))
    orcid = models.CharField(
        "ORCID iD", max_length=19, blank=True, validators=[ORCID_VALIDATOR], help_text=_("e.g. 0000-0001-5125-1748")
    )
    bio = RichTextField(
        _("biography"),
        features=INLINE_FEATURES,
        validators=[validate_page_links],
        help_text=_("The biography printed at the end of the book."),
    )
    bio_es = RichTextField(
        _("biography (Spanish)"),
        blank=True,
        features=INLINE_FEATURES,
        validators=[validate_page_links],
        help_text=_("The biography in Spanish (our translation)."),
    )
    order = models.PositiveSmallIntegerField(default=0, help_text=_("Authors are shown in this order."))

    panels = [
        FieldPanel("name"),
        FieldPanel("slug"),
        FieldPanel("sort_name"),
        FieldPanel("orcid"),
        FieldPanel("bio"),
        FieldPanel("bio_es"),
        FieldPanel("order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("bio"),
        index.AutocompleteField("name"),
        # What the admin listing sorts by, also while searching.
        index.FilterField("name"),
        index.FilterField("orcid"),
        index.FilterField("order"),
        index.FilterField("sort_name"),
    ]

    class Meta:
        ordering = ["order", "sort_name"]
        verbose_name = _("author")

    def __str__(self):
        return self.name

    @property
    def orcid_url(self):
        return f"https://orcid.org/{self.orcid}" if self.orcid else ""

    def get_preview_template(self, request, mode_name):
        return "portal/previews/author.html"


class Publisher(PublicContent, RevisionMixin, index.Indexed, models.Model):
    name = models.CharField(max_length=200, help_text=_("e.g. 'Instituto de Estudios Internacionales (IDEI)'."))
    slug = models.SlugField(max_length=120, unique=True, help_text=_("Used internally; set once."))
    parent = models.CharField(
        max_length=200, blank=True, help_text=_("The institution it belongs to, if any (e.g. the university).")
    )
    name_language = models.CharField(
        _("language of the name"),
        max_length=8,
        default="es",
        help_text=_("The language the institution's name is written in: 'es' for Spanish, 'de' for German."),
    )
    short_name = models.CharField(max_length=40, help_text=_("e.g. 'IDEI-PUCP' or 'KAS'."))
    address = models.CharField(max_length=255, help_text=_("The postal address printed in the book."))
    email = models.EmailField(blank=True, help_text=_("Contact e-mail address."))
    phone = models.CharField(max_length=40, blank=True, help_text=_("Telephone number as printed."))
    links = StreamField([("link", LinkBlock())], blank=True, help_text=_("Web sites and social networks."))
    order = models.PositiveSmallIntegerField(default=0, help_text=_("Publishers are shown in this order."))

    panels = [
        FieldPanel("name"),
        FieldPanel("name_language"),
        FieldPanel("slug"),
        FieldPanel("parent"),
        FieldPanel("short_name"),
        FieldPanel("address"),
        FieldPanel("email"),
        FieldPanel("phone"),
        FieldPanel("links"),
        FieldPanel("order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.SearchField("short_name"),
        index.AutocompleteField("name"),
        index.AutocompleteField("short_name"),
        # What the admin listing sorts by, also while searching.
        index.FilterField("name"),
        index.FilterField("short_name"),
        index.FilterField("order"),
    ]

    class Meta:
        ordering = ["order", "name"]
        verbose_name = _("publisher")

    def __str__(self):
        return self.short_name or self.name
