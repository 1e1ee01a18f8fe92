"""The votes file of ``danvan consultations map`` (issue 19 item 7), read and checked (pure, no Django).

A CSV file in UTF-8 with a header line; the columns ``voter-id``, ``comment-id`` and ``vote`` (1 agree,
0 pass, −1 disagree) in any order, other columns ignored — Pol.is's ``votes.csv`` export reads as it
is. A later line for the same voter and statement replaces the earlier (``opinion_map.compute`` does
that). Every refusal names the line and the column, so a person can open the file and fix it.
"""

from __future__ import annotations

import csv
import io

from danvan.consultations.opinion_map import MapResult

COLUMNS = ("voter-id", "comment-id", "vote")
VOTE_VALUES = {"1": 1, "0": 0, "-1": -1, "+1": 1}


class VotesFileError(ValueError):
    """The file cannot be read as votes; the message says where and why (shown as it is)."""


def read_votes(data: bytes, name: str = "tệp") -> list[tuple[str, str, int]]:
    """The votes of a CSV file's bytes, in file order; raises VotesFileError naming the line and column."""
    if not data.strip():
        raise VotesFileError(f"{name}: tệp rỗng — cần một dòng tiêu đề với các cột {', '.join(COLUMNS)}.")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = data[: error.start].count(b"\n") + 1
        raise VotesFileError(
            f"{name}, dòng {line}: không đọc được theo UTF-8 (byte {error.start + 1}); hãy lưu tệp dưới dạng CSV UTF-8."
        ) from None
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = [column.strip() for column in next(reader)]
    except (StopIteration, csv.Error):
        raise VotesFileError(f"{name}, dòng 1: không có dòng tiêu đề.") from None
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise VotesFileError(
            f"{name}, dòng 1: thiếu cột {', '.join(missing)} (các cột có: {', '.join(header) or 'không có'})."
        )
    voter_at, comment_at, vote_at = (header.index(column) for column in COLUMNS)
    width = max(voter_at, comment_at, vote_at) + 1
    votes: list[tuple[str, str, int]] = []
    try:
        for row in reader:
            if not row or (len(row) == 1 and not row[0].strip()):
                continue  # a blank line
            if len(row) < width:
                raise VotesFileError(
                    f"{name}, dòng {reader.line_num}: có {len(row)} giá trị, thiếu cột "
                    f"{', '.join(c for c, i in zip(COLUMNS, (voter_at, comment_at, vote_at), strict=True) if i >= len(row))}."
                )
            voter, comment, vote = row[voter_at].strip(), row[comment_at].strip(), row[vote_at].strip()
            for column, value in (("voter-id", voter), ("comment-id", comment)):
                if not value:
                    raise VotesFileError(f"{name}, dòng {reader.line_num}, cột {column}: trống.")
            if vote not in VOTE_VALUES:
                raise VotesFileError(
                    f"{name}, dòng {reader.line_num}, cột vote: “{vote[:20]}” không phải là phiếu (1, 0 hoặc -1)."
                )
            votes.append((voter, comment, VOTE_VALUES[vote]))
    except csv.Error as error:
        raise VotesFileError(f"{name}, dòng {reader.line_num}: dòng CSV hỏng ({error}).") from None
    return votes


def placements_csv(result: MapResult) -> str:
    """``voter-id,group`` with a header line, one line per participant the map places (groups from 0)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(["voter-id", "group"])
    writer.writerows([p.voter, p.group] for p in result.placements)
    return out.getvalue()


def summary_lines(result: MapResult, seconds: float) -> list[str]:
    """The four closing lines, label first and figure last: groups, placed, consensus, time taken."""
    return [
        f"Số nhóm (groups): {len(result.groups)}",
        f"Số người được xếp trên bản đồ (participants placed): {len(result.placements)}",
        f"Ý kiến đồng thuận (consensus statements): {';'.join(result.consensus)}",
        f"Thời gian (time taken, s): {seconds:.3f}",
    ]
