"""Checks on the files a person sends (a petition's evidence, say): what is accepted, and how it is cleaned.

Accepted: JPEG, PNG and WebP images, and PDF documents, up to ``max_bytes`` each (10 MB by
default); how many one submission may carry is the capability's rule (cases: ``rules.MAX_FILES_PER_CASE``). The type is decided by the CONTENT (magic bytes,
then a full decode by Pillow), never by the file's extension or the browser's declared type.

Images are decoded and re-encoded in the same format. This does three things at once: it applies
the EXIF orientation (so the photo stands the right way up), it drops every piece of metadata
(EXIF with the GPS position and the camera's serial number, XMP, IPTC, ICC, comments), and it
drops anything smuggled after or inside the image data (polyglot files). The GPS position of a
photo taken at home points at the denouncer, whose identity the law keeps secret (Luật Tố cáo
2018, Điều 9, 56), and verifiers see the evidence. The cost: the stored photo is not the byte-
for-byte original, so its ``sha256`` is of the cleaned file.

PDFs are parsed by qpdf (through pikepdf), never scanned as bytes, and rewritten like images:
every object is visited (those inside compressed object streams too, whatever their
dictionaries claim), and the stored file is qpdf's rewrite of the document, walked again before
it is accepted. Per kind of active content (``_clean_pdf``):

- neutralised (removed, the document kept): every action except a jump inside the document
  (JavaScript, Launch, URI, SubmitForm, ImportData, ResetForm, GoToR, GoToE, Named, ...) wherever
  it hangs (/OpenAction, /A of links, fields and outline entries, /AA triggers of the document,
  pages, fields and annotations, /Next chains, the /JavaScript name tree); objects nothing refers
  to are not written;
- refused (removing them would lose what the citizen sent): embedded files and file attachment
  annotations, multimedia (RichMedia, 3D, Movie, Sound, Screen), XFA forms; encrypted PDFs;
  damaged ones (qpdf raises, no pages, cut short: ``%%EOF`` missing from the last 1024 bytes);
  more than ``MAX_PDF_PAGES`` pages or ``MAX_PDF_OBJECTS`` objects;
- metadata is stripped from every PDF (it is personal data, and a tố cáo's ``/Author`` is often
  the denouncer): the Info dictionary, XMP streams on any object, /PieceInfo, and the document ID
  (a new one is a digest of the content). Streams are copied without being inflated.

Serve attachments with their stored content type, ``X-Content-Type-Options: nosniff`` and
``Content-Disposition: attachment`` all the same: a page's own drawing operators are kept.

The stored name is a display name only: keep the file under a random storage key.
"""

from __future__ import annotations

import hashlib
import io
import re
import threading
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Final, NamedTuple

import pikepdf
from django.utils.functional import lazy
from django.utils.translation import gettext_lazy as _
from PIL import Image, ImageFile, ImageOps, JpegImagePlugin

from danvan.core.errors import DomainError

__all__ = [
    "DEFAULT_MAX_BYTES",
    "MAX_NAME_LENGTH",
    "MAX_PDF_OBJECTS",
    "MAX_PDF_PAGES",
    "MAX_PIXELS",
    "CleanUpload",
    "UploadRejected",
    "clean_filename",
    "detect_type",
    "inspect_upload",
    "pixels_check",
]

