"""``danvan consultations map --votes FILE [--out FILE]`` (issue 19 item 7): the groups of a votes CSV,
then four lines of figures; a bad file refused with its line and column and a non-zero exit."""

from __future__ import annotations

import csv
import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import CommandError, ManagementUtility, call_command
from sklearn.metrics import adjusted_rand_score

from danvan.consultations.opinion_map_synthetic import planted

ROOT = Path(__file__).resolve().parents[4]


def write_votes(path: Path, votes: list[tuple[str, str, int]], *, extra: bool = True) -> Path:
    with path.open("w", encoding="utf-8", newline="") as f:
        writer = csv.writer(f)
        # Pol.is's votes.csv columns, in its order, with columns the command ignores.
        writer.writerow(["timestamp", "datetime", "comment-id", "voter-id", "vote"] if extra else
                        ["voter-id", "comment-id", "vote"])  # fmt: skip
        for n, (voter, statement, value) in enumerate(votes):
            writer.writerow([n, "Thứ Sáu", statement, voter, value] if extra else [voter, statement, value])
    return path


def run(*args: str) -> tuple[str, str]:
    out, err = io.StringIO(), io.StringIO()
    call_command("consultations", *args, stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_map_writes_each_placed_participants_group_then_the_figures(tmp_path: Path) -> None:
    p = planted((50, 35, 20), statements=30, missing=0.35, seed=0)
    out, err = run("map", "--votes", str(write_votes(tmp_path / "votes.csv", p.votes)))
    lines = out.splitlines()
    assert lines[0] == "voter-id,group"
    rows = [line.split(",") for line in lines[1:-4]]
    groups = {voter: int(group) for voter, group in rows}
    assert set(groups) == set(p.truth)
    voters = sorted(groups)
    assert adjusted_rand_score([p.truth[v] for v in voters], [groups[v] for v in voters]) >= 0.9
    assert lines[-4] == "Số nhóm (groups): 3"
    assert lines[-3] == "Số người được xếp trên bản đồ (participants placed): 105"
    assert lines[-2].startswith("Ý kiến đồng thuận (consensus statements): ")
    assert set(lines[-2].rsplit(": ", 1)[1].split(";")[:2]) == set(p.consensus)
    label, seconds = lines[-1].rsplit(": ", 1)
    assert label == "Thời gian (time taken, s)" and 0 <= float(seconds) < 30
    assert err.startswith("Độ tách nhóm (group separation, best silhouette): 0.")


def test_out_takes_the_groups_and_a_later_vote_replaces_the_earlier(tmp_path: Path) -> None:
    # Ten people agree with everything, ten disagree; then "an" changes every vote to disagree.
    votes = [(f"a{i}", f"điều {j}", 1) for i in range(10) for j in range(8)]
    votes += [(f"b{i}", f"điều {j}", -1) for i in range(10) for j in range(8)]
    votes += [("a0", f"điều {j}", -1) for j in range(8)]
    target = tmp_path / "nhóm.csv"
    out, _ = run("map", "--votes", str(write_votes(tmp_path / "v.csv", votes, extra=False)), "--out", str(target))
    assert out.splitlines()[:2] == ["Số nhóm (groups): 2", "Số người được xếp trên bản đồ (participants placed): 20"]
    assert out.splitlines()[2] == "Ý kiến đồng thuận (consensus statements): "
    rows = dict(line.split(",") for line in target.read_text(encoding="utf-8").splitlines()[1:])
    assert rows["a0"] == rows["b0"] != rows["a1"]


def test_random_votes_make_one_group_and_polis_mode_splits_them(tmp_path: Path) -> None:
    from danvan.consultations.opinion_map_synthetic import random_votes

    path = write_votes(tmp_path / "r.csv", random_votes(120, 25, seed=0))
    assert "Số nhóm (groups): 1" in run("map", "--votes", str(path))[0].splitlines()
    assert "Số nhóm (groups): 1" not in run("map", "--votes", str(path), "--polis")[0].splitlines()


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "votes.csv: tệp rỗng — cần một dòng tiêu đề với các cột voter-id, comment-id, vote."),
        (b"  \n\n", "votes.csv: tệp rỗng — cần một dòng tiêu đề với các cột voter-id, comment-id, vote."),
        (b"voter-id,comment-id\n1,2\n", "votes.csv, dòng 1: thiếu cột vote (các cột có: voter-id, comment-id)."),
        (b"who,what,how\n", "votes.csv, dòng 1: thiếu cột voter-id, comment-id, vote (các cột có: who, what, how)."),
        (
            b"voter-id,comment-id,vote\na,1,1\nb,1,2\n",
            "votes.csv, dòng 3, cột vote: “2” không phải là phiếu (1, 0 hoặc -1).",
        ),
        (
            b"voter-id,comment-id,vote\na,1,1\nb,1,\n",
            "votes.csv, dòng 3, cột vote: “” không phải là phiếu (1, 0 hoặc -1).",
        ),
        (
            b"voter-id,comment-id,vote\na,1,yes\n",
            "votes.csv, dòng 2, cột vote: “yes” không phải là phiếu (1, 0 hoặc -1).",
        ),
        (b"voter-id,comment-id,vote\n,1,1\n", "votes.csv, dòng 2, cột voter-id: trống."),
        (b"voter-id,comment-id,vote\na, ,1\n", "votes.csv, dòng 2, cột comment-id: trống."),
        (b"voter-id,comment-id,vote\na,1,1\nb,1\n", "votes.csv, dòng 3: có 2 giá trị, thiếu cột vote."),
        (
            b"voter-id,comment-id,vote\na,1,1\nb,\xff\xfe,1\n",
            "votes.csv, dòng 3: không đọc được theo UTF-8 (byte 34); hãy lưu tệp dưới dạng CSV UTF-8.",
        ),
        (
            "voter-id,comment-id,vote\nNguyên,1,1\n".encode("latin-1"),
            "votes.csv, dòng 2: không đọc được theo UTF-8 (byte 30); hãy lưu tệp dưới dạng CSV UTF-8.",
        ),
    ],
)
def test_a_bad_file_is_refused_with_its_line_and_column(tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "votes.csv"
    path.write_bytes(content)
    with pytest.raises(CommandError) as refused:
        run("map", "--votes", str(path))
    assert str(refused.value) == message


def test_a_missing_file_and_a_bad_min_votes_are_refused(tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"^Không đọc được tệp .*khong-co\.csv: No such file or directory\.$"):
        run("map", "--votes", str(tmp_path / "khong-co.csv"))
    path = write_votes(tmp_path / "v.csv", [("a", "1", 1)])
    with pytest.raises(CommandError, match=r"^--min-votes phải từ 1 trở lên\.$"):
        run("map", "--votes", str(path), "--min-votes", "0")


def test_a_file_with_a_header_and_no_votes_is_an_empty_map(tmp_path: Path) -> None:
    path = tmp_path / "v.csv"
    path.write_bytes("\ufeffvoter-id,comment-id,vote\n".encode())
    out, _ = run("map", "--votes", str(path))
    assert out.splitlines()[:4] == [
        "voter-id,group",
        "Số nhóm (groups): 0",
        "Số người được xếp trên bản đồ (participants placed): 0",
        "Ý kiến đồng thuận (consensus statements): ",
    ]


def test_danvan_help_lists_the_command() -> None:
    assert "    consultations\n" in ManagementUtility(["danvan"]).main_help_text()


def test_the_danvan_command_in_a_subprocess(tmp_path: Path) -> None:
    """Once through the real entry point: the good file's last lines, and the bad one's exit code."""
    p = planted((40, 30), statements=20, missing=0.3, seed=0)
    good = write_votes(tmp_path / "votes.csv", p.votes)
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"voter-id,comment-id,vote\na,1,5\n")
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "config.settings.test", "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", "from danvan.cli import main; main()", "consultations", "map"]
    done = subprocess.run([*command, "--votes", str(good)], capture_output=True, text=True, env=env, timeout=120)  # noqa: S603 (our own command)
    assert done.returncode == 0, done.stderr
    assert done.stdout.splitlines()[-4:-2] == [
        "Số nhóm (groups): 2",
        "Số người được xếp trên bản đồ (participants placed): 70",
    ]
    done = subprocess.run([*command, "--votes", str(bad)], capture_output=True, text=True, env=env, timeout=120)  # noqa: S603
    assert done.returncode == 1
    assert "bad.csv, dòng 2, cột vote: “5” không phải là phiếu (1, 0 hoặc -1)." in done.stderr
    assert "Traceback" not in done.stderr
