"""PDF attachments: parsed by pikepdf (qpdf), active content neutralised or refused, metadata stripped.

Every fixture is generated here: real PDFs built with pikepdf for each kind of active content, and
two files crafted byte by byte the way the audit of issue 12 built them to slip past the old byte
scanner (a JavaScript open action inside an object stream whose dictionary also says
``/Subtype /Image``; an object stream whose ``/Type /ObjStm`` lies more than 2 KB before ``stream``).
"""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable

import pikepdf
import pytest
from django.utils import translation
from pikepdf import Array, Dictionary, Name, String

from danvan.files import checks
from danvan.files.checks import UploadRejected, inspect_upload

NAME = "Nguyễn Văn Bình"
ACTIVE = {"/JavaScript", "/JS", "/Launch", "/URI", "/SubmitForm", "/ImportData", "/AA", "/GoToR", "/GoToE"}


# --- builders ------------------------------------------------------------------------------


def made_pdf(edit: Callable[[pikepdf.Pdf], None] | None = None, *, pages: int = 1, **save: object) -> bytes:
    """A valid PDF made by pikepdf, changed by ``edit`` before it is saved."""
    doc = pikepdf.new()
    for _ in range(pages):
        doc.add_blank_page(page_size=(595, 842))
    if edit is not None:
        edit(doc)
    out = io.BytesIO()
    doc.save(out, **save)
    return out.getvalue()


def crafted_object_stream(hidden: bytes, *, extra: bytes = b"", hex_encoded: bool = False,
                          catalog: bytes = b"/OpenAction 4 0 R") -> bytes:  # fmt: skip
    """A PDF whose catalog's /OpenAction is object 4, stored compressed in object stream 5.

    ``extra`` goes into the object stream's dictionary; with ``hex_encoded`` the stream is
    ASCIIHex-encoded (zlib cannot inflate it) instead of Flate-compressed. The cross-reference is a
    correct xref stream, so every reader finds object 4.
    """
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets: dict[int, int] = {}

    def add(number: int, body: bytes) -> None:
        offsets[number] = len(out)
        out.extend(b"%d 0 obj\n" % number + body + b"\nendobj\n")

    add(1, b"<< /Type /Catalog /Pages 2 0 R " + catalog + b" >>")
    add(2, b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>")
    add(3, b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] >>")
    prefix = b"4 0 "
    raw = prefix + hidden
    if hex_encoded:
        encoded, filter_ = raw.hex().encode() + b">", b"/ASCIIHexDecode"
    else:
        encoded, filter_ = zlib.compress(raw), b"/FlateDecode"
    add(5, b"<< /Type /ObjStm /N 1 /First %d " % len(prefix) + extra
        + b" /Filter " + filter_ + b" /Length %d >>\nstream\n" % len(encoded) + encoded + b"\nendstream")  # fmt: skip
    xref_at = len(out)
    rows = [(0, 0, 65535), (1, offsets[1], 0), (1, offsets[2], 0), (1, offsets[3], 0), (2, 5, 0),
            (1, offsets[5], 0), (1, xref_at, 0)]  # fmt: skip
    table = b"".join(struct.pack(">BIH", *row) for row in rows)
    out.extend(b"6 0 obj\n<< /Type /XRef /Size 7 /W [1 4 2] /Root 1 0 R /Length %d >>\nstream\n" % len(table)
               + table + b"\nendstream\nendobj\n")  # fmt: skip
    out.extend(b"startxref\n%d\n%%%%EOF\n" % xref_at)
    return bytes(out)


JS_ACTION = b"<< /Type /Action /S /JavaScript /JS (app.alert(1)) >>"


def rejected(data: bytes, name: str = "don.pdf") -> UploadRejected:
    with pytest.raises(UploadRejected) as caught:
        inspect_upload(name, data)
    return caught.value


def stored(data: bytes) -> pikepdf.Pdf:
    """What would be stored, reopened."""
    clean = inspect_upload("don.pdf", data)
    assert clean.content_type == "application/pdf"
    return pikepdf.open(io.BytesIO(clean.data))


def active_names(doc: pikepdf.Pdf) -> set[str]:
    """Every action kind and trigger left anywhere in the document, objects in object streams included."""
    found: set[str] = set()

    def walk(obj: object, depth: int = 0) -> None:
        if depth > 50 or (depth and getattr(obj, "is_indirect", False)):
            return  # indirect objects are visited on their own
        if isinstance(obj, pikepdf.Stream):
            obj = obj.stream_dict
        if isinstance(obj, Dictionary):
            found.update(str(key) for key in obj if key in ACTIVE)
            kind = obj.get("/S")
            if isinstance(kind, Name) and str(kind) in ACTIVE:
                found.add(str(kind))
            for value in obj.values():
                walk(value, depth + 1)
        elif isinstance(obj, Array):
            for value in obj:
                walk(value, depth + 1)

    for obj in doc.objects:
        walk(obj)
    return found


# --- the two files of the audit ------------------------------------------------------------


def test_a_javascript_open_action_in_an_object_stream_that_says_image_is_neutralised() -> None:
    data = crafted_object_stream(JS_ACTION, extra=b"/Subtype /Image")
    assert b"JavaScript" not in data  # only inside the compressed object stream
    with pikepdf.open(io.BytesIO(data)) as original:
        assert Name.JavaScript == original.Root.OpenAction.S  # the reader really finds the script
    cleaned = stored(data)
    assert "/OpenAction" not in cleaned.Root
    assert active_names(cleaned) == set()


def test_a_javascript_open_action_in_an_object_stream_whose_type_is_far_from_its_data_is_neutralised() -> None:
    data = crafted_object_stream(JS_ACTION, extra=b"/Padding (" + b"x" * 2100 + b")", hex_encoded=True)
    assert data.index(b"stream\n") - data.index(b"/ObjStm") > 2048
    with pikepdf.open(io.BytesIO(data)) as original:
        assert Name.JavaScript == original.Root.OpenAction.S
    cleaned = stored(data)
    assert "/OpenAction" not in cleaned.Root
    assert active_names(cleaned) == set()


# --- actions: neutralised (removed), the document kept -------------------------------------


def _open_action(action: Dictionary) -> Callable[[pikepdf.Pdf], None]:
    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.OpenAction = doc.make_indirect(action)

    return edit


def _link(action: Dictionary) -> Callable[[pikepdf.Pdf], None]:
    def edit(doc: pikepdf.Pdf) -> None:
        annotation = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([10, 10, 200, 40]), A=action)
        doc.pages[0].obj.Annots = Array([doc.make_indirect(annotation)])

    return edit


