"""The admin's preview panel renders the page or record being edited, in Chromium: the preview's
own headers let the admin frame it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import log_in

pytestmark = pytest.mark.browser


def preview_frame(page):
    page.locator('button[data-side-panel-toggle="preview"]').click()
    iframe = page.locator("iframe[data-w-preview-target='iframe'], iframe#w-preview-iframe").first
    expect(iframe).to_be_visible()
    return page.frame_locator("iframe[data-w-preview-target='iframe'], iframe#w-preview-iframe").first


@pytest.mark.parametrize(
    "kind, key, url, heading",
    [
        ("page", "chapter-3", "/admin/pages/{id}/edit/", "Strengthening and modernizing of Peruvian foreign policy"),
        ("snippet", "tisa", "/admin/snippets/agreements/agreement/edit/{id}/", "Trade in Services Agreement"),
    ],
)
def test_the_preview_panel_shows_the_page_being_edited(new_page, portal_server, kind, key, url, heading):
    blocked = []
    editor = new_page()
    editor.on("console", lambda message: blocked.append(message.text) if "frame-ancestors" in message.text else None)
    log_in(editor, "editor")
    object_id = portal_server.data["chapters" if kind == "page" else "agreements"][key]
    editor.goto(url.format(id=object_id))
    frame = preview_frame(editor)
    expect(frame.locator("h1")).to_contain_text(heading, timeout=15_000)
    expect(frame.locator("main")).to_be_visible()
    assert not blocked, blocked
