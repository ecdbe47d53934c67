"""The charts as a reader sees them, on a phone (360 px) and a desktop (1280 px), in both languages:
every label rendered at 12 px or more, every mark reachable with the Tab key with its details then
shown, marks that stand out from the page, the data table in a scrolling region with its caption."""

import re

import pytest

pytestmark = pytest.mark.browser

PHONE, DESKTOP = 360, 1280
TIMELINES = ["/{lang}/agreements/timeline/", "/{lang}/partnerships/"]
SMALLEST = 12  # px, as rendered

# The rendered size of every piece of text in the visible layout of each chart on the page: HTML
# text at its computed size; SVG text at its computed size times the SVG's scale on screen.
TEXT_SIZES = """() => {
    const sizes = [];
    const visible = (el) => {
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility === "visible";
    };
    for (const figure of document.querySelectorAll("figure.chart, figure.comparison")) {
        for (const svg of figure.querySelectorAll("svg[viewBox]")) {
            if (!visible(svg) || svg.closest(".chart-symbol, .comparison__bar")) continue;
            const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
            for (const text of svg.querySelectorAll("text")) {
                if (!visible(text) || !text.textContent.trim()) continue;
                sizes.push({text: text.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(text).fontSize) * scale});
            }
        }
        const walker = document.createTreeWalker(figure, NodeFilter.SHOW_TEXT);
        while (walker.nextNode()) {
            const node = walker.currentNode;
            const parent = node.parentElement;
            if (!node.textContent.trim() || parent.closest("svg") || !visible(parent)) continue;
            sizes.push({text: node.textContent.trim().slice(0, 40), size: parseFloat(getComputedStyle(parent).fontSize)});
        }
    }
    return sizes;
}"""

# Focus the last focusable element before the first chart, so that one press of Tab moves into it.
FOCUS_BEFORE_CHART = """() => {
    const chart = document.querySelector("figure.chart");
    const focusable = [...document.querySelectorAll("a[href], button, input, select, [tabindex='0']")]
        .filter((el) => el.getClientRects().length && (chart.compareDocumentPosition(el) & Node.DOCUMENT_POSITION_PRECEDING));
    focusable[focusable.length - 1].focus();
}"""

ACTIVE_MARK = """() => {
    const el = document.activeElement;
    const wide = el.closest(".chart__wide"), narrow = el.closest(".chart__narrow");
    const result = {tag: el.tagName.toLowerCase(), name: el.getAttribute("aria-label") || el.textContent.trim(), wide: !!wide, narrow: !!narrow};
    if (wide) {
        const details = el.querySelector(".chart-mark__details");
        const svg = el.ownerSVGElement;
        const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
        result.details = details.textContent.trim().replace(/\\s+/g, " ");
        result.detailsVisible = getComputedStyle(details).visibility === "visible";
        result.detailsSize = parseFloat(getComputedStyle(details.querySelector("text")).fontSize) * scale;
        result.othersHidden = [...svg.querySelectorAll(".chart-mark__details")]
            .filter((other) => other !== details).every((other) => getComputedStyle(other).visibility === "hidden");
    }
    if (narrow) {
        const facts = el.parentElement.querySelector(".timeline-list__facts");
        const box = facts.getBoundingClientRect();
        result.details = facts.textContent.trim();
        result.detailsVisible = box.width > 0 && box.height > 0 && getComputedStyle(facts).visibility === "visible";
        result.detailsSize = parseFloat(getComputedStyle(facts).fontSize);
    }
    return result;
}"""

MARK_COLOURS = """() => [...document.querySelectorAll(".chart__wide .chart-mark circle:not(.chart-mark__halo), .chart__wide .chart-mark rect:not([width='760'])")]
    .map((shape) => {
        const style = getComputedStyle(shape);
        return style.fill !== "rgb(255, 255, 255)" && style.fill !== "none" ? style.fill : style.stroke;
    })"""


def goto(page, url, width):
    page.set_viewport_size({"width": width, "height": 900})
    response = page.goto(url)
    assert response.status == 200, url


def luminance(rgb):
    def channel(value):
        value /= 255
        return value / 12.92 if value <= 0.03928 else ((value + 0.055) / 1.055) ** 2.4

    red, green, blue = (channel(int(part)) for part in re.findall(r"\d+", rgb)[:3])
    return 0.2126 * red + 0.7152 * green + 0.0722 * blue


