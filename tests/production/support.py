"""Databases and servers of their own for the production tests: a copy of the book's database made once
per session (SQLite file, or a PostgreSQL database named after DATABASE_URL's: portal_h8 ->
portal_h8_tpl), and gunicorn run as a subprocess on it, so no test flushes the suite's own database."""

import contextlib
import http.client
import http.cookies
import os
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import uuid

from django.conf import settings

import dj_database_url

BASE = str(settings.BASE_DIR)
SECRET = "production-test-secret-" + "x" * 40


def is_postgres():
    return os.environ.get("DATABASE_URL", "").startswith(("postgres:", "postgresql:", "pgsql:"))


def pg_url(name):
    """DATABASE_URL with another database name (same server, user and password)."""
    parts = urllib.parse.urlsplit(os.environ["DATABASE_URL"])
    return parts._replace(path="/" + name).geturl()


def pg_base_name():
    return dj_database_url.parse(os.environ["DATABASE_URL"])["NAME"]


def pg_execute(sql, *params, dbname="postgres"):
    """One statement in autocommit on the configured PostgreSQL server; returns the rows, if any."""
    import psycopg

    config = dj_database_url.parse(pg_url(dbname))
    with psycopg.connect(
        dbname=dbname,
        user=config.get("USER") or None,
        password=config.get("PASSWORD") or None,
        host=config.get("HOST") or None,
        port=config.get("PORT") or None,
        autocommit=True,
    ) as conn:
        cursor = conn.execute(sql, params or None)
        return cursor.fetchall() if cursor.description else []


