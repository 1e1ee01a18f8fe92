"""`danvan demo`: migrate, load the units, seed the demo province, print the logins, serve.

It orchestrates the apps' demo seeds: ``org`` (bodies, officers), ``cases`` (cases, some answered),
then ``surveys`` (ratings of the answered cases, an open SIPAS campaign, the stored indices). Surveys
may not import cases, so the case ids travel through here.
"""

import os
import signal
import subprocess
import sys
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.utils import translation

from danvan.cases.demo import demo_answered_cases_seed, demo_cases_seed, demo_public_feedback_seed, demo_work_seed
from danvan.cases.demo_access import demo_access
from danvan.cases.demo_moderation import demo_public_moderation_seed
from danvan.cases.demo_report import demo_report_stages_seed
from danvan.consultations.demo import demo_consultations_seed
from danvan.democracy.demo import demo_democracy_seed
from danvan.emulation.demo import demo_emulation_seed
from danvan.insight.demo import demo_route_seed
from danvan.org import demo
from danvan.reception.demo import demo_reception_seed
from danvan.surveys.demo import demo_surveys_seed
from danvan.surveys.services.invitations import rating_token


class Command(BaseCommand):
    help = "Set up the demo (SQLite by default): migrate, load units, seed one province, print logins, serve."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--no-serve", action="store_true", help="seed and print the logins, but do not serve")
        parser.add_argument("--addr", default="127.0.0.1:8000", help="address to serve on (default 127.0.0.1:8000)")
        parser.add_argument("--port", type=int, help="port to serve on, on the host of --addr (e.g. --port 8080)")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["port"]:
            options["addr"] = f"{options['addr'].rpartition(':')[0] or '127.0.0.1'}:{options['port']}"
        if not options["no_serve"] and "DANVAN_PUBLIC_URL" not in os.environ:
            # The links in the demo's emails and SMS lead to where it is served (the worker inherits it).
            os.environ["DANVAN_PUBLIC_URL"] = settings.DANVAN_PUBLIC_URL = f"http://{options['addr']}"
        translation.activate("vi")
        call_command("migrate", interactive=False, verbosity=0)
        call_command("load_units", stdout=self.stdout)
        call_command("load_unit_places", stdout=self.stdout)  # the map's communes (offline), docs/places.md
        logins = demo.demo_seed(settings.DANVAN_DEMO_PROVINCE_CODE)
        demo_cases_seed(settings.DANVAN_DEMO_PROVINCE_CODE)
        answered = demo_answered_cases_seed()
        demo_report_stages_seed()  # a closed feedback and a decided complaint: the report's other columns
        demo_work_seed()  # cases due soon and overdue, a duplicate entered at the counter and merged
        demo_public_feedback_seed()  # the public feed and map: Huế reports with photos before and after
        demo_public_moderation_seed()  # a report taken off the public page by its handler, with the reason
        # The first answered case is left unrated, so that its printed link can be tried.
        surveys = demo_surveys_seed(settings.DANVAN_DEMO_PROVINCE_CODE, rated_case_ids=[c.pk for c in answered[1:]])
        self.stdout.write("")
        self.stdout.write(self.style.SUCCESS(f"Dân Vận Số (demo) — http://{options['addr']}/"))
        self.stdout.write(f"Mật khẩu chung của mọi tài khoản demo: {demo.DEMO_PASSWORD}")
        width = max(len(login.username) for login in logins)
        for login in logins:
            self.stdout.write(f"  {login.username.ljust(width)}  {login.role_label} — {login.where}")
        secret = demo.demo_totp_secret()
        if secret:
            self.stdout.write(self.style.WARNING(
                f"CHỈ DÙNG CHO DEMO — mã khóa ứng dụng xác thực của chutich (mở danh tính người tố cáo): {secret}"
            ))  # fmt: skip
            self.stdout.write(
                f"  Thêm vào Google Authenticator/FreeOTP (loại theo thời gian), hoặc: oathtool --totp -b {secret}"
            )
        self.stdout.write(f"Gửi phản ánh (không cần tài khoản): http://{options['addr']}/gui-phan-anh/")
        self.stdout.write(f"Hồ sơ của cán bộ (xuly, chutich): http://{options['addr']}/van-hanh/ho-so/")
        self.stdout.write(
            f"Đơn chưa rõ xã, phường — hàng chờ tiếp nhận (tiepdan): http://{options['addr']}/van-hanh/ho-so/"
        )
        self.stdout.write(
            f"Tiếp nhận đơn tại quầy, in giấy biên nhận (tiepnhan): http://{options['addr']}/van-hanh/tiep-nhan/"
        )
        self.stdout.write(
            f"Phản ánh công khai (bản đồ, ảnh trước và sau): http://{options['addr']}/phan-anh-cong-khai/"
        )
        if answered:
            case = answered[0]
            self.stdout.write(f"Đánh giá sự hài lòng về vụ việc {case.tracking_code} (đã trả lời, không cần tài khoản): "
                              f"http://{options['addr']}/danh-gia/?k={rating_token(case.pk)}")  # fmt: skip
        self.stdout.write(f"Xếp hạng sự hài lòng (công khai): http://{options['addr']}/hai-long/")
        self.stdout.write(f"Sự hài lòng (chutich, vanhanh): http://{options['addr']}/van-hanh/hai-long/")
        if surveys.campaign is not None:
            self.stdout.write(f"{surveys.campaign.title} — nhập phiếu giấy, câu trả lời bị đánh dấu (vanhanh): "
                              f"http://{options['addr']}/van-hanh/khao-sat/")  # fmt: skip
        for line in demo_reception_seed(options["addr"]):  # reception and dialogue (docs/reception.md)
            self.stdout.write(line)
        for line in demo_democracy_seed(options["addr"]):  # grassroots democracy (docs/democracy.md)
            self.stdout.write(line)
        for line in demo_consultations_seed(options["addr"]):  # consultations (docs/consultations.md)
            self.stdout.write(line)
        for line in demo_emulation_seed(options["addr"]):  # emulation and evaluation (docs/emulation.md)
            self.stdout.write(line)
        for line in demo_route_seed():  # routing suggestions learnt from handled cases (docs/insight.md)
            self.stdout.write(line)
        call_command("open311_demo", stdout=self.stdout)  # by name: web does not import open311
        self.stdout.write(f"Quản trị: http://{options['addr']}/quan-tri/")
        self._access(options["addr"])
        if not options["no_serve"]:
            # Background work (notifications, the refresh of an index after a rating) goes through the
            # real queue: a worker runs beside the server for as long as the demo does.
            self.stdout.write("Tiến trình nền (db_worker) chạy cùng máy chủ demo.")
            worker = subprocess.Popen(
                [sys.executable, "-m", "danvan.cli", "db_worker", "--interval", "1", "--no-startup-delay", "-v", "0"]
            )
            # Stopped with SIGTERM too (not only Ctrl-C), the demo still stops its worker.
            signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
            try:
                call_command("runserver", options["addr"], use_reloader=False)
            finally:
                worker.terminate()
                worker.wait(timeout=10)

    def _access(self, addr: str) -> None:
        """The citizen's ways back to a case (docs/citizen-access.md)."""
        access = demo_access()
        self.stdout.write(
            f"Đăng nhập bằng mã (người dân, không cần mật khẩu): http://{addr}/dang-nhap/ma-mot-lan/ — nhập "
            f"{access.email} ({access.email_cases} đơn); mã được gửi bằng thư điện tử, và thư của demo được in ra "
            "ngay trong cửa sổ dòng lệnh này (dòng cuối thư: @… #mã)"
        )
        if access.link_again_code:
            self.stdout.write(
                f"Gửi lại đường dẫn riêng: http://{addr}/tra-cuu/gui-lai-duong-dan/ — mã {access.link_again_code}, "
                f"{access.email}; thư cũng được in ra ở đây"
            )
        if getattr(settings, "DANVAN_IDENTITY_PROVIDER", None):
            self.stdout.write(
                f"Đăng nhập qua định danh điện tử (VNeID GIẢ LẬP, chỉ để thử): http://{addr}/dang-nhap/dinh-danh/ — "
                f"vào như người dân số {access.phone} ({access.phone_cases} đơn)"
            )