def _field_with_script(doc: pikepdf.Pdf) -> None:
    script = Dictionary(S=Name.JavaScript, JS=String("this.submitForm('http://x.example/')"))
    field = doc.make_indirect(Dictionary(
        Type=Name.Annot, Subtype=Name.Widget, FT=Name.Tx, T=String("ho_ten"), Rect=Array([10, 10, 200, 40]),
        P=doc.pages[0].obj, AA=Dictionary(K=script, F=script, Fo=script),
    ))  # fmt: skip
    doc.pages[0].obj.Annots = Array([field])
    doc.Root.AcroForm = Dictionary(Fields=Array([field]))


def _page_trigger(doc: pikepdf.Pdf) -> None:
    doc.pages[0].obj.AA = Dictionary(O=Dictionary(S=Name.Launch, F=String("cmd.exe")))


def _document_scripts(doc: pikepdf.Pdf) -> None:
    action = doc.make_indirect(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)")))
    doc.Root.Names = Dictionary(JavaScript=Dictionary(Names=Array([String("a"), action])))
    doc.Root.AA = Dictionary(WC=Dictionary(S=Name.JavaScript, JS=String("app.alert(2)")))


def _chained(doc: pikepdf.Pdf) -> None:
    # A harmless first action whose /Next runs a script.
    then = Dictionary(S=Name.JavaScript, JS=String("app.alert(3)"))
    doc.Root.OpenAction = Dictionary(S=Name.GoTo, D=Array([doc.pages[0].obj, Name.Fit]), Next=then)


@pytest.mark.parametrize(
    "edit",
    [
        pytest.param(_open_action(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))), id="javascript-open"),
        pytest.param(_open_action(Dictionary(S=Name.URI, URI=String("http://x.example/"))), id="uri-open"),
        pytest.param(
            _open_action(Dictionary(S=Name.SubmitForm, F=Dictionary(FS=Name.URL, F=String("http://x.example/")))),
            id="submitform-open",
        ),
        pytest.param(_open_action(Dictionary(S=Name.Launch, F=String("cmd.exe"))), id="launch-open"),
        pytest.param(_open_action(Dictionary(S=Name.ImportData, F=String("x.fdf"))), id="importdata-open"),
        pytest.param(
            _open_action(Dictionary(S=Name.GoToR, F=String("\\\\evil\\share\\x.pdf"), D=Array([0, Name.Fit]))),
            id="gotor-open",
        ),
        pytest.param(_link(Dictionary(S=Name.URI, URI=String("http://x.example/"))), id="uri-link"),
        pytest.param(_link(Dictionary(S=Name.SubmitForm, F=String("http://x.example/"))), id="submitform-link"),
        pytest.param(_link(Dictionary(S=Name.JavaScript, JS=String("app.alert(1)"))), id="javascript-link"),
        pytest.param(_link(Dictionary(S=Name.Launch, F=String("cmd.exe"))), id="launch-link"),
        pytest.param(_field_with_script, id="acroform-field-aa"),
        pytest.param(_page_trigger, id="page-aa-launch"),
        pytest.param(_document_scripts, id="names-javascript-and-catalog-aa"),
        pytest.param(_chained, id="next-chain"),
    ],
)
def test_every_action_is_removed_and_the_document_kept(edit: Callable[[pikepdf.Pdf], None]) -> None:
    data = made_pdf(edit)
    with pikepdf.open(io.BytesIO(data)) as original:
        assert active_names(original)  # the fixture really carries the action
    cleaned = stored(data)
    assert active_names(cleaned) == set()
    assert len(cleaned.pages) == 1


