"""The editor guide's pictures (docs/img/), taken from the real admin while walking through what the
guide describes. Run with SCREENSHOTS=1 to write them; otherwise it only checks the walk works."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import fill_date, log_in, screenshot
from tests.browser.test_review import open_section

pytestmark = pytest.mark.browser


def edit_url(kind, pk):
    return f"/admin/snippets/{kind}/edit/{pk}/"


def test_the_editor_guide_walkthrough(new_page, portal_server):
    agreement_id = portal_server.data["agreements"]["peru-guatemala-fta"]
    agreement_edit = edit_url("agreements/agreement", agreement_id)

    editor = new_page()
    editor.goto("/admin/login/")
    screenshot(editor, "login")
    log_in(editor, "editor")

    # Choose an agreement's parties by typing part of a name.
    editor.goto(agreement_edit)
    parties = editor.locator("[data-controller='portal-choices']").filter(has=editor.locator("[name=parties]"))
    parties.locator("input[type=search]").fill("gua")
    parties.scroll_into_view_if_needed()
    expect(parties.locator("label").filter(visible=True).first).to_contain_text("Guatemala")
    screenshot(editor, "agreement-parties")
    parties.locator("input[type=search]").fill("")

    # Update an agreement's status and last-verified date, then submit it for review.
    editor.get_by_role("tab", name="Status and dates").click()
    editor.select_option("#id_status", "in_force")
    fill_date(editor, "#id_last_verified_on", "2026-11-20")
    editor.locator("#id_status").scroll_into_view_if_needed()
    screenshot(editor, "agreement-status")
    editor.locator("footer .w-dropdown__toggle").click()
    expect(editor.locator("footer button[name=action-submit]")).to_be_visible()
    screenshot(editor, "submit-for-review")
    editor.locator("footer button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")

    # Add an initiative.
    editor.goto("/admin/snippets/diplomacy/initiative/add/")
    editor.fill("#id_title", "A new consular programme")
    screenshot(editor, "initiative-add")

    # The moderator's dashboard, the review, the approval with a comment.
    moderator = new_page()
    log_in(moderator, "moderator")
    screenshot(moderator, "dashboard")
    moderator.locator("#portal-stale-agreements-section").scroll_into_view_if_needed()
    expect(moderator.locator("#portal-stale-agreements-section")).to_contain_text("not yet verified — open the list")
    screenshot(moderator, "dashboard-verify")
    moderator.get_by_text("Awaiting your review").scroll_into_view_if_needed()
    screenshot(moderator, "awaiting-review")
    moderator.goto(agreement_edit)
    moderator.locator("footer .w-dropdown__toggle").click()
    expect(moderator.get_by_role("button", name="Approve with comment and Publish")).to_be_visible()
    screenshot(moderator, "approve")
    moderator.get_by_role("button", name="Approve with comment and Publish").click()
    moderator.fill(".modal textarea[name=comment]", "Checked against the official gazette.")
    screenshot(moderator, "approve-comment")
    moderator.locator(".modal button[type=submit]").click()
    expect(moderator.locator(".messages")).to_contain_text(re.compile("approved|updated|published"))

    # History, compare and revert.
    moderator.goto(f"/admin/snippets/agreements/agreement/history/{agreement_id}/")
    expect(moderator.locator("#listing-results")).to_contain_text("moderator")
    screenshot(moderator, "history")
    moderator.goto(f"/admin/snippets/agreements/agreement/history/{agreement_id}/revisions/compare/earliest...latest/")
    expect(moderator.locator("main")).to_contain_text("In force")
    screenshot(moderator, "compare")

    # Scheduling: the status side panel's "Edit schedule" dialog.
    moderator.goto(agreement_edit)
    moderator.locator("[data-side-panel-toggle='status']").click()
    moderator.get_by_role("button", name=re.compile("schedule", re.IGNORECASE)).first.click()
    dialog = moderator.locator("#schedule-publishing-dialog")
    expect(dialog).to_be_visible()
    dialog.locator("input[name=go_live_at]").fill("2027-01-01 09:00")
    screenshot(moderator, "schedule")

    # Locking.
    moderator.keyboard.press("Escape")
    expect(moderator.locator("[data-side-panel='status']")).to_contain_text("Unlocked")
    screenshot(moderator, "lock")

    # The chapter editor.
    chapter_id = portal_server.data["chapters"]["chapter-3"]
    editor.goto(f"/admin/pages/{chapter_id}/edit/")
    expect(editor.locator("textarea[name=title]")).to_be_visible()
    screenshot(editor, "chapter-title")
    editor.locator("[data-panel-toggle][aria-expanded='false']").first.scroll_into_view_if_needed()
    screenshot(editor, "chapter-sections")
    open_section(editor, "body-1-value-heading")
    editor.locator("input[name='body-1-value-heading']").scroll_into_view_if_needed()
    screenshot(editor, "chapter-editor")

    # The admin in Spanish: the account settings.
    editor.goto("/admin/account/")
    editor.locator("#id_locale-preferred_language").scroll_into_view_if_needed()
    screenshot(editor, "account-language")