DEFAULT_MAX_BYTES: Final = 10 * 1024 * 1024
# Decompression-bomb guard, checked from the header before decoding (issue 12, item 9: a 155 KB
# PNG of 40 MP cost 334 MB to check). Phones save 12 MP by default (their 48 and 50 MP sensors bin
# four pixels into one); 24 MP (6000 x 4000) is twice that, a full-size DSLR photo or a panorama
# of a street, and decodes to at most 96 MB of RGBA. A 48 MP "full resolution" photo is refused
# with a message that names the limit: the phone's normal size is sharp enough for evidence.
MAX_PIXELS: Final = 24_000_000
# The pixels one submission (a petition and its files) may make us decode: five photos at a phone's
# default 12 MP. Checked from the headers of all its images before any is decoded (``pixels_check``).
MAX_PIXELS_PER_SUBMISSION: Final = 5 * 12_600_000
# Decodes running at once in one process (threads of a gthread worker, concurrent requests).
DECODE_CONCURRENCY: Final = 2
_DECODE_SLOTS = threading.BoundedSemaphore(DECODE_CONCURRENCY)
MAX_NAME_LENGTH: Final = 120
DEFAULT_STEM: Final = "tệp đính kèm"
# How far from the end "%%EOF" may be (the tolerance PDF readers apply).
PDF_EOF_WINDOW: Final = 1024
# Bounds on a PDF's work, checked before it is walked: a 500-page scan is already a big file,
# and a document of 100,000 objects is not one a person writes (a 300-page report has ~10,000).
MAX_PDF_PAGES: Final = 500
MAX_PDF_OBJECTS: Final = 100_000


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
    clean = _clean_pdf(data, shown) if kind is PDF else _clean_image(data, kind, shown)
    return CleanUpload(
        name=clean_filename(name, kind.extension),
        content_type=kind.content_type,
        data=clean,
        sha256=hashlib.sha256(clean).hexdigest(),
        size=len(clean),
    )


