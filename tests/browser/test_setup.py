"""What happens when the browser tests cannot run: a skip that says why, or a failure under CI."""

import pytest

from tests.browser.conftest import need


def test_a_missing_tool_skips_the_browser_tests_with_the_reason(monkeypatch):
    monkeypatch.delenv("CI", raising=False)
    with pytest.raises(pytest.skip.Exception, match="Chromium is not installed"):
        need(False, "Chromium is not installed at /usr/bin/chromium")


def test_under_ci_a_missing_tool_fails_the_run(monkeypatch):
    monkeypatch.setenv("CI", "true")
    with pytest.raises(pytest.fail.Exception, match="CI=true"):
        need(False, "Chromium is not installed at /usr/bin/chromium")


def test_nothing_happens_when_the_tool_is_there(monkeypatch):
    monkeypatch.setenv("CI", "true")
    need(True, "unused")
