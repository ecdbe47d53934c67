"""Django's deployment check passes with the production settings, with no warning at all."""

import os
import subprocess
import sys

from .support import BASE


def test_check_deploy_has_no_warning():
    env = {
        "PATH": os.environ.get("PATH", ""),
        "DATABASE_URL": "postgres://portal:secret@db.internal:5432/portal",
        "SECRET_KEY": "deploy-check-" + "k3y-" * 15,
        "ALLOWED_HOSTS": "portal.example.org",
    }
    result = subprocess.run(
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
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "System check identified no issues (0 silenced)." in result.stdout
