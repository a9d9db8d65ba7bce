"""The HTML report in a real browser: Debian's headless Chromium (tests/browser.py).

.ci/run installs the Debian packages chromium and chromium-driver; where they are missing these
tests skip and say so.
"""

from __future__ import annotations

import shutil
import urllib.parse
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from selenium.webdriver.chrome.webdriver import WebDriver
from selenium.webdriver.support.ui import Select

from crosscheck.domain import Label, Report
from crosscheck.embed import SentenceTransformerEmbedder
from crosscheck.pipeline import CheckedReport, run_check
from crosscheck.report import write_report
from crosscheck.report.common import finding_numbers
from crosscheck.settings import Settings
from tests.browser import missing, start_chromium
from tests.conftest import SEEDS
from tests.hostile import write_hostile

MARK = "rgb(255, 241, 168)"  # --mark in report.css: a claim the address points at


@pytest.fixture(scope="module")
def browser() -> Iterator[WebDriver]:
    if absent := missing():
        pytest.skip(
            f"no headless Chromium ({', '.join(absent)} missing): "
            "`apt-get install chromium chromium-driver` (.ci/run does) to run the browser tests"
        )
    driver = start_chromium()
    yield driver
    driver.quit()


def open_page(driver: WebDriver, path: Path | str) -> None:
    browser_log(driver)  # drops what earlier pages logged
    driver.get(path.as_uri() if isinstance(path, Path) else path)


def console_errors(driver: WebDriver) -> list[str]:
    """What the page logged as errors: a script error, a refused script or style (CSP), a 404."""
    return [entry["message"] for entry in browser_log(driver) if entry["level"] == "SEVERE"]


def browser_log(driver: WebDriver) -> list[dict[str, Any]]:
    """The console's entries since the last call (reading empties it)."""
    entries: list[dict[str, Any]] = driver.get_log("browser")  # type: ignore[no-untyped-call]
    return entries


def js(driver: WebDriver, script: str, *args: Any) -> Any:
    return driver.execute_script(script, *args)


@pytest.fixture(scope="module")
def seeds_report(
    tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder
) -> tuple[CheckedReport, Path]:
    root = tmp_path_factory.mktemp("browse")
    shutil.copytree(SEEDS, root / "seeds")
    run = run_check(root / "seeds", Settings(cache=False), embedder=embedder)
    write_report(run.report, root / "reports", run.assessment)
    return run, root / "reports" / "consistency.html"


def test_the_seeds_report_loads_without_console_errors(
    browser: WebDriver, seeds_report: tuple[CheckedReport, Path]
) -> None:
    run, index = seeds_report
    open_page(browser, index)
    assert browser.title == "Consistency report"
    assert console_errors(browser) == []
    # The script ran (the policy let it): the filters are shown and count the findings.
    total = len(run.report.findings)
    assert browser.find_element("id", "shown").text == f"{total} of {total} findings shown"


def test_each_section_shows_its_findings(browser: WebDriver, seeds_report: tuple[CheckedReport, Path]) -> None:
    run, index = seeds_report
    open_page(browser, index)
    for label in Label:
        shown = js(browser, "return document.querySelectorAll(`#${arguments[0]} .finding`).length", label.value)
        assert shown == run.report.count(label), label
    assert run.report.count(Label.CONFLICTING) == 1 and run.report.count(Label.UNIQUE) == 19


def test_each_highlighted_value_is_inside_its_quote(
    browser: WebDriver, seeds_report: tuple[CheckedReport, Path]
) -> None:
    run, index = seeds_report
    open_page(browser, index)
    marks = js(
        browser,
        """return Array.from(document.querySelectorAll("mark.value"), m => {
            const quote = m.closest(".quote");
            return [m.textContent, quote && quote.dataset.claim, quote && quote.textContent.includes(m.textContent)];
        });""",
    )
    expected = {
        (side.value, side.claim, True)
        for finding in run.report.findings
        for conflict in finding.conflicts
        for side in (conflict.a, conflict.b)
    }
    assert {tuple(m) for m in marks} == expected
    assert {m[0] for m in marks} == {"November 4", "Tuesday"}


def test_every_link_leads_to_an_existing_file_and_anchor(
    browser: WebDriver, seeds_report: tuple[CheckedReport, Path]
) -> None:
    _, index = seeds_report
    ids: dict[str, set[str]] = {}
    links: list[tuple[str, str]] = []  # (page, link)

    def visit(page: str) -> None:
        open_page(browser, page)
        assert console_errors(browser) == [], page
        ids[page] = set(js(browser, "return Array.from(document.querySelectorAll('[id]'), e => e.id)"))
        links.extend((page, href) for href in js(browser, "return Array.from(document.links, a => a.href)"))

    visit(index.as_uri())
    pages = sorted({href.split("#")[0] for _, href in links if href.endswith(".html") or ".html#" in href})
    for page in pages:
        if page not in ids:
            visit(page)
    assert len(ids) == 3  # the index and both sources' pages
    for page, href in links:
        target = urllib.parse.urlsplit(href)
        assert target.scheme == "file", (page, href)
        assert Path(urllib.parse.unquote(target.path)).is_file(), (page, href)
        if target.fragment:
            document = urllib.parse.urlunsplit(target._replace(fragment=""))
            assert target.fragment in ids[document], (page, href)
    assert len(links) > 50


