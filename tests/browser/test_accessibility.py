"""axe-core in the real browser: no serious or critical accessibility violation on the home page, a
chapter, every listing and every detail template. The check is first shown to fail on a page built
to fail."""

import pytest

pytestmark = pytest.mark.browser

BLOCKING = ("serious", "critical")
RUN_AXE = """async () => {
    const results = await axe.run(document, {resultTypes: ["violations"]});
    return results.violations.map((v) => ({
        id: v.id, impact: v.impact, help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(" ")),
    }));
}"""


@pytest.fixture
def page(new_page):
    return new_page(bypass_csp=True)


def violations(page, axe_source):
    page.add_script_tag(content=axe_source)
    return page.evaluate(RUN_AXE)


def blocking(found):
    return [v for v in found if v["impact"] in BLOCKING]


def describe(found):
    return "\n".join(f"{v['impact']}: {v['id']} ({v['help']}) at {', '.join(v['nodes'])}" for v in found)


def test_the_check_fails_on_a_deliberately_broken_page(page, axe_source):
    page.goto("/en/")
    page.set_content(
        '<!doctype html><html lang="en"><head><title>Broken</title></head><body><main>'
        '<img src="/static/missing.png"><button></button>'
        '<p style="color:#ccc;background:#fff">Pale text</p></main></body></html>'
    )
    found = blocking(violations(page, axe_source))
    assert {"image-alt", "button-name"} <= {v["id"] for v in found}
    assert "critical" in {v["impact"] for v in found}


def pages(data):
    return {
        "home": "/en/",
        "chapter": "/en/chapter-1/",
        "agreements": "/en/agreements/",
        "agreements filtered": "/en/agreements/?status=negotiating&country=IN",
        "partnerships": "/en/partnerships/",
        "initiatives": "/en/initiatives/",
        "figures": "/en/figures/",
        "search": "/en/search/?q=peru",
        "agreement": "/en/agreements/peru-japan-epa/",
        "partner": f"/en/partners/{data['partner']}/",
        "initiative": f"/en/initiatives/{data['initiative']}/",
        "area": "/en/diplomacy/health/",
        "authors": "/en/authors/",
        "spanish home": "/es/",
        "spanish agreements": "/es/agreements/",
        "data": "/en/data/",
        "spanish data": "/es/data/",
        "changes": "/en/changes/",
    }


NAMES = list(pages({"partner": "", "initiative": ""}))


@pytest.mark.parametrize("name", NAMES)
def test_no_serious_or_critical_violations(page, portal_server, axe_source, name):
    url = pages(portal_server.data)[name]
    response = page.goto(url)
    assert response.status == 200, url
    found = blocking(violations(page, axe_source))
    assert not found, f"{url}\n{describe(found)}"
