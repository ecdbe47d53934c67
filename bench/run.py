"""The portal's benchmark (`make bench`): the production settings on gunicorn, on loopback, driven by wrk.

1. Builds a database of its own (SQLite in a temporary folder, or BENCH_DATABASE_URL): migrate,
   load_portal, then counts each page's SQL queries at the fixture size (fragment cache off and on), adds 10,000 agreements and
   2,000 initiatives (bench/generate.py), counts them again and streams the exports of every agreement
   (bench/exports.py).
2. Starts gunicorn pinned to one core (taskset) and drives it with wrk pinned to another, page by page,
   after a warm-up, in each mode (MODES): with nothing cached, with the fragment cache only, and with
   the page cache too; then the two cached modes again with the cache in Redis (REDIS_MODES: Debian's
   redis-server, started on a free loopback port on wrk's core). A static file served by the same
   server, measured before and after the pages, is the ceiling every page is compared with.
3. Prints a Markdown report (machine, date, requests/s, p50/p99 latency, errors, ratio to the static
   file, queries per page at both sizes) and writes it to bench/results/latest.md.

Environment: BENCH_SECONDS (per URL, default 10), BENCH_CONNECTIONS (8), BENCH_WORKERS (gunicorn
workers, 2), BENCH_DATABASE_URL (a postgres:// URL of an empty database to use instead of SQLite).
"""

import datetime
import json
import os
import platform
import re
import secrets
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

BASE = Path(__file__).resolve().parent.parent
PYTHON = sys.executable
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
SECONDS = int(os.environ.get("BENCH_SECONDS", "10"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))

PAGES = [
    ("home", "/en/"),
    ("chapter", "/en/chapter-3/"),
    ("agreements", "/en/agreements/"),
    ("agreements, filtered", "/en/agreements/?status=in_force&region=asia&sort=title&page=2"),
    ("partnerships", "/en/partnerships/"),
    ("partnerships, filtered", "/en/partnerships/?kind=strategic_partnership&year_from=2000"),
    ("initiatives", "/en/initiatives/"),
    ("initiatives, filtered", "/en/initiatives/?area=economic&status=achieved&q=trade"),
    ("figures", "/en/figures/"),
    ("agreement detail", "/en/agreements/peru-japan-epa/"),
    ("export (CSV, filtered)", "/en/agreements/export.csv?country=JP"),
    ("search", "/en/search/?q=trade"),
    ("open data page", "/en/data/"),
    ("agreements feed, filtered", "/en/agreements/feed/?status=negotiating"),
    ("recent changes", "/en/changes/"),
    ("sitemap of agreements", "/sitemap-agreement.xml"),
]
# A hostile visitor's requests, each reported beside the plain listing it is a variant of: none may
# cost more than twice as much (issue: "no request's cost grows with its input").
WORST_CASES = [
    ("agreements, ten one-letter words", "/en/agreements/?q=a+b+c+d+e+f+g+h+i+j", "agreements"),
    (
        "agreements, ten real words",
        "/en/agreements/?q=trade+agreement+peru+japan+economic+partnership+free+cooperation+services+digital",
        "agreements",
    ),
    ("agreements, the last page", "/en/agreements/?page=999999", "agreements"),
    (
        "agreements, every filter at once",
        "/en/agreements/?q=trade+agreement&status=in_force&book_status=in_force&kind=free_trade&country=JP"
        "&region=asia&year_from=1990&year_to=2020&sort=title&page=2",
        "agreements",
    ),
    ("initiatives, ten one-letter words", "/en/initiatives/?q=a+b+c+d+e+f+g+h+i+j", "initiatives"),
    (
        "initiatives, every filter at once",
        "/en/initiatives/?q=trade+cooperation&area=economic&status=achieved&country=JP&organization=pacific-alliance"
        "&year_from=1990&year_to=2020&sort=title&page=2",
        "initiatives",
    ),
    ("export, ten one-letter words", "/en/agreements/export.csv?q=a+b+c+d+e+f+g+h+i+j", "export (CSV, filtered)"),
]
PAGES = PAGES + [(name, path) for name, path, _plain in WORST_CASES]


def log(message):
    sys.stderr.write(f"[bench] {message}\n")
    sys.stderr.flush()


