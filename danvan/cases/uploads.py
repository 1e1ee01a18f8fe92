"""Checks on the files a citizen attaches to a petition: what is accepted, and how it is cleaned.

Accepted: JPEG, PNG and WebP images, and PDF documents, up to ``max_bytes`` each (10 MB by
default) and ``MAX_FILES_PER_CASE`` per case. The type is decided by the CONTENT (magic bytes,
then a full decode by Pillow), never by the file's extension or the browser's declared type.

Images are decoded and re-encoded in the same format. This does three things at once: it applies
the EXIF orientation (so the photo stands the right way up), it drops every piece of metadata
(EXIF with the GPS position and the camera's serial number, XMP, IPTC, ICC, comments), and it
drops anything smuggled after or inside the image data (polyglot files). The GPS position of a
photo taken at home points at the denouncer, whose identity the law keeps secret (Luật Tố cáo
2018, Điều 9, 56), and verifiers see the evidence. The cost: the stored photo is not the byte-
for-byte original, so its ``sha256`` is of the cleaned file.

PDFs are NOT rewritten (that needs a PDF library); they are checked by a simple byte scan:
they must start with ``%PDF-`` at byte 0 and carry ``%%EOF`` in their last 1024 bytes, and they
are refused if any PDF name in the file, or in its Flate-compressed non-image streams (where
compressed object streams hide dictionaries), is one of ``FORBIDDEN_PDF_NAMES`` (JavaScript,
launch actions, embedded files, ...), after undoing ``#xx`` escapes in names (``/J#61vaScript``).
Encrypted PDFs are refused, because their streams cannot be scanned. The scan can give a false
alarm (such a name inside a text string) and is not a PDF parser: serve attachments with their
stored content type, ``X-Content-Type-Options: nosniff`` and ``Content-Disposition: attachment``.
Known gap: a PDF's own metadata (``/Author``, which may be the denouncer's name) is kept; the
pseudonymised copy for verifiers (Điều 56(2)) must take care of it.

The stored name is a display name only: keep the file under a random storage key.
"""

from __future__ import annotations

import hashlib
import io
import re
import unicodedata
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, JpegImagePlugin

from danvan.core.errors import DomainError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "FORBIDDEN_PDF_NAMES",
    "MAX_FILES_PER_CASE",
    "MAX_NAME_LENGTH",
    "MAX_PIXELS",
    "CleanUpload",
    "UploadRejected",
    "clean_filename",
    "detect_type",
    "inspect_upload",
]

MAX_FILES_PER_CASE: Final = 5
DEFAULT_MAX_BYTES: Final = 10 * 1024 * 1024
# Decompression-bomb guard: 40 megapixels is beyond any phone camera (a 48 MP sensor saves 12 MP
# by default) and decodes to at most 160 MB of RGBA. Checked from the header, before decoding.
MAX_PIXELS: Final = 40_000_000
MAX_NAME_LENGTH: Final = 120
DEFAULT_STEM: Final = "tệp đính kèm"
# How far from the end "%%EOF" may be (the tolerance PDF readers apply).
PDF_EOF_WINDOW: Final = 1024
# Budget for inflating a PDF's compressed non-image streams during the scan.
PDF_INFLATE_BUDGET: Final = 64 * 1024 * 1024

# Names whose presence refuses a PDF. /OpenAction alone is allowed (scanners use it to set the
# first view); an /OpenAction that runs JavaScript is caught by /JavaScript or /JS.
FORBIDDEN_PDF_NAMES: Final = frozenset(
    {
        "JavaScript",
        "JS",
        "Launch",  # runs a program
        "EmbeddedFile",
        "EmbeddedFiles",
        "GoToE",  # opens an embedded document
        "RichMedia",  # Flash and other embedded players
        "XFA",  # XML forms, which carry their own scripts
    }
)


class _Kind(NamedTuple):
    pillow_format: str  # "" for PDF
    content_type: str
    extension: str
    family: str  # "image" or "pdf": a file named as one family but holding the other is refused