def pg_drop(name):
    pg_execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def child_env(database_url, settings_module="portal.settings.test", **extra):
    env = {
        "PATH": os.environ.get("PATH", ""),
        "HOME": extra.pop("HOME", os.environ.get("HOME") or tempfile.gettempdir()),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "DATABASE_URL": database_url,
        "SECRET_KEY": SECRET,
        "ALLOWED_HOSTS": "127.0.0.1,localhost",
        "LOG_LEVEL": "CRITICAL",
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    for name in ("PGHOST", "PGPORT", "PGUSER", "PGPASSWORD"):
        if name in os.environ:
            env[name] = os.environ[name]
    env.update({key: str(value) for key, value in extra.items()})
    return env


def manage(*args, env, timeout=900, check=True):
    result = subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=BASE,
        env=env,
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    if check and result.returncode != 0:
        raise AssertionError(f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}")
    return result


class BookDatabases:
    """Makes databases holding the whole book: built once (migrate + load_portal), then copied."""

    def __init__(self, folder):
        self.folder = folder
        self.created = []
        if is_postgres():
            self.template = f"{pg_base_name()}_tpl"
            pg_drop(self.template)
            pg_execute(f'CREATE DATABASE "{self.template}"')
            self.created.append(self.template)
            template_url = pg_url(self.template)
        else:
            self.template = folder / "template.sqlite3"
            template_url = f"sqlite:///{self.template}"
        env = child_env(template_url)
        manage("migrate", "--noinput", "-v0", env=env)
        manage("load_portal", env=env)

    def empty(self, label):
        """A new empty database: (url, name)."""
        if is_postgres():
            name = f"{pg_base_name()}_{label}_{uuid.uuid4().hex[:6]}"
            pg_execute(f'CREATE DATABASE "{name}"')
            self.created.append(name)
            return pg_url(name), name
        path = self.folder / f"{label}-{uuid.uuid4().hex[:6]}.sqlite3"
        return f"sqlite:///{path}", str(path)

    def copy(self, label):
        """A new database holding the book: (url, name)."""
        if is_postgres():
            name = f"{pg_base_name()}_{label}_{uuid.uuid4().hex[:6]}"
            pg_execute(f'CREATE DATABASE "{name}" TEMPLATE "{self.template}"')
            self.created.append(name)
            return pg_url(name), name
        path = self.folder / f"{label}-{uuid.uuid4().hex[:6]}.sqlite3"
        shutil.copyfile(self.template, path)
        return f"sqlite:///{path}", str(path)

    def cleanup(self):
        if is_postgres():
            for name in self.created:
                pg_drop(name)


def stop(process, timeout=15):
    """Ask a server to stop, and kill it if it does not within ``timeout`` seconds."""
    process.terminate()
    try:
        process.wait(timeout=timeout)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def request(port, path, method="GET", headers=None, timeout=30, body=None):
    """(status, headers as a case-insensitive dict, body) of one plain HTTP request to the server; the
    cookies it sets are under "cookies" ({name: value})."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
    try:
        conn.request(method, path, body=body, headers={"Host": "127.0.0.1", **(headers or {})})
        response = conn.getresponse()
        answer = response.read()
        received = {k.lower(): v for k, v in response.getheaders()}
        cookies = http.cookies.SimpleCookie()
        for header in response.msg.get_all("Set-Cookie") or []:
            cookies.load(header)
        received["cookies"] = {name: morsel.value for name, morsel in cookies.items()}
        return response.status, received, answer
    finally:
        conn.close()


@contextlib.contextmanager
def gunicorn(env, workers=1, timeout=60):
    """gunicorn serving portal.wsgi on a free loopback port; yields the port. Output goes to a file in
    HOME, shown if the server does not come up."""
    port = free_port()
    log_path = os.path.join(env["HOME"], f"gunicorn-{port}.log")
    with open(log_path, "w") as log:
        process = subprocess.Popen(
            [
                os.path.join(os.path.dirname(sys.executable), "gunicorn"),
                "portal.wsgi:application",
                "--bind",
                f"127.0.0.1:{port}",
                "--workers",
                str(workers),
                "--no-control-socket",
                "--graceful-timeout",
                "2",
            ],
            cwd=BASE,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        deadline = time.monotonic() + timeout
        while True:
            try:
                request(port, "/robots.txt", timeout=5)
                break
            except OSError:
                if process.poll() is not None or time.monotonic() > deadline:
                    with open(log_path) as log:
                        raise AssertionError(f"gunicorn did not start:\n{log.read()}") from None
                time.sleep(0.2)
        yield port
    finally:
        stop(process)


def fingerprint(counts_only=False):
    """{model label: [rows, sha256 of every row in pk order]} for every model and many-to-many table;
    run inside a subprocess (print_fingerprint) against another database."""
    import hashlib
    import json

    from django.apps import apps

    result = {}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.proxy or not model._meta.managed:
            continue
        rows = model._base_manager.order_by("pk").values_list()
        if counts_only:
            result[model._meta.label] = rows.count()
            continue
        digest = hashlib.sha256()
        count = 0
        for row in rows.iterator():
            digest.update(json.dumps(row, default=str, sort_keys=True).encode())
            count += 1
        result[model._meta.label] = [count, digest.hexdigest()]
    return result


def print_fingerprint(counts_only=False):
    import json

    print(json.dumps(fingerprint(counts_only)))  # noqa: T201 - read by the test from the subprocess


def database_fingerprint(env, counts_only=False):
    import json

    code = f"from tests.production.support import print_fingerprint; print_fingerprint({counts_only!r})"
    return json.loads(manage("shell", "-v0", "-c", code, env=env).stdout)


class RedisServer:
    """Debian's redis-server on a free loopback port, without persistence: stopped, it comes back empty,
    as a restarted cache does."""

    def __init__(self, folder):
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server"),
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.folder),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while True:
            try:
                with socket.create_connection(("127.0.0.1", self.port), timeout=1) as sock:
                    sock.sendall(b"PING\r\n")
                    if sock.recv(16).startswith(b"+PONG"):
                        return
            except OSError:
                pass
            assert time.monotonic() < deadline and self.process.poll() is None, "redis-server did not start"
            time.sleep(0.1)

    def stop(self):
        if self.process is not None:
            stop(self.process)
            self.process = None