def cpus():
    count = os.cpu_count() or 1
    return ("0", "1") if count >= 2 else ("0", "0")


def machine():
    model = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return {
        "nproc": os.cpu_count(),
        "cpu": model or platform.processor(),
        "python": platform.python_version(),
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": " ".join(f"{value:.1f}" for value in os.getloadavg()),
    }


def ensure_wrk():
    if shutil.which("wrk") and shutil.which("taskset"):
        return
    log("installing wrk (apt-get)")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    subprocess.run(["apt-get", "update", "-qq"], check=True, env=env)
    subprocess.run(["apt-get", "install", "-y", "-qq", "wrk", "util-linux"], check=True, env=env)


def environment(database_url, work, **extra):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": str(work),
        "DJANGO_SETTINGS_MODULE": "portal.settings.production",
        "DATABASE_URL": database_url,
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1,localhost,testserver",
        "SECURE_SSL_REDIRECT": "false",
        "STATIC_ROOT": str(work / "static"),
        "MEDIA_ROOT": str(work / "media"),
        "LOG_LEVEL": "ERROR",
    }
    env.update({key: str(value) for key, value in extra.items()})
    return env


def run(args, env):
    result = subprocess.run(args, cwd=BASE, env=env, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise SystemExit(f"{' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result.stdout


def query_counts(env):
    return json.loads(run([PYTHON, "bench/queries.py", *[url for _name, url in PAGES]], env))


def export_costs(env):
    return json.loads(run([PYTHON, "bench/exports.py"], env))


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_server(env, core):
    port = free_port()
    command = [
        "taskset",
        "-c",
        core,
        GUNICORN,
        "portal.wsgi:application",
        "--bind",
        f"127.0.0.1:{port}",
        "--workers",
        str(WORKERS),
        "--no-control-socket",
        "--graceful-timeout",
        "3",
    ]
    log_file = open(Path(env["HOME"]) / f"gunicorn-{port}.log", "w")  # noqa: SIM115 - closed with the server
    process = subprocess.Popen(command, cwd=BASE, env=env, stdout=log_file, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 60
    while True:
        try:
            urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=5).read()  # noqa: S310
            return process, port, log_file
        except OSError:
            if process.poll() is not None or time.monotonic() > deadline:
                raise SystemExit(f"gunicorn did not start; see {log_file.name}") from None
            time.sleep(0.2)


def stop_server(server):
    process, _port, log_file = server
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log_file.close()


def to_ms(value):
    number, unit = re.match(r"([\d.]+)(us|ms|s)", value).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]


def wrk(url, core, seconds):
    output = subprocess.run(
        [
            "taskset",
            "-c",
            core,
            "wrk",
            "-t1",
            f"-c{CONNECTIONS}",
            f"-d{seconds}s",
            "--timeout",
            "10s",
            "--latency",
            # As every browser and CDN asks: pages, and the static file they are compared with, gzipped.
            "--header",
            "Accept-Encoding: gzip",
            url,
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    latency = dict(re.findall(r"^\s+(50|99)%\s+(\S+)", output, re.MULTILINE))
    errors = 0
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    if non_2xx:
        errors += int(non_2xx.group(1))
    sockets = re.search(r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", output)
    if sockets:
        errors += sum(int(n) for n in sockets.groups())
    return {"rps": rps, "p50": to_ms(latency["50"]), "p99": to_ms(latency["99"]), "errors": errors}


def wait_until_idle(port):
    """Requests wrk left queued are still being served after it stops: let them finish first."""
    urllib.request.urlopen(f"http://127.0.0.1:{port}/robots.txt", timeout=300).read()  # noqa: S310


def measure(env, server_core, client_core, static_path):
    server = start_server(env, server_core)
    try:
        port = server[1]
        results = {}
        # The static file is measured first and last: the ceiling is the mean of both, so a page is not
        # compared with a moment when the machine happened to be faster or slower.
        urls = [("static file (first)", static_path), *PAGES, ("static file (last)", static_path)]
        for name, path in urls:
            url = f"http://127.0.0.1:{port}{path}"
            status = urllib.request.urlopen(url, timeout=120).status  # noqa: S310
            if status != 200:
                raise SystemExit(f"{path} answered {status}")
            wrk(url, client_core, 1)  # warm-up: connections, caches, the page cache
            wait_until_idle(port)
            results[name] = wrk(url, client_core, SECONDS)
            wait_until_idle(port)
            log(f"{name}: {results[name]['rps']:.0f} req/s")
        first, last = results.pop("static file (first)"), results.pop("static file (last)")
        results["static file (ceiling)"] = {
            "rps": (first["rps"] + last["rps"]) / 2,
            "p50": (first["p50"] + last["p50"]) / 2,
            "p99": (first["p99"] + last["p99"]) / 2,
            "errors": first["errors"] + last["errors"],
            "first_rps": first["rps"],
            "last_rps": last["rps"],
        }
        return results
    finally:
        stop_server(server)


def start_redis(core):
    """Debian's redis-server on a free loopback port, nothing written to disk, pinned to the client's
    core so the server's core measures the app alone (in production Redis runs on a machine of its
    own)."""
    if not shutil.which("redis-server"):
        log("installing redis-server (apt-get)")
        env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "install", "-y", "-qq", "redis-server"], check=True, env=env)
    port = free_port()
    process = subprocess.Popen(
        [
            "taskset",
            "-c",
            core,
            "redis-server",
            "--bind",
            "127.0.0.1",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as sock:
                sock.sendall(b"PING\r\n")
                if sock.recv(16).startswith(b"+PONG"):
                    return process, f"redis://127.0.0.1:{port}/0"
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("redis-server did not start")
        time.sleep(0.2)


def rate(rps):
    return f"{rps:.1f}" if rps < 10 else f"{rps:.0f}"


MODES = [
    (
        "cold",
        "nothing cached: every request renders the whole page",
        {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 0},
    ),
    (
        "fragments",
        "page cache off, fragment cache on (a page not in the page cache: another filter, another page number)",
        {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 300},
    ),
    ("page cache", "page and fragment caches on (production's defaults)", {"PAGE_CACHE_SECONDS": 300}),
]
# The cached modes again with the cache in Redis (REDIS_URL), as when several app servers share it:
# what a cache round trip over the network costs beside the process's own memory.
REDIS_MODES = [
    (
        "fragments, Redis",
        "as *fragments*, with the cache in Redis instead of each process's memory",
        {"PAGE_CACHE_SECONDS": 0, "FRAGMENT_CACHE_SECONDS": 300},
    ),
    (
        "page cache, Redis",
        "as *page cache*, with the cache in Redis instead of each process's memory",
        {"PAGE_CACHE_SECONDS": 300},
    ),
]


def report(info, database, counts, results, exports):
    lines = [
        f"Machine: {info['nproc']} cores, {info['cpu']}, Python {info['python']}; {info['date']}; load average "
        f"when the report was written (other work on the machine included): {info['load']}.",
        f"Database: {database}, with the book's fixtures plus 10,000 generated agreements and 2,000 initiatives.",
        f"gunicorn ({WORKERS} sync workers) pinned to one core, wrk (1 thread, {CONNECTIONS} connections, "
        f"{SECONDS} s per URL after a 1 s warm-up, asking for gzip) pinned to another, over loopback.",
    ]
    modes = [mode for mode in MODES + REDIS_MODES if mode[0] in results]
    for mode, description, _env in modes:
        measured = results[mode]
        ceiling = measured["static file (ceiling)"]["rps"]
        lines += [
            "",
            f"**{mode[0].upper()}{mode[1:]}**: {description}.",
            "",
            "| URL | req/s | p50 ms | p99 ms | errors | % of static |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for name, path in [("static file (ceiling)", None), *PAGES]:
            m = measured[name]
            label = f"{name} `{path}`" if path else f"{name}: mean of {rate(m['first_rps'])} and {rate(m['last_rps'])}"
            lines.append(
                f"| {label} | {rate(m['rps'])} | {m['p50']:.1f} | {m['p99']:.1f} | {m['errors']} "
                f"| {100 * m['rps'] / ceiling:.0f}% |"
            )
    lines += [
        "",
        "**Worst cases**: each hostile request's cost (time per request, 1 / req/s) as a multiple of the "
        "plain request it is a variant of, in each mode; at most 2× is the target.",
        "",
        "| request | plain | " + " | ".join(mode for mode, _d, _e in modes) + " |",
        "|---|---|" + "---:|" * len(modes),
    ]
    for name, path, plain in WORST_CASES:
        ratios = [results[mode][plain]["rps"] / results[mode][name]["rps"] for mode, _d, _e in modes]
        lines.append(f"| {name} `{path}` | {plain} | " + " | ".join(f"{ratio:.2f}×" for ratio in ratios) + " |")
    lines += [
        "",
        "**SQL queries per page**, on a warm request, at the fixtures' size and at 10,000 agreements: rendering "
        "everything, and with the fragment cache holding what it keeps.",
        "",
        "| URL | rendered (book) | rendered (10k) | fragments (book) | fragments (10k) |",
        "|---|---:|---:|---:|---:|",
    ]
    for name, path in PAGES:
        row = [counts[key][path] for key in ("cold-small", "cold-large", "fragments-small", "fragments-large")]
        lines.append(f"| {name} `{path}` | " + " | ".join(str(n) for n in row) + " |")
    lines += exports_section(exports)
    return "\n".join(lines) + "\n"


def exports_section(exports):
    rows = max(measured["rows"] for measured in exports.values())
    lines = [
        "",
        f"**Exports of every agreement** ({rows:,} rows), streamed in-process: Django's test client reads each "
        "file chunk by chunk without keeping it; times from the request to its first and its last chunk, and the "
        "most memory Python allocated at once (tracemalloc, on another request: it slows what it traces).",
        "",
        "| format | rows | MB | first chunk ms | whole file ms | peak memory MB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for url, measured in exports.items():
        megabytes = measured["bytes"] / 1024 / 1024
        lines.append(
            f"| {url.rsplit('.', 1)[-1].upper()} `{url}` | {measured['rows']:,} | {megabytes:.1f} "
            f"| {measured['first_chunk_ms']:.0f} | {measured['whole_file_ms']:.0f} | {measured['peak_memory_mb']:.1f} |"
        )
    return lines


def main():
    ensure_wrk()
    server_core, client_core = cpus()
    work = Path(tempfile.mkdtemp(prefix="portal-bench-"))
    database_url = os.environ.get("BENCH_DATABASE_URL") or f"sqlite:///{work / 'bench.sqlite3'}"
    database = "PostgreSQL" if database_url.startswith("postgres") else "SQLite"
    env = environment(database_url, work)
    cold, fragments = (environment(database_url, work, **MODES[i][2]) for i in (0, 1))
    try:
        log(f"building the database ({database}) in {work}")
        run([PYTHON, "manage.py", "migrate", "--noinput", "-v0"], env)
        run([PYTHON, "manage.py", "load_portal"], env)
        run([PYTHON, "manage.py", "collectstatic", "--noinput", "-v0"], env)
        counts = {"cold-small": query_counts(cold), "fragments-small": query_counts(fragments)}
        log("generating 10,000 agreements and 2,000 initiatives")
        run([PYTHON, "bench/generate.py", "10000", "2000"], env)
        counts.update({"cold-large": query_counts(cold), "fragments-large": query_counts(fragments)})
        log("streaming the exports of every agreement")
        exports = export_costs(env)
        manifest = json.loads((work / "static" / "staticfiles.json").read_text())
        static_path = "/static/" + manifest["paths"]["portal/css/site.css"]

        results = {}
        for mode, _description, extra in MODES:
            log(f"measuring: {mode}")
            results[mode] = measure(environment(database_url, work, **extra), server_core, client_core, static_path)
        redis, redis_url = start_redis(client_core)
        try:
            for mode, _description, extra in REDIS_MODES:
                log(f"measuring: {mode}")
                env = environment(database_url, work, REDIS_URL=redis_url, **extra)
                results[mode] = measure(env, server_core, client_core, static_path)
        finally:
            redis.terminate()
            redis.wait()

        text = report(machine(), database, counts, results, exports)
        folder = BASE / "bench" / "results"
        folder.mkdir(exist_ok=True)
        (folder / "latest.md").write_text(text)
        (folder / "latest.json").write_text(
            json.dumps({"machine": machine(), "queries": counts, "results": results, "exports": exports}, indent=2)
        )
        sys.stdout.write(text)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
