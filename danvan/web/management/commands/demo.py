"""`danvan demo`: migrate, load the units, seed the demo province, print the logins, serve."""

from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from danvan.cases.demo import demo_cases_seed
from danvan.org import demo


class Command(BaseCommand):
    help = "Set up the demo (SQLite by default): migrate, load units, seed one province, print logins, serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="seed and print the logins, but do not serve")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")

    def handle(self, *args: Any, **options: Any) -> None:
        translation.activate("vi")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_units", stdout=self.stdout)
        logins = demo.demo_seed(settings.DANVAN_DEMO_PROVINCE_CODE)
        demo_cases_seed(settings.DANVAN_DEMO_PROVINCE_CODE)
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Dân Vận Số (demo) — http://{options['addr']}/"))
        self.stdout.write(f"Mật khẩu chung của mọi tài khoản demo: {demo.DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.role_label} — {login.where}")
        self.stdout.write(f"Gửi phản ánh (không cần tài khoản): http://{options['addr']}/gui-phan-anh/")
        self.stdout.write(f"Hồ sơ của cán bộ (xuly, chutich): http://{options['addr']}/van-hanh/ho-so/")
        self.stdout.write(f"Quản trị: http://{options['addr']}/quan-tri/")
        if not options["no_serve"]:
            call_command("runserver", options["addr"], use_reloader=False)
