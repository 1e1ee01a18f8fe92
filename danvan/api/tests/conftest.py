"""The partner world of the REST API tests lives with the cases endpoints' tests (cases.tests.api.world);
the root's own tests (schema, units, rate limits, the end-to-end walk) use it from there."""

from danvan.cases.tests.api.world import PETITION, PartnerWorld, Staff, pw, staff

__all__ = ["PETITION", "PartnerWorld", "Staff", "pw", "staff"]
