"""Legal deadlines: the civil-service working-day calendar and versioned time-limit rules.

The pure core (``calendar``, ``rules``, ``counting``, ``engine``) knows nothing of the ORM or HTTP;
``selectors.deadline_compute`` is what the rest of the project calls.
"""
