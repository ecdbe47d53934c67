"""Plain messages after a page is saved or published: "Draft saved — not public yet" or
"Published", as the records' admin says them (portal.foundations.admin). Wagtail's page views write
their message before running the ``after_create_page`` / ``after_edit_page`` hooks and offer no way
to change it, so the hook swaps the sentence it recognizes for the plain one, keeping the message's
buttons (View live, Edit) and every other message."""

from django.contrib import messages
from django.utils.html import conditional_escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext

from portal.foundations.admin import plain_save_message


def wagtail_sentences(page):
    """Wagtail's own sentences (its catalogue, in the editor's language), escaped as its message
    template writes them → whether each means the page is published."""
    title = {"page_title": page.get_admin_display_title()}
    sentences = {
        "Page '%(page_title)s' has been updated.": False,
        "Page '%(page_title)s' created.": False,
        "Page '%(page_title)s' has been published.": True,
        "Page '%(page_title)s' created and published.": True,
    }
    return {str(conditional_escape(gettext(sentence) % title)): published for sentence, published in sentences.items()}


def plain_page_messages(request, page):
    sentences = wagtail_sentences(page)
    queued = list(messages.get_messages(request))  # reading them empties the queue: each is added back
    for message in queued:
        text = message.message
        html = str(text).strip()
        for sentence, published in sentences.items():
            if html.startswith(sentence):
                plain = plain_save_message(
                    page.specific_class._meta.verbose_name,
                    page.get_admin_display_title(),
                    published=published,
                    live=page.live,
                )
                # Both parts are escaped: Wagtail's sentence above, the plain one here.
                text = mark_safe(str(conditional_escape(plain)) + html[len(sentence) :])  # noqa: S308
                break
        messages.add_message(request, message.level, text, extra_tags=message.extra_tags)