def contrast(first, second):
    lighter, darker = sorted((luminance(first), luminance(second)), reverse=True)
    return (lighter + 0.05) / (darker + 0.05)


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("address", TIMELINES)
def test_timeline_labels_are_readable(page, address, width, lang):
    goto(page, address.format(lang=lang), width)
    wide, narrow = page.locator(".chart__wide"), page.locator(".chart__narrow")
    if width == DESKTOP:
        assert wide.is_visible() and not narrow.is_visible()
        # Drawn at its own size: one SVG unit is one CSS pixel.
        scale = page.evaluate(
            "() => { const svg = document.querySelector('.chart__wide svg'); "
            "return svg.getBoundingClientRect().width / svg.viewBox.baseVal.width; }"
        )
        assert scale == pytest.approx(1, abs=0.01)
    else:
        assert narrow.is_visible() and not wide.is_visible()
    sizes = page.evaluate(TEXT_SIZES)
    assert len(sizes) >= 8  # title, description, legend, axis and more
    small = [entry for entry in sizes if entry["size"] < SMALLEST]
    assert not small, small[:5]
    # Nothing spills past the screen's edge but the table, which scrolls in its own region.
    assert page.evaluate("document.documentElement.scrollWidth") <= width


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
@pytest.mark.parametrize("address", TIMELINES)
def test_a_marks_details_are_reached_with_the_keyboard(page, address, width, lang):
    goto(page, address.format(lang=lang), width)
    page.evaluate(FOCUS_BEFORE_CHART)
    page.keyboard.press("Tab")
    mark = page.evaluate(ACTIVE_MARK)
    assert mark["tag"] == "a" and mark["name"]
    assert mark["wide"] if width == DESKTOP else mark["narrow"]
    assert mark["detailsVisible"] and mark["details"], mark
    assert mark["detailsSize"] >= SMALLEST
    if width == DESKTOP:
        assert mark["othersHidden"]
        # The band names the mark the link is named after.
        assert mark["name"].split(",")[0] in mark["details"]
        page.keyboard.press("Tab")
        following = page.evaluate(ACTIVE_MARK)
        assert following["wide"] and following["detailsVisible"] and following["name"] != mark["name"]


@pytest.mark.parametrize("address", TIMELINES)
def test_pointing_at_a_mark_shows_its_details_too(page, address):
    goto(page, address.format(lang="en"), DESKTOP)
    mark = page.locator(".chart__wide .chart-mark").nth(3)
    details = mark.locator(".chart-mark__details")
    assert details.evaluate("(el) => getComputedStyle(el).visibility") == "hidden"
    mark.locator("g[transform], text.chart-mark__label").first.hover()
    assert details.evaluate("(el) => getComputedStyle(el).visibility") == "visible"


@pytest.mark.parametrize("address", TIMELINES)
def test_marks_stand_out_from_the_page(page, address):
    goto(page, address.format(lang="en"), DESKTOP)
    paper = page.evaluate("getComputedStyle(document.body).backgroundColor")
    colours = set(page.evaluate(MARK_COLOURS))
    assert colours
    for colour in colours:
        assert contrast(colour, paper) >= 3, colour


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("address", TIMELINES)
def test_the_data_table_scrolls_in_its_own_region_on_a_phone(page, address, lang):
    goto(page, address.format(lang=lang), PHONE)
    region = page.locator(".chart-and-table .table-scroll")
    assert region.get_attribute("tabindex") == "0" and region.get_attribute("role") == "region"
    caption = region.locator("caption")
    assert caption.is_visible() and caption.inner_text().strip()
    assert region.evaluate("(el) => getComputedStyle(el).overflowX") == "auto"
    box = region.bounding_box()
    assert box["x"] >= 0 and box["x"] + box["width"] <= PHONE


@pytest.mark.parametrize("lang", ["en", "es"])
@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_figures_comparisons_read_on_any_screen(page, width, lang):
    goto(page, f"/{lang}/figures/", width)
    sizes = page.evaluate(TEXT_SIZES)
    assert any(re.search(r"\d", entry["text"]) for entry in sizes)
    small = [entry for entry in sizes if entry["size"] < SMALLEST]
    assert not small, small[:5]
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    # Cards in the same row are as tall as each other.
    heights = page.evaluate(
        """() => { const rows = {};
        for (const card of document.querySelectorAll('#area-digital .figure-card')) {
            const box = card.getBoundingClientRect();
            (rows[Math.round(box.top)] ||= []).push(Math.round(box.height));
        }
        return Object.values(rows); }"""
    )
    assert heights and all(len(set(row)) == 1 for row in heights), heights
    # A note opens from the keyboard.
    note = page.locator("#coers details.figure-card__note")
    note.locator("summary").focus()
    page.keyboard.press("Enter")
    assert note.evaluate("(el) => el.open")


@pytest.mark.parametrize("width", [PHONE, DESKTOP])
def test_no_serious_accessibility_violation_in_the_charts(new_page, axe_source, width):
    page = new_page(bypass_csp=True)
    for address in (*(url.format(lang="en") for url in TIMELINES), "/en/figures/"):
        goto(page, address, width)
        page.add_script_tag(content=axe_source)
        found = page.evaluate(
            """async () => (await axe.run(document, {resultTypes: ["violations"]})).violations
                .filter((v) => ["serious", "critical"].includes(v.impact))
                .map((v) => v.id + ": " + v.nodes.slice(0, 3).map((n) => n.target.join(" ")).join(", "))"""
        )
        assert not found, (address, found)