def test_filters_hide_and_show_rows(browser: WebDriver, seeds_report: tuple[CheckedReport, Path]) -> None:
    run, index = seeds_report
    open_page(browser, index)
    visible = """return Array.from(document.querySelectorAll(".finding"))
        .filter(row => row.closest("[hidden]") === null && getComputedStyle(row).display !== "none")
        .map(row => row.id);"""
    every = js(browser, visible)
    assert len(every) == len(run.report.findings)
    label = Select(browser.find_element("name", "label"))
    label.select_by_value("unique")
    assert len(js(browser, visible)) == run.report.count(Label.UNIQUE) == 19
    assert js(browser, "return document.getElementById('F1').hidden") is True
    Select(browser.find_element("name", "source")).select_by_value("S1")
    s1 = js(browser, visible)
    numbers, first = finding_numbers(run.report), run.report.sources[0].id
    assert s1 == [
        f"F{numbers[f.id]}"
        for f in run.report.findings
        if f.label is Label.UNIQUE and run.report.claim(f.claims[0]).source == first
    ]
    assert 0 < len(s1) < 19
    assert browser.find_element("id", "shown").text == f"{len(s1)} of {len(every)} findings shown"
    label.select_by_value("conflicting")
    Select(browser.find_element("name", "status")).select_by_value("dismissed")
    assert js(browser, visible) == ["F1"]
    Select(browser.find_element("name", "type")).select_by_value("unresolved")
    assert js(browser, visible) == ["F1"]
    Select(browser.find_element("name", "status")).select_by_value("new")
    assert js(browser, visible) == []
    browser.find_element("css selector", "#filters button[type=reset]").click()
    assert js(browser, visible) == every


def test_a_quote_opens_its_source_page_at_the_claim(
    browser: WebDriver, seeds_report: tuple[CheckedReport, Path]
) -> None:
    run, index = seeds_report
    open_page(browser, index)
    quote = browser.find_element("css selector", "#F1 .quote a.cite")
    claim = run.report.claim(js(browser, "return arguments[0].closest('.quote').dataset.claim", quote))
    quote.click()
    assert browser.current_url.endswith(f".html#{claim.id}")
    assert browser.title.startswith("S1 ")
    assert console_errors(browser) == []
    target = browser.find_element("id", claim.id)
    assert js(browser, "return getComputedStyle(arguments[0]).backgroundColor", target) == MARK
    assert claim.text.startswith(target.text)
    line = js(browser, "return arguments[0].closest('.line').id", target)
    assert line == f"L{claim.line}"
    # Back to the finding from the line's reference.
    browser.find_element("css selector", f"#L{claim.line} .refs a").click()
    assert browser.current_url.endswith("consistency.html#F1")


@pytest.fixture(scope="module")
def hostile_report(
    tmp_path_factory: pytest.TempPathFactory, embedder: SentenceTransformerEmbedder
) -> tuple[Report, Path]:
    root = tmp_path_factory.mktemp("hostile-browse")
    run = run_check(write_hostile(root), Settings(cache=False), embedder=embedder)
    write_report(run.report, root / "reports", run.assessment)
    return run.report, root / "reports"


def test_hostile_articles_run_nothing_and_inject_nothing(
    browser: WebDriver, hostile_report: tuple[Report, Path]
) -> None:
    report, out = hostile_report
    pages = [out / "consistency.html", *sorted((out / "consistency-sources").iterdir())]
    assert len(pages) == 1 + len(report.sources)
    for page in pages:
        open_page(browser, page)
        # Hovering over everything would fire an injected onmouseover.
        js(browser, "for (const e of document.querySelectorAll('body *')) e.dispatchEvent(new MouseEvent('mouseover'))")
        assert js(browser, "return window.__pwned === undefined"), page
        assert console_errors(browser) == [], page
        assert js(browser, "return document.scripts.length") == 1
        assert js(browser, "return document.querySelectorAll('img, svg, iframe, object, embed').length") == 0
        injected = js(
            browser,
            """return Array.from(document.querySelectorAll("*")).filter(e =>
                Array.from(e.attributes).some(a => a.name.startsWith("on")
                    || /^\\s*javascript:/i.test(a.value) && ["href", "src", "action"].includes(a.name))).length""",
        )
        assert injected == 0, page
    # The attacks are on the pages, as text.
    open_page(browser, out / "consistency.html")
    assert '<script>window.__pwned = "body"</script>' in browser.find_element("tag name", "body").text


def test_the_printed_report_has_no_filters_and_every_finding(
    browser: WebDriver, seeds_report: tuple[CheckedReport, Path]
) -> None:
    run, index = seeds_report
    open_page(browser, index)
    browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    try:
        assert js(browser, "return getComputedStyle(document.getElementById('filters')).display") == "none"
        laid_out = js(
            browser,
            """return Array.from(document.querySelectorAll(".finding"))
                .filter(f => getComputedStyle(f).contentVisibility === "visible").length""",
        )
        assert laid_out == len(run.report.findings)  # none left out of the print as off-screen
    finally:
        browser.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
