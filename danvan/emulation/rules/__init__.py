"""Emulation's pure rules (no Django), one module per part."""
