"""The import of a new draft in the pages (secretariat): upload a .txt, .md or .docx file, read the
preview of what would be stored (the tree with its labels, the numbering warnings, the lines the
parser drops and why, the fidelity check), then create the draft. Nothing is stored before
"Create the draft".

The preview is :func:`app.drafts.service.import_preview` called directly (the same as
``POST /api/v1/drafts/import?dry_run=true``). The previewed file travels back with the create
form (compressed, signed with the secret key), so the draft created is the text previewed and
the user does not choose the file again."""

from __future__ import annotations

import base64
import hashlib
import hmac
import zlib

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.datastructures import UploadFile

from ..accounts import service as accounts_service
from ..accounts.permissions import SECRETARIAT, require_role
from ..config import get_settings
from ..core.clauses.messages import DROP_REASONS, WARNING_MESSAGES
from ..deps import DB
from ..drafts import service as drafts
from ..drafts.uploads import decode_text, docx_blocks, kind_of, read_upload
from ..errors import AppError, TooLarge, Unprocessable
from ..models import User
from .common import CSRF_STALE, csrf_ok, gettext_for, refusal_message, refused, render, web_user
from .labels import N_

router = APIRouter(include_in_schema=False)

# the import report's sentences are the core's (app/core/clauses/messages.py, in this catalog)
WARNINGS = WARNING_MESSAGES
REASONS = list(DROP_REASONS.values())


def _sign(data: bytes, name: str) -> str:
    key = get_settings().secret_key.encode()
    return hmac.new(key, hashlib.sha256(data).digest() + name.encode(), "sha256").hexdigest()


def _pack(data: bytes) -> str:
    return base64.b64encode(zlib.compress(data, 6)).decode("ascii")


def _unpack(payload: str, name: str, sig: str) -> bytes:
    try:
        packed = base64.b64decode(payload.encode("ascii"), validate=True)
        d = zlib.decompressobj()
        limit = get_settings().max_upload_bytes
        data = d.decompress(packed, limit + 1)
    except (ValueError, zlib.error):
        raise Unprocessable(N_("The previewed file did not come back intact; upload it again.")) from None
    if len(data) > limit or d.unconsumed_tail:
        raise TooLarge(code="upload_too_large", mb=limit // (1024 * 1024))
    if not hmac.compare_digest(_sign(data, name), sig):
        raise Unprocessable(N_("The previewed file did not come back intact; upload it again."))
    return data


def _preview(user: User, name: str, data: bytes) -> dict:
    if kind_of(name) == "docx":
        return drafts.import_preview(user, blocks=docx_blocks(data), source_name=name)
    return drafts.import_preview(user, text=decode_text(data, name), source_name=name)


def _outline(nodes: list[dict], depth: int = 0, out: list | None = None) -> list[dict]:
    out = [] if out is None else out
    for n in nodes:
        words = (n.get("heading") or n.get("text") or "").split()
        out.append({"depth": depth, "kind": n["kind"], "label": n.get("label") or n.get("number") or "",
                    "heading": n.get("heading") or "", "start": " ".join(words[:14]) + ("…" if len(words) > 14 else ""),
                    "key": n["key"]})
        _outline(n.get("children") or [], depth + 1, out)
    return out


def _ctx(request, session, **kw) -> dict:
    _ = gettext_for(request)
    preview = kw.get("preview")
    if preview:
        kw["outline"] = _outline(preview["clauses"])
        kw["warnings"] = [_(WARNINGS.get(w["code"], WARNINGS["other"])) % {k: w.get(k) or "" for k in
                                                                           ("label", "previous", "expected")}
                          for w in preview.get("warnings", [])]
    kw.setdefault("form", {})
    kw["states"] = [s.iso3 for s in accounts_service.member_states(session)]
    return kw


@router.get("/drafts/import")
def import_form(request: Request, session: DB, user: User = Depends(web_user)) -> HTMLResponse:
    require_role(user, SECRETARIAT, "import drafts")
    return render(request, "import_draft.html", **_ctx(request, session))


@router.post("/drafts/import")
async def import_post(request: Request, session: DB, user: User = Depends(web_user)):
    require_role(user, SECRETARIAT, "import drafts")
    form = await request.form()
    data = {k: str(v) for k, v in form.items() if isinstance(v, str)}
    chosen = [str(s) for s in form.getlist("participants") if isinstance(s, str)]
    if not await csrf_ok(request):
        return render(request, "import_draft.html", status_code=403, **_ctx(request, session, form=data, error={
            "general": gettext_for(request)(CSRF_STALE), "detail": "", "detail_lang": None}))
    upload = form.get("file")
    try:
        if data.get("action") == "create" and data.get("payload"):
            name = data.get("name", "upload")
            raw = _unpack(data["payload"], name, data.get("sig", ""))
        else:
            if not isinstance(upload, UploadFile) or not upload.filename:
                raise Unprocessable(N_("Choose the file to import (.txt, .md or .docx)."))
            name = upload.filename
            kind_of(name)
            raw = await read_upload(upload)
        if data.get("action") != "create":
            preview = await run_in_threadpool(_preview, user, name, raw)
            return render(request, "import_draft.html", **_ctx(
                request, session, preview=preview, file_name=name, payload=_pack(raw), sig=_sign(raw, name),
                form={"title": preview.get("title") or "", "short_title": ""}, chosen=None))
        kind = kind_of(name)
        participants = chosen or None
        draft, _v = await run_in_threadpool(
            lambda: drafts.create_draft(session, user, blocks=docx_blocks(raw) if kind == "docx" else None,
                                        text=None if kind == "docx" else decode_text(raw, name),
                                        title=data.get("title", "").strip(), short_title=data.get("short_title", "").strip(),
                                        participants=participants, source_name=name))
    except AppError as exc:
        refused(session)
        keep = {}
        if data.get("payload"):
            keep = {"payload": data["payload"], "sig": data.get("sig", ""), "file_name": data.get("name", "")}
        return render(request, "import_draft.html", status_code=exc.status_code,
                      **_ctx(request, session, form=data, error=refusal_message(request, exc), chosen=chosen, **keep))
    return RedirectResponse(f"/drafts/{draft.id}?imported=1", status_code=303)
