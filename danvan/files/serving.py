"""Serving a stored image to anyone (a report's photo on the public feed, a model's public photo): one
response shape, so what a public photo reveals is decided once.

- the stored type (re-encoded by ``files.checks`` at upload, so no EXIF or location travels with it) and
  ``nosniff``;
- no file name: the name an officer or a citizen gave the file is not part of what was made public;
- not kept by shared caches: a photo may leave the public page (hidden, withdrawn) at any moment."""

from __future__ import annotations

from typing import Any

from django.http import FileResponse


def public_image_response(file: Any, content_type: str) -> FileResponse:
    response = FileResponse(file.open("rb"), content_type=content_type)
    del response["Content-Disposition"]  # FileResponse puts the stored file name there
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-cache"
    return response
