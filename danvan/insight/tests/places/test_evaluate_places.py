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
        "province accuracy: 0.8000 (4/5 with a province)",
        "commune accuracy: 0.5000 (2/4 with a commune)",
        "ambiguous: 0.4000 (2/5; the labelled commune among the candidates: 2)",
        lines[-1],
    ]
    assert lines[-1].startswith("addresses/s: ") and int(lines[-1].split()[-1]) > 0
    assert "addresses measured: 5; lines skipped: 2" in lines
    assert any(line.startswith("skipped line 7:") for line in lines)
    assert any("Nowhere" in line for line in lines)
    assert any("Cam Lộ, Quảng Trị" in line for line in lines)  # the miss list


def test_a_file_of_only_bad_lines_still_prints_the_figures(tmp_path: Path) -> None:
    path = tmp_path / "bad.tsv"
    path.write_bytes(b"\xff\xfe garbage\n\t\t\n" + "😀\t\t\n".encode())
    lines = _run(path, "--misses", "0")
    assert lines[-4] == "province accuracy: 0.0000 (0/0 with a province)"
    assert lines[-1] == "addresses/s: 0"


def test_a_missing_file_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match="cannot read"):
        _run(tmp_path / "missing.tsv")
