"""Splitting a draft's text into sections (articles, chapters, numbered points) and comparing versions.
Pure: no Django. Built by the drafts part."""
