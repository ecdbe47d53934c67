import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

PASSWORD_FILE = Path(settings.BASE_DIR) / ".demo-admin-password"
RULE = "=" * 72


class Command(BaseCommand):
    help = (
        "Create the demo site's administrator 'admin' (the demo or a developer's machine only) and print "
        "where to sign in, with its password, set apart from what came before."
    )

    def handle(self, *args, **options):
        if not (settings.DEBUG or getattr(settings, "PORTAL_DEMO", False)):
            raise CommandError("demo_admin is for a local demo only (portal.settings.demo or portal.settings.dev).")
        password = self.admin_password()
        site = settings.WAGTAILADMIN_BASE_URL.rstrip("/")
        # Printed last, just before the server starts, so it is not lost among the migrations' output.
        self.stdout.write("\n\n" + RULE)
        self.stdout.write(self.style.SUCCESS("  The demo is ready."))
        self.stdout.write(f"  Site:      {site}/")
        self.stdout.write(f"  Admin:     {site}/admin/")
        self.stdout.write("  User:      admin")
        self.stdout.write(f"  Password:  {password}")
        self.stdout.write(f"  (kept in {PASSWORD_FILE.name}; stop the server with Ctrl+C)")
        self.stdout.write(RULE + "\n\n")

    def admin_password(self):
        """The password of 'admin': the one kept from the last demo while it still works, else a new one."""
        User = get_user_model()
        password = PASSWORD_FILE.read_text().strip() if PASSWORD_FILE.exists() else ""
        user = User.objects.filter(username="admin").first()
        if user is None or not password or not user.check_password(password):
            password = secrets.token_urlsafe(12)
            user = user or User(username="admin", email="admin@example.org")
            user.is_staff = user.is_superuser = True
            user.set_password(password)
            user.save()
            PASSWORD_FILE.write_text(password + "\n")
            PASSWORD_FILE.chmod(0o600)
        return password
