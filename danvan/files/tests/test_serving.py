"""The one response every public photo is served with (files/serving.py)."""

from __future__ import annotations

import io

from django.core.files import File

from danvan.files.serving import public_image_response


def test_a_public_image_carries_its_type_and_no_stored_name() -> None:
    file = File(io.BytesIO(b"\xff\xd8\xff\xe0 jpeg bytes"), name="photos/ffe3df1a91fdea5c-nha-ong-ba-lan.jpg")
    response = public_image_response(file, "image/jpeg")
    assert (response["Content-Type"], response["X-Content-Type-Options"]) == ("image/jpeg", "nosniff")
    assert response["Cache-Control"] == "private, no-cache"
    assert "Content-Disposition" not in response  # "nha-ong-ba-lan" is not part of what was made public
    assert b"".join(response.streaming_content) == b"\xff\xd8\xff\xe0 jpeg bytes"