JPEG = _Kind("JPEG", "image/jpeg", ".jpg", "image")
PNG = _Kind("PNG", "image/png", ".png", "image")
WEBP = _Kind("WEBP", "image/webp", ".webp", "image")
PDF = _Kind("", "application/pdf", ".pdf", "pdf")

# What a file's own extension claims. Any other extension (none, .jfif, .tmp, .exe) claims nothing:
# the content alone decides, and the stored name gets the detected extension.
_EXTENSION_FAMILY: Final = {
    "jpg": "image",
    "jpeg": "image",
    "jpe": "image",
    "jfif": "image",
    "png": "image",
    "webp": "image",
    "pdf": "pdf",
}

_lazy_interpolate = lazy(lambda template, params: str(template) % params, str)


def _message(template: Any, **params: Any) -> Any:
    """A lazily translated message with its parameters: rendered in the reader's language."""
    return _lazy_interpolate(template, params)


class UploadRejected(DomainError):
    """An attachment refused; ``code`` says why, ``message`` says it to the citizen."""

    code = "unsupported_type"
    CODES: Final = ("too_large", "empty", "unsupported_type", "bad_image", "bad_pdf", "unsafe_pdf")


@dataclass(frozen=True, slots=True)
class CleanUpload:
    """An accepted attachment, ready to store: cleaned bytes, a safe name, the detected type."""

    name: str
    content_type: str
    data: bytes = field(repr=False)
    sha256: str
    size: int


def inspect_upload(name: str, data: bytes, *, max_bytes: int = DEFAULT_MAX_BYTES) -> CleanUpload:
    """Check one attachment and return its cleaned form; raise ``UploadRejected`` if it is refused."""
    shown = _display_name(name)
    if not data:
        raise UploadRejected(_message(_("The file %(name)s is empty."), name=shown), code="empty")
    if len(data) > max_bytes:
        raise UploadRejected(
            _message(_("The file %(name)s is larger than %(limit)s MB."), name=shown, limit=_megabytes(max_bytes)),
            code="too_large",
            details={"limit_bytes": max_bytes, "size": len(data)},
        )
    kind = detect_type(data)
    if kind is None:
        raise UploadRejected(
            _message(_("The file %(name)s is not a JPEG, PNG or WebP image or a PDF document."), name=shown),
            code="unsupported_type",
        )
    claimed = _EXTENSION_FAMILY.get(_extension(name))
    if claimed is not None and claimed != kind.family:
        # A PDF named .png, or a photo named .pdf: the name is there to mislead someone.
        raise UploadRejected(
            _message(_("The content of the file %(name)s does not match its name."), name=shown),
            code="unsupported_type",
        )
    if kind is PDF:
        _check_pdf(data, shown)
        clean = bytes(data)
    else:
        clean = _clean_image(data, kind, shown)
    return CleanUpload(
        name=clean_filename(name, kind.extension),
        content_type=kind.content_type,
        data=clean,
        sha256=hashlib.sha256(clean).hexdigest(),
        size=len(clean),
    )


def detect_type(data: bytes) -> _Kind | None:
    """The accepted type that the first bytes announce, or None. Pillow then confirms images."""
    if data.startswith(b"\xff\xd8\xff"):
        return JPEG
    if data.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if len(data) >= 12 and data[:4] == b"RIFF" and data[8:12] == b"WEBP":
        return WEBP
    # At byte 0 only: readers accept a header anywhere in the first 1024 bytes, which is how
    # PDF/HTML and PDF/ZIP polyglots are built.
    if data.startswith(b"%PDF-"):
        return PDF
    return None


# --- images --------------------------------------------------------------------------------