def pixels_check(files: list[tuple[str, bytes]]) -> None:
    """Refuse a submission whose images together would decode to more than ``MAX_PIXELS_PER_SUBMISSION``.

    Reads only the images' headers (no pixel is decoded); files that are not images, or whose
    header cannot be read, are left to ``inspect_upload``, which says what is wrong with each.
    """
    total = 0
    for _name, data in files:
        kind = detect_type(data)
        if kind is None or kind is PDF:
            continue
        try:
            with Image.open(io.BytesIO(data), formats=[kind.pillow_format]) as probe:
                width, height = probe.size
        except Exception:  # noqa: S112 (damaged: inspect_upload refuses it with its own message)
            continue
        if width * height <= MAX_PIXELS:  # a single image over the limit gets its own message
            total += width * height
    if total > MAX_PIXELS_PER_SUBMISSION:
        raise UploadRejected(
            _message(
                _(
                    "The images together are too large (more than %(limit)s megapixels); please send fewer or smaller photos."
                ),
                limit=MAX_PIXELS_PER_SUBMISSION // 1_000_000,
            ),
            code="too_large",
            details={"pixels": total, "limit_pixels": MAX_PIXELS_PER_SUBMISSION},
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
    # At most _DECODE_SLOTS decodes at once in this process, whatever the number of threads and
    # requests: the worker's memory for images is bounded by slots x one image, not by its load.
    with _DECODE_SLOTS:
        try:
            with Image.open(io.BytesIO(data), formats=[kind.pillow_format]) as source:
                source.load()  # the full decode: a truncated file fails here
                # In place: no second copy of the pixels when the photo already stands upright.
                ImageOps.exif_transpose(source, in_place=True)
                return _reencode(source, kind)
        except Exception:
            raise bad from None


def _reencode(source: Image.Image, kind: _Kind) -> bytes:
    mode = _target_mode(source, kind)
    clean = source if source.mode == mode else source.convert(mode)
    # Without ``info`` no EXIF, XMP, ICC, comment or text chunk can follow into the new file: every
    # encoder takes those from ``info`` or from its save options, and none is given. Cleared on
    # our own decoded copy rather than pasted into a new image, which would cost a second copy.
    clean.info = {}
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

# What is refused because removing it would lose what the citizen sent: attached files (which may
# be anything, an .exe included), multimedia players, and XFA forms (a dynamic XFA form has no
# page content of its own: without its XML the document is an empty "please wait" page).
_REFUSED_SUBTYPES: Final = {
    "/FileAttachment": "EmbeddedFile",
    "/RichMedia": "RichMedia",
    "/3D": "RichMedia",
    "/Movie": "RichMedia",
    "/Sound": "RichMedia",
    "/Screen": "RichMedia",
}
_REFUSED_KEYS: Final = {
    "/EmbeddedFiles": "EmbeddedFile",  # the document's attachment list (name tree)
    "/EF": "EmbeddedFile",  # a file specification that carries the file itself
    "/AF": "EmbeddedFile",  # PDF 2.0 associated files
    "/RichMediaContent": "RichMedia",
    "/XFA": "XFA",
}
# The one action that is kept: a jump to a page of the same document (a table of contents, a
# scanner's "open at page 1"). Every other action is removed: the annotation, field or outline
# entry it sits on stays, only the action goes.
_KEPT_ACTION: Final = "/GoTo"
_ACTION_TYPES: Final = frozenset(
    {
        "/GoTo", "/GoToR", "/GoToE", "/GoToDp", "/Launch", "/Thread", "/URI", "/Sound", "/Movie", "/Hide",
        "/Named", "/SubmitForm", "/ResetForm", "/ImportData", "/JavaScript", "/SetOCGState", "/Rendition",
        "/Trans", "/GoTo3DView", "/RichMediaExecute",
    }
)  # fmt: skip
# Keys that hold nothing but actions or scripts, removed wherever they appear.
_ACTION_ONLY_KEYS: Final = ("/AA", "/JavaScript", "/Next")
# Personal data about the author, the machine and the software (item 3 of issue 12): XMP streams,
# which any object may carry, and applications' private data. The Info dictionary goes with the trailer.
_METADATA_KEYS: Final = ("/Metadata", "/PieceInfo")
# Nesting deeper than this is not a document a person made.
_PDF_MAX_DEPTH: Final = 64


def _pdf_refused_kinds(dictionary: pikepdf.Dictionary) -> set[str]:
    kinds = {kind for key, kind in _REFUSED_KEYS.items() if key in dictionary}
    if dictionary.get("/Type") == pikepdf.Name.EmbeddedFile:
        kinds.add("EmbeddedFile")
    subtype = dictionary.get("/Subtype")
    if isinstance(subtype, pikepdf.Name) and str(subtype) in _REFUSED_SUBTYPES:
        kinds.add(_REFUSED_SUBTYPES[str(subtype)])
    return kinds


def _pdf_action(value: Any) -> str:
    """The action type of a dictionary ("/JavaScript", "/URI", ...), or "" if it is no action."""
    if not isinstance(value, pikepdf.Dictionary):
        return ""
    kind = value.get("/S")
    if isinstance(kind, pikepdf.Name) and str(kind) in _ACTION_TYPES:
        return str(kind)
    return "/JavaScript" if "/JS" in value else ""


def _pdf_walk(root: Any, *, clean: bool) -> tuple[set[str], set[str]]:
    """Visit ``root`` and every direct object inside it: (kinds to refuse, active content found).

    With ``clean``, active content and metadata are removed on the way; without, they are only
    reported (the check of the rewritten file). Indirect objects are visited on their own, from
    ``Pdf.objects``, which holds every object, those inside object streams included.
    """
    refused: set[str] = set()
    active: set[str] = set()
    stack: list[tuple[Any, int]] = [(root, 0)]
    while stack:
        obj, depth = stack.pop()
        if depth > _PDF_MAX_DEPTH:
            raise ValueError("PDF nesting too deep")
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, pikepdf.Array):
            stack.extend((item, depth + 1) for item in obj if _pdf_container(item))
            continue
        if not isinstance(obj, pikepdf.Dictionary):
            continue
        refused |= _pdf_refused_kinds(obj)
        found = [key for key in (*_ACTION_ONLY_KEYS, *_METADATA_KEYS) if key in obj]
        # /A and /OpenAction lose their action unless it is a jump inside the document; an
        # /OpenAction may also be a plain destination (an array: "open at this page"), kept.
        found += [key for key in ("/A", "/OpenAction") if _pdf_action(obj.get(key)) not in {"", _KEPT_ACTION}]
        action = _pdf_action(obj)
        if action and action != _KEPT_ACTION:
            # An action reached some other way: emptied in place, so whatever points at it finds nothing.
            found += [str(key) for key in obj]
            active.add(action)
        found = list(dict.fromkeys(found))
        active.update(found)
        if clean:
            for key in found:
                del obj[key]
        stack.extend((value, depth + 1) for value in obj.values() if _pdf_container(value))
    return refused, active


