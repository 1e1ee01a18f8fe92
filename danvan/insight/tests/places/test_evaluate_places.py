"""``danvan insight evaluate places``: reads a labelled TSV, skips bad lines, prints four figure lines last."""

from __future__ import annotations

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

pytestmark = pytest.mark.django_db


def _run(path: Path, *args: str) -> list[str]:
    out = StringIO()
    call_command("insight", "evaluate", "places", "--file", str(path), *args, stdout=out)
    return out.getvalue().splitlines()


def test_prints_both_accuracies_the_ambiguous_share_and_the_speed_last(tmp_path: Path) -> None:
    path = tmp_path / "addresses.tsv"
    path.write_text(
        "\ufeffaddress\tprovince\tcommune\n"  # a BOM and a header
        "P. Phú Xuân Huế\tHuế\tPhường Phú Xuân\n"  # right by names
        "so 12 nguyen trai p7 q5 tp hcm\t79\t27316\n"  # right by codes
        "Cam Lộ, Quảng Trị\t44\t19597\n"  # ambiguous: the province right, the commune wrong
        "nghe an\tNghệ An\t\n"  # a province only
        "Xã Yên Thành\t\t17506\n"  # a commune only (its province is known from it): three provinces have one
        "no tab on this line\n"
        "Phường 1\tNowhere\t\n"
        "\n",
        encoding="utf-8",
    )
    lines = _run(path)
    assert lines[-4:] == [
        "Độ đúng tỉnh: 80.00% (4/5 dòng có tỉnh)",
        "Độ đúng xã: 50.00% (2/4 dòng có xã)",
        "Mơ hồ: 40.00% (2/5; đúng xã nằm trong các lựa chọn: 2)",
        lines[-1],
    ]
    assert lines[-1].startswith("Tốc độ: ") and lines[-1].endswith(" địa chỉ/giây")
    assert "Dòng đã đo: 5; bỏ qua: 2" in lines
    assert any(line.startswith("Bỏ qua dòng 7:") for line in lines)
    assert any("Nowhere" in line for line in lines)
    assert any("Cam Lộ, Quảng Trị" in line for line in lines)  # the miss list


def test_a_file_of_only_bad_lines_still_prints_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"\xff\xfe garbage\n\t\t\n" + "😀\t\t\n".encode())
    lines = _run(path, "--misses", "0")
    assert lines[-4].startswith("Độ đúng tỉnh: 0.00% (0/0")
    assert lines[-1] == "Tốc độ: 0 địa chỉ/giây"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="Không đọc được tệp"):
        _run(tmp_path / "missing.tsv")