def _clean_image(data: bytes, kind: _Kind, shown: str) -> bytes:
    bad = UploadRejected(_message(_("The image %(name)s is damaged or cannot be read."), name=shown), code="bad_image")
    too_big = UploadRejected(
        _message(
            _("The image %(name)s is too large (more than %(limit)s megapixels)."),
            name=shown,
            limit=MAX_PIXELS // 1_000_000,
        ),
        code="bad_image",
    )
    if ImageFile.LOAD_TRUNCATED_IMAGES:  # a global some library could flip; it would let truncated images in
        raise RuntimeError("PIL.ImageFile.LOAD_TRUNCATED_IMAGES must stay False for upload checks")
    try:
        # formats=[...]: only the plugin the magic bytes named may parse the file, so no other
        # Pillow plugin (EPS would start Ghostscript) ever sees citizen data.
        with Image.open(io.BytesIO(data), formats=[kind.pillow_format]) as probe:
            width, height = probe.size
            # A JPEG with several frames is an MPO (phone cameras add a preview or depth map): its
            # first frame is the photo. Animated PNG and WebP are something else.
            animated = kind is not JPEG and getattr(probe, "n_frames", 1) > 1
            if width * height <= MAX_PIXELS and not animated:
                probe.verify()  # checksums and structure, without decoding the pixels
    except Image.DecompressionBombError:  # Pillow's own limit, above ours: the same answer
        raise too_big from None
    except Exception:  # malformed input makes Pillow raise many kinds of error; all mean "damaged"
        raise bad from None
    if width * height > MAX_PIXELS:
        raise too_big
    if animated:
        # Re-encoding would keep only one frame of what the citizen sent; say so instead.
        raise UploadRejected(
            _message(_("The image %(name)s is animated; please send a still photo."), name=shown),
            code="bad_image",
        )
    try:
        with Image.open(io.BytesIO(data), formats=[kind.pillow_format]) as source:
            source.load()  # the full decode: a truncated file fails here
            oriented = ImageOps.exif_transpose(source) or source
            return _reencode(oriented, source, kind)
    except Exception:
        raise bad from None


def _reencode(image: Image.Image, source: Image.Image, kind: _Kind) -> bytes:
    mode = _target_mode(image, kind)
    converted = image if image.mode == mode else image.convert(mode)
    # A brand-new image has an empty ``info``: no EXIF, XMP, ICC, comment or text chunk can follow.
    clean = Image.new(mode, converted.size)
    clean.paste(converted)
    out = io.BytesIO()
    if kind is JPEG:
        try:
            # The source's own quantisation tables and subsampling: the same quality and about the
            # same size as the original, instead of the growth a fixed quality=90 gives.
            options: dict[str, Any] = {"qtables": source.quantization}  # type: ignore[attr-defined]
            sampling = JpegImagePlugin.get_sampling(source)
            if sampling != -1:
                options["subsampling"] = sampling
            clean.save(out, "JPEG", optimize=True, **options)
        except (AttributeError, ValueError, TypeError, OSError):
            out = io.BytesIO()
            clean.save(out, "JPEG", quality=90, optimize=True)
    elif kind is PNG:
        clean.save(out, "PNG")
    else:
        clean.save(out, "WEBP", quality=90, method=4)
    return out.getvalue()


def _target_mode(image: Image.Image, kind: _Kind) -> str:
    has_alpha = image.mode in {"RGBA", "LA", "PA", "RGBa", "La"} or "transparency" in image.info
    if kind is JPEG:
        return "L" if image.mode in {"L", "1"} else "RGB"
    if kind is PNG:
        if image.mode in {"1", "L", "LA", "RGB", "RGBA", "I;16"}:
            return image.mode
        return "RGBA" if has_alpha else "RGB"
    return "RGBA" if has_alpha else "RGB"


# --- PDF -----------------------------------------------------------------------------------

# A PDF name: "/" then regular characters up to the next delimiter or white space (ISO 32000-1, 7.2-7.3.5).
_PDF_NAME = re.compile(rb"/([^\x00\t\n\x0c\r ()<>\[\]{}/%]*)")
_PDF_HEX_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM_START = re.compile(rb"(?<!end)stream\r?\n")


def _pdf_names(chunk: bytes) -> set[str]:
    names = set()
    for match in _PDF_NAME.finditer(chunk):
        raw = _PDF_HEX_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))
        names.add(raw.decode("latin-1"))
    return names


