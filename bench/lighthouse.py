"""Lighthouse (mobile: a mid-range phone on a slow 4G network, simulated) on every public template in
both languages, against the production stack: `make lighthouse`.

Builds a database holding the book's fixtures, serves it with gunicorn and the production settings
(WhiteNoise, compressed pages, page cache), runs Lighthouse 12 in Debian's Chromium on each address
and writes the four scores of each to bench/results/lighthouse.md (git-ignored) and to stdout.
Lighthouse comes from npm into .tools/ (`make lighthouse` installs it)."""

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from run import BASE, PYTHON, environment, machine, run, start_server, stop_server

LIGHTHOUSE = BASE / ".tools" / "node_modules" / ".bin" / "lighthouse"
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHROME_FLAGS = (
    "--headless=new --no-sandbox --disable-gpu --disable-background-networking --disable-component-update "
    "--no-first-run --host-resolver-rules='MAP * ~NOTFOUND, EXCLUDE 127.0.0.1'"
)
# Every public template once. The search results page asks robots not to index it, so its SEO score is
# expected below 100.
TEMPLATES = [
    ("home", ""),
    ("chapter I", "chapter-1/"),
    ("chapter III", "chapter-3/"),
    ("authors", "authors/"),
    ("agreements", "agreements/"),
    ("agreement", "agreements/peru-japan-epa/"),
    ("agreements timeline", "agreements/timeline/"),
    ("partnerships", "partnerships/"),
    ("partners", "partners/"),
    ("partner", "partners/japan/"),
    ("initiatives", "initiatives/"),
    ("initiative", "initiatives/cop20/"),
    ("areas of diplomacy", "diplomacy/"),
    ("area", "diplomacy/health/"),
    ("figures", "figures/"),
    ("search results", "search/?q=trade"),
    ("open data", "data/"),
    ("recent changes", "changes/"),
]
LANGUAGES = os.environ.get("LIGHTHOUSE_LANGUAGES", "en,es").split(",")


def lighthouse(url, work, attempts=3):
    """The four scores and the failed binary audits of one page. Lighthouse now and then fails to
    record a trace (NO_NAVSTART): such a run is tried again."""
    for _attempt in range(attempts - 1):
        try:
            return lighthouse_once(url, work)
        except RuntimeError as error:
            print(f"[lighthouse] {url}: {error}; trying again", file=sys.stderr, flush=True)
    return lighthouse_once(url, work)


def lighthouse_once(url, work):
    result = subprocess.run(
        [
            str(LIGHTHOUSE),
            url,
            "--quiet",
            "--output=json",
            "--output-path=stdout",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS}",
        ],
        env={**os.environ, "CHROME_PATH": "/usr/bin/chromium", "HOME": str(work)},
        capture_output=True,
        text=True,
        check=False,
        timeout=180,
    )
    if result.returncode != 0:
        raise RuntimeError(f"lighthouse failed:\n{result.stderr[-2000:]}")
    report = json.loads(result.stdout)
    scores = {name: round(100 * (report["categories"][name]["score"] or 0)) for name in CATEGORIES}
    failed = [
        audit["id"]
        for audit in report["audits"].values()
        if audit.get("score") is not None and audit["score"] < 0.9 and audit.get("scoreDisplayMode") == "binary"
    ]
    return scores, failed


def main():
    if not LIGHTHOUSE.exists():
        raise SystemExit("Lighthouse is not installed: run `make lighthouse`")
    work = Path(tempfile.mkdtemp(prefix="portal-lighthouse-"))
    env = environment(f"sqlite:///{work / 'lighthouse.sqlite3'}", work)
    run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
    run([PYTHON, "manage.py", "load_portal"], env)
    run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
    server = start_server(env, "0-1")
    rows = []
    try:
        for language in LANGUAGES:
            for name, path in TEMPLATES:
                address = f"/{language}/{path}"
                scores, failed = lighthouse(f"http://127.0.0.1:{server[1]}{address}", work)
                rows.append((name, address, scores, failed))
                print(f"[lighthouse] {address}: {scores} {' '.join(failed)}", file=sys.stderr, flush=True)
    finally:
        stop_server(server)
    info = machine()
    lines = [
        f"Lighthouse 12 (mobile, simulated throttling) on {info['date']}, {info['cpu']} ({info['nproc']} cores, load {info['load']}); the production settings on gunicorn, the book's fixtures.",
        "",
        "| page | address | performance | accessibility | best practices | SEO | binary audits failed |",
        "|---|---|---:|---:|---:|---:|---|",
    ]
    for name, address, scores, failed in rows:
        values = " | ".join(str(scores[category]) for category in CATEGORIES)
        lines.append(f"| {name} | `{address}` | {values} | {', '.join(failed) or '—'} |")
    text = "\n".join(lines) + "\n"
    folder = BASE / "bench" / "results"
    folder.mkdir(exist_ok=True)
    (folder / "lighthouse.md").write_text(text)
    sys.stdout.write(text)


if __name__ == "__main__":
    main()
