"""Attachment checks: the content decides the type, images lose their metadata (PDFs: test_checks_pdf.py)."""

from __future__ import annotations

import hashlib
import io
import struct
import unicodedata
import zlib

import pytest
from django.utils import translation
from django.utils.functional import Promise
from PIL import Image, ImageFile, PngImagePlugin

from danvan.core.errors import DomainError
from danvan.files import checks
from danvan.files.checks import MAX_NAME_LENGTH, CleanUpload, UploadRejected, clean_filename, inspect_upload

GPS_IFD = 0x8825
ORIENTATION = 0x0112
MAKE = 0x010F
HUE_GPS = {1: "N", 2: (16.0, 27.0, 49.2), 3: "E", 4: (107.0, 35.0, 24.0)}


# --- builders ------------------------------------------------------------------------------


def jpeg_with_gps(size: tuple[int, int] = (60, 40), orientation: int = 1) -> bytes:
    """A photo the way a phone saves it: EXIF with the maker, the orientation and the GPS position."""
    image = Image.new("RGB", size, "red")
    # Right half blue, so the orientation can be checked after cleaning.
    image.paste(Image.new("RGB", (size[0] // 2, size[1]), "blue"), (size[0] // 2, 0))
    exif = Image.Exif()
    exif[MAKE] = "PhoneMakerXYZ"
    exif[ORIENTATION] = orientation
    exif[GPS_IFD] = HUE_GPS
    out = io.BytesIO()
    image.save(out, "JPEG", exif=exif, comment=b"secret comment", quality=90)
    return out.getvalue()


def png(mode: str = "RGB", *, text: dict[str, str] | None = None, exif: bool = False, **options: object) -> bytes:
    image = Image.new(mode, (32, 24))
    info = PngImagePlugin.PngInfo()
    for key, value in (text or {}).items():
        info.add_itxt(key, value)
    if exif:
        data = Image.Exif()
        data[GPS_IFD] = HUE_GPS
        options["exif"] = data
    out = io.BytesIO()
    image.save(out, "PNG", pnginfo=info, **options)
    return out.getvalue()


def webp(mode: str = "RGB", *, exif: bool = False) -> bytes:
    image = Image.new(mode, (32, 24), "green")
    options: dict[str, object] = {}
    if exif:
        data = Image.Exif()
        data[MAKE] = "PhoneMakerXYZ"
        data[GPS_IFD] = HUE_GPS
        options["exif"] = data
        options["xmp"] = b"<x:xmpmeta>PhoneMakerXYZ</x:xmpmeta>"
    out = io.BytesIO()
    image.save(out, "WEBP", **options)
    return out.getvalue()


def pdf(*objects: bytes, header: bytes = b"%PDF-1.7\n", tail: bytes = b"%%EOF\n") -> bytes:
    body = [
        b"1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj",
        b"2 0 obj << /Type /Pages /Kids [3 0 R] /Count 1 >> endobj",
        b"3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >> endobj",
        *objects,
        b"trailer << /Root 1 0 R >>",
        b"startxref 0",
    ]
    return header + b"\n".join(body) + b"\n" + tail


def flate_stream(number: int, dictionary: bytes, content: bytes) -> bytes:
    packed = zlib.compress(content)
    return (
        f"{number} 0 obj << ".encode() + dictionary + f" /Filter /FlateDecode /Length {len(packed)} >>\nstream\n".encode()
        + packed + b"\nendstream\nendobj"
    )  # fmt: skip


def rejected(name: str, data: bytes, **kwargs: int) -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(name, data, **kwargs)
    return caught.value


def reopen(clean: CleanUpload) -> Image.Image:
    image = Image.open(io.BytesIO(clean.data))
    image.load()
    return image


# --- accepted types ------------------------------------------------------------------------


def test_a_jpeg_is_accepted_and_named_by_its_type() -> None:
    clean = inspect_upload("ảnh hiện trường.JPG", jpeg_with_gps())
    assert clean.content_type == "image/jpeg"
    assert clean.name == "ảnh hiện trường.jpg"
    assert reopen(clean).format == "JPEG"


@pytest.mark.parametrize("mode", ["RGB", "RGBA", "L", "1", "LA", "I;16"])
def test_a_png_is_accepted(mode: str) -> None:
    clean = inspect_upload("so-do.png", png(mode))
    assert clean.content_type == "image/png"
    assert clean.name == "so-do.png"
    assert reopen(clean).size == (32, 24)


def test_a_palette_png_with_transparency_keeps_its_transparency() -> None:
    image = Image.new("P", (8, 8), 0)
    image.putpalette([255, 0, 0] * 256)
    out = io.BytesIO()
    image.save(out, "PNG", transparency=0)
    clean = inspect_upload("trong-suot.png", out.getvalue())
    cleaned = reopen(clean)
    assert cleaned.mode == "RGBA"
    assert cleaned.getpixel((0, 0))[3] == 0  # type: ignore[index]


@pytest.mark.parametrize("mode", ["RGB", "RGBA"])
def test_a_webp_is_accepted(mode: str) -> None:
    clean = inspect_upload("anh.webp", webp(mode))
    assert clean.content_type == "image/webp"
    assert clean.name == "anh.webp"
    assert reopen(clean).format == "WEBP"


def test_a_cmyk_jpeg_is_accepted_as_rgb() -> None:
    out = io.BytesIO()
    Image.new("CMYK", (16, 16), (0, 255, 255, 0)).save(out, "JPEG")
    assert reopen(inspect_upload("in-an.jpg", out.getvalue())).mode == "RGB"


def test_a_multi_picture_jpeg_from_a_phone_is_accepted_as_its_first_picture() -> None:
    out = io.BytesIO()
    first = Image.new("RGB", (40, 30), "red")
    first.save(out, "MPO", save_all=True, append_images=[Image.new("RGB", (40, 30), "blue")])
    clean = inspect_upload("mpo.jpg", out.getvalue())
    cleaned = reopen(clean)
    assert getattr(cleaned, "n_frames", 1) == 1
    red, _green, blue = cleaned.getpixel((20, 15))  # type: ignore[misc]
    assert red > 200 and blue < 60


def test_a_pdf_is_accepted_and_rewritten() -> None:
    clean = inspect_upload("Quyết định.pdf", pdf())
    assert clean.content_type == "application/pdf"
    assert clean.name == "Quyết định.pdf"
    assert clean.data.startswith(b"%PDF-")  # qpdf's rewrite: see test_checks_pdf.py


def test_a_pdf_whose_open_action_only_sets_the_view_is_accepted() -> None:
    data = pdf(b"4 0 obj << /OpenAction [3 0 R /Fit] >> endobj")
    assert inspect_upload("scan.pdf", data).content_type == "application/pdf"


def test_a_pdf_with_a_compressed_content_stream_is_accepted() -> None:
    data = pdf(flate_stream(4, b"", b"BT /F1 12 Tf 72 712 Td (Xin chao) Tj ET"))
    assert inspect_upload("van-ban.pdf", data).content_type == "application/pdf"


def test_a_pdf_with_an_image_stream_is_accepted_without_inflating_it() -> None:
    data = pdf(flate_stream(4, b"/Type /XObject /Subtype /Image /Width 1 /Height 1", b"\x00" * 1000))
    assert inspect_upload("scan.pdf", data).content_type == "application/pdf"


def test_the_result_carries_the_hash_and_size_of_the_stored_bytes() -> None:
    clean = inspect_upload("a.png", png())
    assert clean.size == len(clean.data)
    assert clean.sha256 == hashlib.sha256(clean.data).hexdigest()
    assert "data=" not in repr(clean)  # the bytes stay out of logs and tracebacks


def test_a_wrong_image_extension_is_corrected_not_refused() -> None:
    # Browsers save WebP pictures under .jpg names; the content decides, the name follows it.
    clean = inspect_upload("tai-ve.jpg", webp())
    assert (clean.content_type, clean.name) == ("image/webp", "tai-ve.webp")


# --- metadata and orientation --------------------------------------------------------------


def test_gps_and_all_exif_are_removed_from_a_jpeg() -> None:
    data = jpeg_with_gps()
    before = Image.open(io.BytesIO(data))
    assert before.getexif().get_ifd(GPS_IFD)  # the fixture really carries a position
    assert b"PhoneMakerXYZ" in data and b"secret comment" in data

    clean = inspect_upload("photo.jpg", data)
    after = reopen(clean)
    assert not after.getexif()
    assert not after.getexif().get_ifd(GPS_IFD)
    assert "exif" not in after.info and "comment" not in after.info
    assert b"Exif" not in clean.data
    assert b"PhoneMakerXYZ" not in clean.data and b"secret comment" not in clean.data


def test_the_photo_is_turned_the_way_its_exif_orientation_says_before_the_exif_goes() -> None:
    # Orientation 6: the camera was held upright; the stored pixels must be turned 90° clockwise.
    clean = inspect_upload("doc.jpg", jpeg_with_gps(size=(60, 40), orientation=6))
    after = reopen(clean)
    assert after.size == (40, 60)
    top = after.getpixel((20, 5))
    bottom = after.getpixel((20, 55))
    assert top[0] > 200 and top[2] < 60  # type: ignore[index]  # the red left half is now on top
    assert bottom[2] > 200 and bottom[0] < 60  # type: ignore[index]


def test_exif_and_text_chunks_are_removed_from_a_png() -> None:
    data = png(text={"Author": "Nguyễn Văn Tố Cáo", "Comment": "<script>alert(1)</script>"}, exif=True)
    assert "Nguyễn".encode() in data
    clean = inspect_upload("a.png", data)
    after = reopen(clean)
    assert not after.getexif()
    assert not {"Author", "Comment", "exif"} & set(after.info)
    assert "Nguyễn".encode() not in clean.data and b"<script" not in clean.data


def test_an_icc_profile_is_removed() -> None:
    from PIL import ImageCms

    profile = ImageCms.ImageCmsProfile(ImageCms.createProfile("sRGB")).tobytes()
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", icc_profile=profile)
    assert "icc_profile" in Image.open(io.BytesIO(out.getvalue())).info
    assert "icc_profile" not in reopen(inspect_upload("a.jpg", out.getvalue())).info


def test_exif_and_xmp_are_removed_from_a_webp() -> None:
    data = webp(exif=True)
    assert b"PhoneMakerXYZ" in data and b"EXIF" in data and b"XMP " in data
    clean = inspect_upload("a.webp", data)
    assert b"PhoneMakerXYZ" not in clean.data and b"EXIF" not in clean.data and b"XMP " not in clean.data
    assert not reopen(clean).getexif()


# --- refusals ------------------------------------------------------------------------------


def test_an_empty_file_is_refused() -> None:
    error = rejected("rong.jpg", b"")
    assert error.code == "empty"
    assert isinstance(error, DomainError)


def test_a_file_over_the_limit_is_refused_before_anything_else() -> None:
    error = rejected("lon.pdf", b"x" * (1024 * 1024 + 1), max_bytes=1024 * 1024)
    assert error.code == "too_large"
    with translation.override("en"):
        assert str(error.message) == "The file lon.pdf is larger than 1 MB."
    assert error.details == {"limit_bytes": 1024 * 1024, "size": 1024 * 1024 + 1}


def test_the_default_limit_is_ten_megabytes() -> None:
    assert rejected("lon.jpg", b"\xff\xd8\xff" + b"\x00" * (10 * 1024 * 1024)).code == "too_large"
    assert checks.DEFAULT_MAX_BYTES == 10 * 1024 * 1024


def test_a_file_exactly_at_the_limit_is_checked_not_refused_for_size() -> None:
    data = png()
    assert inspect_upload("a.png", data, max_bytes=len(data)).content_type == "image/png"


def test_an_exe_disguised_as_a_jpeg_is_refused() -> None:
    exe = (
        b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff"
        + b"\x00" * 200
        + b"This program cannot be run in DOS mode"
    )
    assert rejected("anh-chup.jpg", exe).code == "unsupported_type"


def test_html_disguised_as_a_png_is_refused() -> None:
    html = b"<!DOCTYPE html><html><body><script>document.location='https://evil.example'</script></body></html>"
    assert rejected("bang-chung.png", html).code == "unsupported_type"


def test_svg_with_a_script_is_refused() -> None:
    svg = b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>'
    assert rejected("hinh.svg", svg).code == "unsupported_type"


@pytest.mark.parametrize("name", ["bang-chung.png", "anh.jpg", "anh.webp"])
def test_a_pdf_disguised_as_an_image_is_refused(name: str) -> None:
    error = rejected(name, pdf())
    assert error.code == "unsupported_type"
    with translation.override("en"):
        assert "does not match its name" in str(error.message)


def test_an_image_disguised_as_a_pdf_is_refused() -> None:
    assert rejected("van-ban.pdf", png()).code == "unsupported_type"


@pytest.mark.parametrize(
    "data",
    [
        b"GIF89a\x01\x00\x01\x00\x00\x00\x00;",  # GIF: not accepted
        b"PK\x03\x04" + b"\x00" * 40,  # ZIP, DOCX
        b"\x00\x00\x00\x18ftypheic" + b"\x00" * 40,  # HEIC
        b"II*\x00" + b"\x00" * 40,  # TIFF
        b"%!PS-Adobe-3.0 EPSF-3.0\n",  # EPS: Pillow would hand it to Ghostscript
        "Đơn tố cáo".encode(),  # plain text
    ],
)
def test_other_types_are_refused_whatever_their_name(data: bytes) -> None:
    assert rejected("anh.jpg", data).code == "unsupported_type"


def test_a_truncated_jpeg_is_refused() -> None:
    data = jpeg_with_gps(size=(400, 300))
    assert rejected("cut.jpg", data[: len(data) // 2]).code == "bad_image"


def test_a_truncated_png_is_refused() -> None:
    image = Image.effect_noise((200, 200), 64).convert("RGB")
    out = io.BytesIO()
    image.save(out, "PNG")
    data = out.getvalue()
    assert rejected("cut.png", data[: len(data) // 2]).code == "bad_image"


def test_a_png_with_a_bad_checksum_is_refused() -> None:
    data = bytearray(png())
    data[29] ^= 0xFF  # inside the IHDR CRC
    assert rejected("crc.png", bytes(data)).code == "bad_image"


@pytest.mark.parametrize("magic", [b"\xff\xd8\xff\xe0", b"\x89PNG\r\n\x1a\n", b"RIFF\x00\x00\x00\x00WEBPVP8 "])
def test_image_magic_followed_by_garbage_is_refused(magic: bytes) -> None:
    assert rejected("x.jpg", magic + b"\x13\x37" * 100).code == "bad_image"


def _png_claiming(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims a huge size: a decompression bomb's first bytes."""
    data = bytearray(png("1"))
    ihdr = b"IHDR" + struct.pack(">II", width, height) + bytes(data[24:29])
    data[12:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(ihdr))
    return bytes(data)


@pytest.mark.parametrize("size", [(8000, 6000), (20000, 20000)])  # 48 MP: ours; 400 MP: Pillow's limit too
def test_an_image_with_too_many_pixels_is_refused_before_it_is_decoded(size: tuple[int, int]) -> None:
    error = rejected("bomb.png", _png_claiming(*size))
    assert error.code == "bad_image"
    with translation.override("en"):
        assert "megapixels" in str(error.message)


def test_the_audits_forty_megapixel_png_is_refused_before_it_is_decoded() -> None:
    # Issue 12, item 9: a 155 KB PNG of 8000 x 5000 cost 334 MB (benchmarks/upload_memory.py).
    error = rejected("bomb.png", _png_claiming(8000, 5000))
    assert error.code == "bad_image"
    with translation.override("en"):
        assert "more than 24 megapixels" in str(error.message)


def test_a_phone_sized_image_is_not_refused_for_its_size() -> None:
    # 4032 x 3024 is a phone's default; the header-only fixture then fails to decode, as "damaged".
    error = rejected("photo.png", _png_claiming(4032, 3024))
    with translation.override("en"):
        assert "megapixels" not in str(error.message)


def test_a_petitions_images_together_are_bounded_before_any_is_decoded() -> None:
    phone = _png_claiming(4032, 3024)
    checks.pixels_check([("a.png", phone)] * 5 + [("b.pdf", b"%PDF-"), ("c.png", b"broken")])
    with pytest.raises(UploadRejected) as caught:
        checks.pixels_check([("a.png", phone)] * 5 + [("b.png", _png_claiming(3000, 1000))])
    assert caught.value.code == "too_large"
    assert caught.value.details["limit_pixels"] == checks.MAX_PIXELS_PER_SUBMISSION


def test_decodes_wait_for_a_free_slot(monkeypatch: pytest.MonkeyPatch) -> None:
    import threading

    slots = threading.BoundedSemaphore(1)
    monkeypatch.setattr(checks, "_DECODE_SLOTS", slots)
    slots.acquire()
    done = threading.Event()

    def check() -> None:
        inspect_upload("a.png", png())
        done.set()

    worker = threading.Thread(target=check)
    worker.start()
    assert not done.wait(0.3)  # the only slot is taken: the decode waits
    slots.release()
    assert done.wait(5)
    worker.join()


def test_an_animated_png_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "PNG", save_all=True, append_images=[Image.new("RGB", (8, 8), "blue")])
    assert rejected("dong.png", out.getvalue()).code == "bad_image"


def test_an_animated_webp_is_refused() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8), "red").save(out, "WEBP", save_all=True, append_images=[Image.new("RGB", (8, 8), "blue")])
    assert rejected("dong.webp", out.getvalue()).code == "bad_image"


def test_truncated_images_stay_refused_even_if_someone_flips_pillows_global(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(ImageFile, "LOAD_TRUNCATED_IMAGES", True)
    with pytest.raises(RuntimeError):
        inspect_upload("a.png", png())


# --- PDF -----------------------------------------------------------------------------------


def test_many_streams_without_an_end_are_refused_quickly() -> None:
    data = b"%PDF-1.7\n" + b"stream\n" * 1_000_000 + b"%%EOF\n"
    assert rejected("x.pdf", data, max_bytes=len(data)).code == "bad_pdf"


def test_a_pdf_without_its_end_marker_is_refused() -> None:
    assert rejected("cut.pdf", pdf(tail=b"")).code == "bad_pdf"


def test_a_pdf_whose_end_marker_is_far_from_the_end_is_refused() -> None:
    assert rejected("tail.pdf", pdf() + b"\x00" * 5000).code == "bad_pdf"


def test_a_pdf_header_after_other_bytes_is_refused() -> None:
    # Readers accept a header within the first 1024 bytes; polyglots live there.
    data = b"<html><script>alert(1)</script></html>\n" + pdf()
    assert rejected("don.pdf", data).code == "unsupported_type"


# --- polyglots -----------------------------------------------------------------------------


def test_a_payload_appended_to_a_jpeg_does_not_survive() -> None:
    payload = b"<html><script>alert(document.cookie)</script></html>PK\x03\x04zipzipzip"
    clean = inspect_upload("anh.jpg", jpeg_with_gps() + payload)
    assert b"<script" not in clean.data and b"PK\x03\x04" not in clean.data
    assert clean.data.endswith(b"\xff\xd9")


def test_a_payload_in_a_jpeg_comment_does_not_survive() -> None:
    out = io.BytesIO()
    Image.new("RGB", (8, 8)).save(out, "JPEG", comment=b"<?php system($_GET['c']); ?>")
    clean = inspect_upload("anh.jpg", out.getvalue())
    assert b"<?php" not in clean.data


def test_a_png_that_is_also_a_pdf_is_refused_or_cleaned() -> None:
    # PNG first bytes, then a PDF body: the PNG decoder fails on it.
    assert rejected("x.png", b"\x89PNG\r\n\x1a\n" + pdf()).code == "bad_image"


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("given", "expected"),
    [
        ("../../etc/passwd", "passwd.jpg"),
        ("C:\\Users\\An\\Desktop\\ảnh chụp.png", "ảnh chụp.jpg"),
        ("/var/www/shell.php.jpg", "shell.php.jpg"),
        ("hoa-don.pdf.exe", "hoa-don.pdf.jpg"),
        ("a\x00b\x1bc\r\nd.jpg", "abcd.jpg"),
        ("anh\u202egpj.exe", "anhgpj.jpg"),  # right-to-left override: displays as "anhexe.jpg"
        ("  Đơn   tố cáo – ông Nguyễn Văn Ả .jpeg", "Đơn tố cáo – ông Nguyễn Văn Ả.jpg"),
        (".htaccess", "htaccess.jpg"),
        ("-rf.jpg", "rf.jpg"),
        ("....", "tệp đính kèm.jpg"),
        ("", "tệp đính kèm.jpg"),
        ('what<>:"|?*.jpg', "what.jpg"),
        ("no-extension", "no-extension.jpg"),
    ],
)
def test_the_stored_name_is_sanitised(given: str, expected: str) -> None:
    assert clean_filename(given, ".jpg") == expected


def test_a_decomposed_vietnamese_name_is_stored_composed() -> None:
    decomposed = unicodedata.normalize("NFD", "Biên bản đối thoại.pdf")
    assert decomposed != "Biên bản đối thoại.pdf"
    assert clean_filename(decomposed, ".pdf") == "Biên bản đối thoại.pdf"


def test_a_long_name_is_cut_to_the_limit_with_its_extension() -> None:
    name = clean_filename("Đơn " * 100 + ".jpg", ".webp")
    assert len(name) <= MAX_NAME_LENGTH
    assert name.endswith("Đơn.webp")


def test_the_detected_extension_replaces_the_given_one() -> None:
    assert inspect_upload("bang chung.PNG", jpeg_with_gps()).name == "bang chung.jpg"
    assert inspect_upload("scan", pdf()).name == "scan.pdf"
    assert inspect_upload("scan.tmp", pdf()).name == "scan.pdf"


# --- messages ------------------------------------------------------------------------------


def test_messages_are_lazy_so_each_reader_gets_their_language() -> None:
    error = rejected("x.exe", b"MZ" + b"\x00" * 50)
    assert isinstance(error.message, Promise)
    with translation.override("en"):
        assert str(error.message) == "The file x.exe is not a JPEG, PNG or WebP image or a PDF document."


def test_every_refusal_code_is_declared() -> None:
    assert set(UploadRejected.CODES) == {"too_large", "empty", "unsupported_type", "bad_image", "bad_pdf", "unsafe_pdf"}
