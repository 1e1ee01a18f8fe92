"""Every change insight makes: one module per part (model versions, routing, duplicates, warnings ...)."""