def test_a_link_keeps_its_annotation_but_loses_its_uri() -> None:
    cleaned = stored(made_pdf(_link(Dictionary(S=Name.URI, URI=String("http://x.example/")))))
    annotation = cleaned.pages[0].obj.Annots[0]
    assert annotation.Subtype == Name.Link
    assert "/A" not in annotation


def test_a_form_field_stays_without_its_scripts() -> None:
    cleaned = stored(made_pdf(_field_with_script))
    (field,) = cleaned.Root.AcroForm.Fields
    assert str(field.T) == "ho_ten"
    assert "/AA" not in field


def test_an_internal_go_to_and_a_view_open_action_are_kept() -> None:
    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.OpenAction = Array([doc.pages[0].obj, Name.Fit])
        annotation = Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([0, 0, 9, 9]),
                                A=Dictionary(S=Name.GoTo, D=Array([doc.pages[1].obj, Name.Fit])))  # fmt: skip
        doc.pages[0].obj.Annots = Array([annotation])

    cleaned = stored(made_pdf(edit, pages=2))
    assert isinstance(cleaned.Root.OpenAction, Array)
    assert Name.GoTo == cleaned.pages[0].obj.Annots[0].A.S


# --- content that would be lost if removed: refused ----------------------------------------


def _embedded(doc: pikepdf.Pdf) -> None:
    doc.attachments["hoa-don.exe"] = pikepdf.AttachedFileSpec(doc, b"MZ\x90\x00", mime_type="application/x-msdownload")


def _file_annotation(doc: pikepdf.Pdf) -> None:
    spec = pikepdf.AttachedFileSpec(doc, b"MZ", filename="x.exe")
    annotation = Dictionary(Type=Name.Annot, Subtype=Name.FileAttachment, Rect=Array([0, 0, 9, 9]), FS=spec.obj)
    doc.pages[0].obj.Annots = Array([doc.make_indirect(annotation)])


def _rich_media(doc: pikepdf.Pdf) -> None:
    annotation = Dictionary(Type=Name.Annot, Subtype=Name.RichMedia, Rect=Array([0, 0, 9, 9]),
                            RichMediaContent=Dictionary(Assets=Dictionary(Names=Array([]))))  # fmt: skip
    doc.pages[0].obj.Annots = Array([doc.make_indirect(annotation)])


def _xfa(doc: pikepdf.Pdf) -> None:
    xfa = doc.make_stream(b"<xdp:xdp><template><script>app.alert(1)</script></template></xdp:xdp>")
    doc.Root.AcroForm = Dictionary(Fields=Array([]), XFA=xfa)


@pytest.mark.parametrize(
    ("edit", "kind"),
    [(_embedded, "EmbeddedFile"), (_file_annotation, "EmbeddedFile"), (_rich_media, "RichMedia"), (_xfa, "XFA")],
)
def test_embedded_files_rich_media_and_xfa_are_refused(edit: Callable[[pikepdf.Pdf], None], kind: str) -> None:
    error = rejected(made_pdf(edit))
    assert error.code == "unsafe_pdf"
    assert kind in error.details["kinds"]


def test_refusal_is_found_inside_object_streams_too() -> None:
    data = made_pdf(_embedded, object_stream_mode=pikepdf.ObjectStreamMode.generate)
    assert b"/EmbeddedFiles" not in data  # the catalog's name tree is compressed
    assert rejected(data).details["kinds"] == ["EmbeddedFile"]


# --- metadata (item 3: the /Author is often the denouncer) ---------------------------------


