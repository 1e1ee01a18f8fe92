"""Emulation's writes, one module per part."""
