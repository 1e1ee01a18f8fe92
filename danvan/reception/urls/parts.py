"""Each part's patterns, added here by the part (kept apart so the parts never edit each other)."""

urlpatterns: list = []
