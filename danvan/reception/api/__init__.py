"""Reception's REST router: the schedule and the register (mounted by danvan.api.api).

Each part adds its own router module beside this one and is mounted here.
"""

from ninja import Router

router = Router(tags=["reception"])
