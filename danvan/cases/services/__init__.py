"""Every change to a case goes through these services (intake, handling, protection, notify)."""
