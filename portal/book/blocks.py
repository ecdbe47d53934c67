"""StreamField blocks shared by the book's pages and the records that link into them."""

from urllib.parse import urlencode

from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from wagtail import blocks

from agreements.models import Agreement, AgreementStatus
from portal.foundations import book_links

from .page_links import validate_page_links

ANCHOR_REGEX = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ANCHOR_HELP = _(
    "A short web address fragment for this part of the chapter, in lower-case letters, digits and "
    "hyphens (for example 'political-diplomacy'). Other records link to it: once published, do not "
    "change it."
)
INLINE_FEATURES = ["bold", "italic", "link", "superscript"]
PARAGRAPH_FEATURES = ["bold", "italic", "link", "superscript", "ol", "ul"]


def anchor_block(label=None):
    return blocks.RegexBlock(
        regex=ANCHOR_REGEX,
        label=label or _("Anchor"),
        help_text=ANCHOR_HELP,
        error_messages={"invalid": _("Use lower-case letters, digits and single hyphens only.")},
        max_length=80,
    )


class LinkBlock(blocks.StructBlock):
    label = blocks.CharBlock(max_length=200, help_text=_("The words visitors click on."))
    url = blocks.URLBlock(help_text=_("The full web address, starting with https://"))
    description = blocks.CharBlock(
        required=False, max_length=300, help_text=_("Optional: one sentence saying what is there.")
    )

    class Meta:
        icon = "link"
        template = "blocks/link_block.html"


class SubheadingBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200, help_text=_("A short subheading inside the section."))
    anchor = anchor_block()

    class Meta:
        icon = "title"
        template = "blocks/subheading_block.html"


class QuoteBlock(blocks.StructBlock):
    text = blocks.RichTextBlock(
        features=INLINE_FEATURES, validators=[validate_page_links], help_text=_("The quoted words.")
    )
    attribution = blocks.CharBlock(required=False, max_length=300, help_text=_("Optional: who said or wrote it."))

    class Meta:
        icon = "openquote"
        template = "blocks/quote_block.html"


class ListBlock(blocks.StructBlock):
    style = blocks.ChoiceBlock(
        choices=[
            ("alpha", _("Lettered (a, b, c…)")),
            ("number", _("Numbered (1, 2, 3…)")),
            ("bullet", _("Bullets")),
        ],
        default="bullet",
        help_text=_("How the items are marked."),
    )
    items = blocks.ListBlock(
        blocks.RichTextBlock(features=INLINE_FEATURES, validators=[validate_page_links]),
        help_text=_("One entry per item."),
    )

    class Meta:
        icon = "list-ul"
        template = "blocks/list_block.html"


class FootnoteBlock(blocks.StructBlock):
    number = blocks.CharBlock(
        max_length=8,
        help_text=_(
            "The note's mark as it appears in the text (for example '1'). Link to it from the "
            "paragraph with the address #footnote-1."
        ),
    )
    text = blocks.RichTextBlock(
        features=INLINE_FEATURES, validators=[validate_page_links], help_text=_("The note itself.")
    )

    class Meta:
        icon = "doc-full"
        template = "blocks/footnote_block.html"


class AgreementListBlock(blocks.StructBlock):
    """One of the book's three lists of agreements, built from the status each agreement had in the
    book (``book_status``), so the list stays the book's when an agreement's status changes; today's
    status is shown beside a line where it differs."""

    status = blocks.ChoiceBlock(
        choices=AgreementStatus.choices,
        help_text=_("Which of the book's three lists to show: the agreements the book reports with this status."),
    )
    heading = blocks.CharBlock(max_length=200, help_text=_("The list's heading, e.g. 'In force'."))

    class Meta:
        icon = "list-ol"
        template = "blocks/agreement_list_block.html"

    def get_context(self, value, parent_context=None):
        context = super().get_context(value, parent_context=parent_context)
        queryset = Agreement.objects.live().in_book_list(value["status"]).by_book_order()
        agreements = queryset.first_with_total(book_links.RECORDS_PER_SECTION)
        agreements.listing_url = f"{reverse('agreement_list')}?{urlencode({'book_status': value['status']})}"
        context["agreements"] = agreements
        return context


class SectionContentBlock(blocks.StreamBlock):
    paragraph = blocks.RichTextBlock(
        features=PARAGRAPH_FEATURES, validators=[validate_page_links], template="blocks/paragraph_block.html"
    )
    subheading = SubheadingBlock()
    quote = QuoteBlock()
    list = ListBlock()
    agreement_list = AgreementListBlock()
    footnote = FootnoteBlock()


class SectionBlock(blocks.StructBlock):
    heading = blocks.CharBlock(max_length=200, help_text=_("The section's heading."))
    anchor = anchor_block()
    content = SectionContentBlock()

    class Meta:
        icon = "doc-full-inverse"
        template = "blocks/section_block.html"


class ChapterBodyBlock(blocks.StreamBlock):
    """A chapter's sections; every anchor in it must be unique so links stay unambiguous."""

    section = SectionBlock()

    class Meta:
        # A chapter is dozens of sections: each opens on its own (click its heading), so the editor
        # moves through the chapter section by section instead of one page-long form.
        collapsed = True

    def clean(self, value):
        value = super().clean(value)
        seen = set()
        for child in value:
            anchors = [child.value["anchor"]] + [
                block.value["anchor"] for block in child.value["content"] if block.block_type == "subheading"
            ]
            for anchor in anchors:
                if anchor in seen:
                    raise ValidationError(
                        _("The anchor “%(anchor)s” is used twice in this chapter; each must be unique.")
                        % {"anchor": anchor}
                    )
                seen.add(anchor)
        return value


def section_anchors(body):
    """(anchor, heading, is_subsection) for every section and subsection of a chapter body."""
    result = []
    for child in body:
        result.append((child.value["anchor"], child.value["heading"], False))
        for block in child.value["content"]:
            if block.block_type == "subheading":
                result.append((block.value["anchor"], block.value["heading"], True))
    return result
