"""The machine codes of emulation's refusals (``DomainError.code``), named once; one block per part."""

from typing import Final  # noqa: F401  (each part's block uses it)

# ---------------------------------------------------------------- dvk


# ---------------------------------------------------------------- commitments


# ---------------------------------------------------------------- training


# ---------------------------------------------------------------- evaluation


# ----------------------------------------------------------------
