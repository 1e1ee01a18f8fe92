"""Each part's morning sweep, run in order by ``tasks.democracy_sweep``."""

from danvan.democracy.sweeps import boards, conferences, decisions, disclosures, voting

PARTS = [
    ("disclosures", disclosures.sweep),
    ("decisions", decisions.sweep),
    ("voting", voting.sweep),
    ("boards", boards.sweep),
    ("conferences", conferences.sweep),
]
