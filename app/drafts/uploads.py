"""Uploaded files: size limit, kind by name and content, decoding. Bytes in, text or blocks out."""

from __future__ import annotations

from starlette.datastructures import UploadFile  # fastapi's UploadFile is a subclass

from ..config import get_settings
from ..errors import TooLarge, Unprocessable, UnsupportedMedia

TEXT_EXTS = (".txt", ".md", ".markdown")
DOCX_EXTS = (".docx",)


async def read_upload(file: UploadFile, *, limit: int | None = None) -> bytes:
    limit = limit or get_settings().max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise TooLarge(code="upload_too_large", mb=limit // (1024 * 1024))
    if not data:
        raise Unprocessable(code="upload_empty", name=file.filename or "")
    return data


def decode_text(data: bytes, name: str) -> str:
    if data.startswith(b"%PDF"):
        raise UnsupportedMedia(code="upload_pdf", name=name)
    if data.startswith(b"PK\x03\x04"):
        raise UnsupportedMedia(code="upload_zip", name=name)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        text = data.decode("utf-16")
    else:
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise UnsupportedMedia(code="upload_not_utf8", name=name) from exc
    if "\x00" in text:
        raise UnsupportedMedia(code="upload_binary", name=name)
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    if controls > max(3, len(text) // 100):
        raise UnsupportedMedia(code="upload_looks_binary", name=name)
    if not text.strip():
        raise Unprocessable(code="upload_no_text", name=name)
    return text


def kind_of(name: str) -> str:
    lower = (name or "").lower()
    if lower.endswith(TEXT_EXTS):
        return "text"
    if lower.endswith(DOCX_EXTS):
        return "docx"
    if lower.endswith((".docm", ".dotx", ".dotm", ".doc", ".pdf", ".rtf", ".odt")):
        raise UnsupportedMedia(code="upload_word_only", name=name)
    raise UnsupportedMedia(code="upload_type_unsupported", name=name)


def docx_blocks(data: bytes) -> list[str]:
    from ..core.word.reader import docx_to_blocks
    from ..core.word.safety import DocumentTooLarge, UnsupportedDocument, check_docx

    try:
        limit = get_settings().max_upload_bytes
        check_docx(data, max_bytes=limit)
        return docx_to_blocks(data, max_bytes=limit)
    except DocumentTooLarge as exc:
        raise TooLarge(str(exc)) from exc
    except UnsupportedDocument as exc:
        raise UnsupportedMedia(str(exc)) from exc
