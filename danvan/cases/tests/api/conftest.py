from danvan.cases.tests.api.world import pw, staff

__all__ = ["pw", "staff"]