def _check_pdf(data: bytes, shown: str) -> None:
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise UploadRejected(_message(_("The PDF file %(name)s is damaged or incomplete."), name=shown), code="bad_pdf")
    names = _pdf_names(data)
    if "Encrypt" in names:
        raise UploadRejected(
            _message(_("The PDF file %(name)s is encrypted or password-protected and cannot be checked."), name=shown),
            code="unsafe_pdf",
        )
    budget = PDF_INFLATE_BUDGET
    for header, body in _pdf_streams(data):
        header_names = _pdf_names(header)
        if "Image" in header_names:
            continue  # pixels, not dictionaries; inflating scanned pages would only cost memory
        inflater = zlib.decompressobj()
        try:
            inflated = inflater.decompress(body, budget + 1)
        except zlib.error:
            if "ObjStm" in header_names:  # compressed objects we cannot read: we cannot vouch for them
                raise _unchecked_pdf(shown) from None
            continue  # not Flate (DCT, CCITT, ...) or plain: the raw scan above has seen it
        budget -= len(inflated)
        if budget < 0:
            raise _unchecked_pdf(shown)
        names |= _pdf_names(inflated)
    if names & FORBIDDEN_PDF_NAMES:
        raise UploadRejected(
            _message(
                _("The PDF file %(name)s contains scripts, embedded files or actions that are not allowed."),
                name=shown,
            ),
            code="unsafe_pdf",
            details={"names": sorted(names & FORBIDDEN_PDF_NAMES)},
        )


def _pdf_streams(data: bytes) -> Iterator[tuple[bytes, bytes]]:
    """(dictionary before the stream, stream bytes) for each stream, in one pass over ``data``.

    A plain loop rather than one regular expression: ``stream(.*?)endstream`` rescans to the end
    of the file for every "stream" without an end, which a crafted file turns into hours.
    """
    position = 0
    while match := _PDF_STREAM_START.search(data, position):
        end = data.find(b"endstream", match.end())
        if end < 0:
            return  # no stream after this one can have an end either
        header = data[max(0, match.start() - 2048) : match.start()]
        header = header[header.rfind(b"obj") + 3 :] if b"obj" in header else header
        yield header, data[match.end() : end]
        position = end + len(b"endstream")


def _unchecked_pdf(shown: str) -> UploadRejected:
    return UploadRejected(
        _message(_("The PDF file %(name)s could not be checked completely."), name=shown), code="unsafe_pdf"
    )


# --- names ---------------------------------------------------------------------------------

_WINDOWS_FORBIDDEN = set('<>:"|?*')


def _base_name(name: str) -> str:
    name = unicodedata.normalize("NFC", name or "")
    name = re.split(r"[\\/]", name)[-1]  # both separators: old browsers send "C:\Users\...\x.jpg"
    # Category C: control characters, format characters such as U+202E (right-to-left override,
    # which makes "gpj.exe" display as "exe.jpg"), surrogates, private use and unassigned.
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C" and ch not in _WINDOWS_FORBIDDEN)
    return " ".join(name.split())


def _extension(name: str) -> str:
    stem, dot, extension = _base_name(name).rpartition(".")
    return extension.lower() if dot and stem and re.fullmatch(r"[A-Za-z0-9]{1,5}", extension) else ""


def clean_filename(name: str, extension: str) -> str:
    """A safe display name: no path, no control or bidi characters, ``extension`` (e.g. ".jpg")
    in place of the given one, at most ``MAX_NAME_LENGTH`` characters. Vietnamese letters are kept
    (in NFC form, so a letter is one character and truncation never splits its tone mark)."""
    base = _base_name(name)
    if _extension(name):
        base = base.rpartition(".")[0]
    # No leading dot (hidden file, ".."), dash (read as an option by command-line tools) or space.
    base = base.strip(" .-_")
    base = base[: MAX_NAME_LENGTH - len(extension)].rstrip(" .-_") or DEFAULT_STEM
    return base + extension


def _display_name(name: str) -> str:
    return _base_name(name)[:MAX_NAME_LENGTH] or DEFAULT_STEM


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):g}"
