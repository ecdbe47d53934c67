"""Editors and moderators in the real admin: an editor's change waits for a moderator's approval
before the public sees it, and an editor cannot publish, not even by forging the publish button."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import fill_date, log_in

pytestmark = pytest.mark.browser


def open_actions(page):
    """The footer's 'More actions' menu, beside the main save button."""
    page.locator("footer .w-dropdown__toggle").click()


def open_section(page, field_name):
    """Opens the chapter section holding ``field_name`` (sections start collapsed): clicks the toggle
    of every collapsed panel around the field, outermost first, as an editor clicks the headings."""
    field = page.locator(f"[name='{field_name}']")
    # The stream's script collapses the sections once it has built them.
    expect(page.locator("[data-panel-toggle][aria-expanded='false']").first).to_be_attached()
    field.evaluate(
        """(field) => {
            const panels = [];
            for (let panel = field.closest('[data-panel]'); panel; panel = panel.parentElement.closest('[data-panel]')) {
                panels.unshift(panel);
            }
            for (const panel of panels) {
                const toggle = panel.querySelector('[data-panel-toggle]');
                if (toggle && toggle.getAttribute('aria-expanded') === 'false') toggle.click();
            }
        }"""
    )
    expect(field).to_be_visible()


def submit_for_review(page):
    open_actions(page)
    page.locator("footer button[name=action-submit]").click()
    expect(page.locator(".messages")).to_contain_text("submitted for moderation")


def status_shown(page, url):
    page.goto(url)
    return page.locator("dl.facts").inner_text()


def test_an_agreements_new_status_is_public_only_after_a_moderator_approves_it(new_page, portal_server):
    agreement_id = portal_server.data["agreements"]["peru-brazil-deepening"]
    public_url = "/en/agreements/peru-brazil-deepening/"
    visitor = new_page()
    assert "Signed, about to enter into force" in status_shown(visitor, public_url)

    editor = new_page()
    log_in(editor, "editor")
    editor.goto(f"/admin/snippets/agreements/agreement/edit/{agreement_id}/")
    editor.get_by_role("tab", name="Status and dates").click()
    editor.select_option("#id_status", "in_force")
    fill_date(editor, "#id_last_verified_on", "2026-11-20")
    submit_for_review(editor)

    facts = status_shown(visitor, public_url)
    assert "Signed, about to enter into force" in facts and "In force" not in facts

    moderator = new_page()
    log_in(moderator, "moderator")
    dashboard = moderator.locator("main").inner_text()
    assert "Awaiting your review" in dashboard
    assert "Economic and Commercial Deepening Agreement between Peru and Brazil" in dashboard
    moderator.goto(f"/admin/snippets/agreements/agreement/edit/{agreement_id}/")
    open_actions(moderator)
    moderator.get_by_role("button", name="Approve with comment and Publish").click()
    moderator.fill(".modal textarea[name=comment]", "Checked against the Ministry's announcement.")
    moderator.locator(".modal button[type=submit]").click()
    expect(moderator.locator(".messages")).to_contain_text(re.compile("approved|updated|published"))

    facts = status_shown(visitor, public_url)
    assert "In force" in facts
    assert visitor.locator('dl.facts time[datetime="2026-11-20"]').count() == 1
    history = visitor.locator("#history-heading").locator("..").inner_text()
    assert re.search(r"Current status: Signed, about to enter into force\s*→\s*In force", history)


def test_a_chapter_section_goes_through_the_same_review(new_page, portal_server):
    chapter_id = portal_server.data["chapters"]["chapter-2"]
    visitor = new_page()
    visitor.goto("/en/chapter-2/")
    old_heading = visitor.locator("main h2").nth(1).inner_text()

    editor = new_page()
    log_in(editor, "editor")
    editor.goto(f"/admin/pages/{chapter_id}/edit/")
    open_section(editor, "body-0-value-heading")
    heading = editor.locator("input[name='body-0-value-heading']")
    heading.fill("The Ministry's structure, reviewed")
    submit_for_review(editor)

    visitor.goto("/en/chapter-2/")
    assert "The Ministry's structure, reviewed" not in visitor.locator("main").inner_text()

    moderator = new_page()
    log_in(moderator, "moderator")
    moderator.goto(f"/admin/pages/{chapter_id}/edit/")
    open_actions(moderator)
    moderator.get_by_role("button", name="Approve and Publish", exact=True).click()
    expect(moderator.locator(".messages")).to_contain_text(re.compile("approved|updated|published"))

    visitor.goto("/en/chapter-2/")
    text = visitor.locator("main").inner_text()
    assert "The Ministry's structure, reviewed" in text
    assert old_heading not in visitor.locator("main h2").all_inner_texts()


def test_an_editor_cannot_publish_not_even_with_a_forged_publish_button(new_page, portal_server):
    agreement_id = portal_server.data["agreements"]["peru-india-fta"]
    editor = new_page()
    log_in(editor, "kas-editor")
    editor.goto(f"/admin/snippets/agreements/agreement/edit/{agreement_id}/")
    assert editor.locator("button[name=action-publish]").count() == 0
    open_actions(editor)
    assert editor.locator("footer button[name=action-submit]").is_visible()

    editor.fill("#id_description", "FORGED: published without review.")
    # What a hand-made request would send: the form, plus the moderators' publish button.
    with editor.expect_navigation():
        editor.evaluate(
            """() => {
                const form = document.getElementById("w-editor-form");
                const forged = document.createElement("input");
                forged.type = "hidden"; forged.name = "action-publish"; forged.value = "action-publish";
                form.appendChild(forged);
                form.requestSubmit();
            }"""
        )
    visitor = new_page()
    visitor.goto("/en/agreements/peru-india-fta/")
    assert "FORGED" not in visitor.content()
    assert "Under negotiation" in visitor.locator("dl.facts").inner_text()


def test_an_editor_finds_a_party_by_typing_part_of_its_name(new_page, portal_server):
    agreement_id = portal_server.data["agreements"]["tisa"]
    editor = new_page()
    log_in(editor, "editor")
    editor.goto(f"/admin/snippets/agreements/agreement/edit/{agreement_id}/")
    chooser = editor.locator("[data-controller='portal-choices']").filter(has=editor.locator("[name=parties]"))
    boxes = chooser.locator("input[name=parties]")
    expect(chooser.locator(".portal-choices__chosen")).to_contain_text("Chosen:")
    chooser.locator("input[type=search]").fill("jap")
    visible = chooser.locator("label").filter(visible=True)
    expect(visible).to_have_count(1)
    expect(visible).to_contain_text("Japan")
    chooser.locator("input[type=search]").fill("zzz")
    expect(chooser.locator(".portal-choices__empty")).to_be_visible()
    expect(chooser.locator(".portal-choices__chosen")).not_to_contain_text("Guatemala")
    # Case and accents do not matter.
    chooser.locator("input[type=search]").fill("GUATEMÁLA")
    guatemala = chooser.locator("label").filter(visible=True)
    expect(guatemala).to_have_count(1)
    guatemala.locator("input").check()
    expect(chooser.locator(".portal-choices__chosen")).to_contain_text("Guatemala")
    # The search box is not part of the form: only the ticked boxes are sent.
    assert boxes.count() > 50
    open_actions(editor)
    editor.locator("footer button[name=action-submit]").click()
    expect(editor.locator(".messages")).to_contain_text("submitted for moderation")
