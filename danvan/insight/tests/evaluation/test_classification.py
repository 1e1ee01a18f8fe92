"""``danvan insight evaluate route|sentiment``: trained on one file, measured on another; bad files refused."""

from __future__ import annotations

import io

import pytest
from django.core.management import CommandError, call_command

from danvan.nlp.tests.test_classifier import corpus


def _write(path, texts, labels, extra=""):
    path.write_text("\ufeff" + "".join(f"{t}\t{lab}\n" for t, lab in zip(texts, labels, strict=True)) + extra,
                    encoding="utf-8")  # fmt: skip
    return str(path)


@pytest.mark.parametrize("part", ["route", "sentiment"])
def test_it_prints_the_figures_last_one_line_each(tmp_path, part):
    train = _write(tmp_path / "train.tsv", *corpus(240, seed=1), extra="a line without a label\n\t\n")
    test = _write(tmp_path / "test.tsv", *corpus(60, seed=2))
    out = io.StringIO()
    call_command("insight", "evaluate", part, "--train", train, "--test", test, stdout=out)
    lines = out.getvalue().splitlines()
    assert lines[0] == "train: 2 line(s) skipped (not text TAB label): lines [241, 242]"
    assert [line.split(":")[0] for line in lines[-6:]] == [
        "macro-F1", "accuracy", "automatic at 95% precision",
        "macro-F1 (without diacritics)", "accuracy (without diacritics)", "automatic at 95% precision (without diacritics)",
    ]  # fmt: skip
    assert "test examples: 60" in lines
    figures = {line.split(": ")[0]: line.split(": ")[1] for line in lines[-6:]}
    assert float(figures["macro-F1"]) >= 0.9 and float(figures["macro-F1 (without diacritics)"]) >= 0.9


def test_too_few_examples_are_refused_with_the_number_needed(tmp_path):
    train = _write(tmp_path / "train.tsv", *corpus(20))
    test = _write(tmp_path / "test.tsv", *corpus(10))
    with pytest.raises(CommandError, match="too few labelled examples to train: 20, 40 needed"):
        call_command("insight", "evaluate", "route", "--train", train, "--test", test, stdout=io.StringIO())


def test_a_file_that_is_not_utf8_text_is_refused_not_a_crash(tmp_path):
    bad = tmp_path / "latin.tsv"
    bad.write_bytes("đường\tngap\n".encode("utf-16"))
    good = _write(tmp_path / "test.tsv", *corpus(10))
    with pytest.raises(CommandError, match="not UTF-8"):
        call_command("insight", "evaluate", "route", "--train", str(bad), "--test", good, stdout=io.StringIO())
    with pytest.raises(CommandError, match="cannot read"):
        call_command("insight", "evaluate", "route", "--train", str(tmp_path / "missing.tsv"), "--test", good,
                     stdout=io.StringIO())  # fmt: skip