def test_metadata_and_the_document_id_are_stripped() -> None:
    def edit(doc: pikepdf.Pdf) -> None:
        with doc.open_metadata(set_pikepdf_as_editor=False) as meta:
            meta["dc:creator"] = [NAME]
            meta["dc:title"] = "Đơn tố cáo của " + NAME
        for key in ("/Author", "/Creator", "/Producer", "/Title", "/Subject", "/Keywords"):
            doc.docinfo[key] = NAME
        doc.pages[0].obj.Metadata = doc.make_stream(("<x:xmpmeta>" + NAME + "</x:xmpmeta>").encode())
        doc.pages[0].obj.PieceInfo = Dictionary(Word=Dictionary(Private=String(NAME)))
        doc.trailer.ID = Array([String(b"binh-laptop-01"), String(b"binh-laptop-01")])

    data = made_pdf(edit, static_id=True)
    with pikepdf.open(io.BytesIO(data)) as original:  # the fixture really carries them
        assert str(original.docinfo.Author) == NAME
        assert NAME in str(original.open_metadata().get("dc:creator"))
        assert bytes(original.trailer.ID[0]) == b"binh-laptop-01"
    cleaned_bytes = inspect_upload("don.pdf", data).data
    for needle in (NAME.encode(), b"Nguy", b"binh-laptop", b"binh-laptop".hex().encode(), b"xmpmeta"):
        assert needle not in cleaned_bytes
    cleaned = pikepdf.open(io.BytesIO(cleaned_bytes))
    assert "/Info" not in cleaned.trailer or not cleaned.docinfo.keys()
    assert "/Metadata" not in cleaned.Root
    assert "/Metadata" not in cleaned.pages[0].obj and "/PieceInfo" not in cleaned.pages[0].obj


def test_the_text_of_the_pages_is_kept() -> None:
    def edit(doc: pikepdf.Pdf) -> None:
        doc.pages[0].obj.Contents = doc.make_stream(b"BT /F1 12 Tf 72 712 Td (Xin chao) Tj ET")

    cleaned = stored(made_pdf(edit))
    assert b"(Xin chao) Tj" in cleaned.pages[0].obj.Contents.read_bytes()


def test_an_unused_object_with_a_script_is_not_stored() -> None:
    data = crafted_object_stream(b"<< /S /JavaScript /JS (app.alert('orphan')) >>", catalog=b"")
    with pikepdf.open(io.BytesIO(data)) as original:
        assert active_names(original) == {"/JavaScript", "/JS"}
    cleaned = stored(data)
    assert active_names(cleaned) == set()
    assert len(cleaned.objects) < 6


# --- refused: encrypted, damaged, too big ---------------------------------------------------


def test_an_encrypted_pdf_is_refused() -> None:
    error = rejected(made_pdf(encryption=pikepdf.Encryption(owner="chu", user="", R=6)))
    assert error.code == "unsafe_pdf"
    with translation.override("en"):
        assert "encrypted" in str(error.message)


def test_a_password_protected_pdf_is_refused() -> None:
    error = rejected(made_pdf(encryption=pikepdf.Encryption(owner="chu", user="mo", R=6)))
    assert error.code == "unsafe_pdf"


@pytest.mark.parametrize(
    "data",
    [
        b"%PDF-1.7\n" + b"\x00garbage" * 100 + b"\n%%EOF\n",
        b"%PDF-1.7\n1 0 obj << /Type /Catalog /Pages 9 0 R >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n",
    ],
    ids=["garbage", "no-pages"],
)
def test_a_damaged_pdf_is_refused(data: bytes) -> None:
    assert rejected(data).code == "bad_pdf"


def test_a_truncated_pdf_is_refused() -> None:
    data = made_pdf()
    assert rejected(data[: len(data) // 2]).code == "bad_pdf"


def test_too_many_pages_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "MAX_PDF_PAGES", 3)
    assert inspect_upload("ok.pdf", made_pdf(pages=3)).content_type == "application/pdf"
    error = rejected(made_pdf(pages=4))
    assert error.code == "too_large"
    assert error.details == {"pages": 4, "limit_pages": 3}


def test_too_many_objects_are_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(checks, "MAX_PDF_OBJECTS", 50)

    def edit(doc: pikepdf.Pdf) -> None:
        doc.Root.Junk = Array([doc.make_indirect(Dictionary(N=i)) for i in range(60)])

    assert rejected(made_pdf(edit)).code == "too_large"


def test_names_written_with_hex_escapes_are_read_as_the_names_they_are() -> None:
    data = crafted_object_stream(b"<< /S /J#61va#53cript /#4a#53 (app.alert(1)) >>")
    cleaned = stored(data)
    assert "/OpenAction" not in cleaned.Root
    assert active_names(cleaned) == set()
