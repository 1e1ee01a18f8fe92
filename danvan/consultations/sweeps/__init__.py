"""Each part's morning sweep, run in order by ``tasks.consultations_sweep``."""

from danvan.consultations.sweeps import answers, drafts, maps, participation

PARTS = [
    ("drafts", drafts.sweep),  # open the consultations whose day has come, close those whose period ended
    ("participation", participation.sweep),
    ("maps", maps.sweep),  # recompute the maps of consultations with new votes
    ("answers", answers.sweep),  # summaries due or late (Art. 11(11))
]
