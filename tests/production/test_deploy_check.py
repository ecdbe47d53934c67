"""Django's deployment check passes with the production settings, with no warning at all."""

import os
import subprocess
import sys

from .support import BASE

ENVIRONMENT = {
    "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
    "SECRET_KEY": "deploy-check-" + "k3y-" * 15,
    "ALLOWED_HOSTS": "portal.example.org",
    "EMAIL_URL": "smtp://portal:secret@mail.example.org:587",
}


def check_deploy(**environment):
    return subprocess.run(
        [
            sys.executable,
            "manage.py",
            "check",
            "--deploy",
            "--fail-level",
            "WARNING",
            "--settings=portal.settings.production",
        ],
        cwd=BASE,
        env={"PATH": os.environ.get("PATH", ""), **environment},
        capture_output=True,
        text=True,
        check=False,
    )


def test_check_deploy_has_no_warning():
    result = check_deploy(**ENVIRONMENT)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout


def test_check_deploy_warns_when_no_mail_can_be_sent():
    result = check_deploy(**{name: value for name, value in ENVIRONMENT.items() if name != "EMAIL_URL"})
    assert result.returncode != 0
    assert "portal.W001" in result.stdout + result.stderr
