"""Text written for operators, made fit for a citizen's page.

Some texts are shared: a deadline's explanation is built from the rule table, whose legal bases and
notes carry the spec's section ("spec §4.2") and confidence marks ("[U]": not yet checked against the
legal text). Staff need them; a citizen must never see them (issue 14). ``citizen_text`` takes them out
and keeps every word meant for a reader. Pure; the ``citizen`` template filter applies it.
"""

from __future__ import annotations

import re

# "(spec §4.2)", "(legal-spec §8.1: …)" in brackets, or bare "spec §0.2", "§1.3–2.2".
_SPEC_IN_BRACKETS = re.compile(r"\s*\((?:legal-)?spec\s*§[^()]*\)")
_SPEC_BARE = re.compile(r"\s*(?:(?:legal-)?spec\s*)?§\s*[\d.–,\- ]*\d")
_MARK = re.compile(r"\s*\[[USV]\](?=[\s.,;:)]|$)")


def citizen_text(text: str) -> str:
    text = _SPEC_IN_BRACKETS.sub("", text)
    text = _SPEC_BARE.sub("", text)
    text = _MARK.sub("", text)
    return re.sub(r"\(\s*\)", "", text)
