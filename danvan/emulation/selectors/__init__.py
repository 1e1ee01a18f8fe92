"""Emulation's reads, one module per part, through the permission gate."""