def _pdf_container(value: Any) -> bool:
    """A direct dictionary, array or stream: visited as part of the object that holds it."""
    return isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect


def _pdf_damaged(shown: str) -> UploadRejected:
    return UploadRejected(_message(_("The PDF file %(name)s is damaged or incomplete."), name=shown), code="bad_pdf")


def _pdf_encrypted(shown: str) -> UploadRejected:
    return UploadRejected(
        _message(_("The PDF file %(name)s is encrypted or password-protected and cannot be checked."), name=shown),
        code="unsafe_pdf",
    )


def _clean_pdf(data: bytes, shown: str) -> bytes:
    """The PDF rewritten by qpdf without actions, scripts and metadata; refused if it cannot be.

    Parsed by qpdf (through pikepdf), never scanned as bytes: every object is visited, those inside
    object streams included, whatever their dictionaries claim. The stored file is qpdf's rewrite,
    which holds only the objects reachable from the document (an orphan object with a script is
    not written), and that rewrite is parsed and walked again before it is accepted.
    """
    if b"%%EOF" not in data[-PDF_EOF_WINDOW:]:
        raise _pdf_damaged(shown)  # cut short: the rest of the document is missing
    try:
        with pikepdf.open(io.BytesIO(data)) as document:
            if document.is_encrypted:  # an owner password only: readable, but not what was meant to be sent
                raise _pdf_encrypted(shown)
            pages = len(document.pages)
            if pages == 0:
                raise _pdf_damaged(shown)
            if pages > MAX_PDF_PAGES:
                raise _pdf_too_large(shown, {"pages": pages, "limit_pages": MAX_PDF_PAGES})
            objects = document.objects
            if len(objects) > MAX_PDF_OBJECTS:
                raise _pdf_too_large(shown, {"objects": len(objects), "limit_objects": MAX_PDF_OBJECTS})
            refused: set[str] = set()
            for obj in objects:
                refused |= _pdf_walk(obj, clean=True)[0]
            if refused:
                raise _pdf_refused(shown, refused)
            # The Info dictionary (/Author, /Creator, /Producer, /Title, ...) and the document ID, whose
            # first half qpdf would otherwise keep (it may be made from the author's machine and time).
            for key in ("/Info", "/ID"):
                if key in document.trailer:
                    del document.trailer[key]
            out = io.BytesIO()
            # Streams are copied as they are, never inflated (a small Flate stream can inflate to
            # gigabytes); the new document ID is a digest of the content, not of the machine or the time.
            document.save(out, deterministic_id=True, fix_metadata_version=False,
                          stream_decode_level=pikepdf.StreamDecodeLevel.none)  # fmt: skip
        with pikepdf.open(io.BytesIO(out.getvalue())) as rewritten:
            leftover: set[str] = set()
            for obj in rewritten.objects:
                kinds, active = _pdf_walk(obj, clean=False)
                leftover |= kinds | active
            if leftover or "/Info" in rewritten.trailer:
                raise UploadRejected(
                    _message(_("The PDF file %(name)s could not be checked completely."), name=shown),
                    code="unsafe_pdf",
                    details={"kinds": sorted(leftover)},
                )
    except UploadRejected:
        raise
    except pikepdf.PasswordError:
        raise _pdf_encrypted(shown) from None
    except Exception:  # qpdf raises PdfError, and others on malformed input: all mean "damaged"
        raise _pdf_damaged(shown) from None
    return out.getvalue()


def _pdf_too_large(shown: str, details: dict[str, int]) -> UploadRejected:
    return UploadRejected(
        _message(
            _("The PDF file %(name)s has too many pages or parts (at most %(limit)s pages)."),
            name=shown,
            limit=MAX_PDF_PAGES,
        ),
        code="too_large",
        details=details,
    )


def _pdf_refused(shown: str, kinds: set[str]) -> UploadRejected:
    return UploadRejected(
        _message(
            _(
                "The PDF file %(name)s contains attached files, multimedia or an XFA form, which are not "
                "accepted. Please send the attached files separately, or print the document to a new PDF."
            ),
            name=shown,
        ),
        code="unsafe_pdf",
        details={"kinds": sorted(kinds)},
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
