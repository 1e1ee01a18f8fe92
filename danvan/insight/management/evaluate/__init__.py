"""``danvan insight evaluate <part>``: one module per part (``route``, ``sentiment``, ``duplicates``,
``places``), each with ``help``, ``add_arguments(parser)`` and ``run(options, stdout)``; the command finds
them by name. Each reads the user's own labelled files (UTF-8 TSV) and prints its figures last, one per line."""

PARTS = ("route", "sentiment", "duplicates", "places")
