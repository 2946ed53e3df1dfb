"""Never lose typed work: a form posted after the session ended is kept, and comes back.

1. A write from a browser (an HTML form, CSRF token valid) reaches a staff route without a
   live session. If the cookie names a session that ended by timeout, the pipeline calls
   :func:`keep_and_login`: the fields are kept (:mod:`thanthien.core.kept_forms`,
   encrypted, tied to that account) under a random token held in the HttpOnly cookie
   ``tt_kept``, and the browser goes to ``/login?next=<page of the form>`` with a message.
2. After logging in, the officer lands on the page of the form; :func:`restore` (called
   by the pipeline for every HTML GET of a logged-in officer carrying the cookie) hands
   the kept fields to the page, which renders them as typed, with a message; the officer
   checks and submits. Another account, another page or a late login gets nothing.

The page of the form is the one the browser posted from (its same-origin ``Referer``)
or, failing that, the address posted to.
"""

from __future__ import annotations

import secrets
from urllib.parse import quote, urlsplit

from starlette.requests import Request
from starlette.responses import RedirectResponse, Response

from thanthien.core import kept_forms
from thanthien.core.accounts import account_for_person

from .context import context_of
from .flash import set_flash
from .security import app_secret, is_https, set_cookie

KEPT_COOKIE = "tt_kept"
KEPT_ON_LOGIN = (
    "Phiên làm việc đã hết hạn nên biểu mẫu chưa được gửi. Nội dung bạn đã nhập được giữ lại "
    "an toàn; hãy đăng nhập lại để tiếp tục."
)
KEPT_RESTORED = (
    "Nội dung bạn đã nhập trước khi phiên làm việc hết hạn đã được điền lại bên dưới. "
    "Vui lòng kiểm tra rồi bấm gửi lại."
)
#: fields never kept (secrets the person must type again)
NOT_KEPT = frozenset({"password", "current_password", "password_confirm", "code", "csrf_token"})


def _page_path(request: Request) -> str:
    """The page the form was on: the same-origin Referer, else the address posted to."""
    referer = request.headers.get("referer", "")
    if referer:
        parts = urlsplit(referer)
        if parts.netloc == request.url.netloc and parts.path.startswith("/") and not parts.path.startswith("//"):
            path = parts.path + (f"?{parts.query}" if parts.query else "")
            if not path.startswith("/login"):
                return path
    return request.url.path


def keep_and_login(request: Request, form: dict, session_cookie: str | None) -> Response | None:
    """Keep ``form`` for the account whose session timed out and send the browser to the
    login page; None when there is nothing to tie it to (the plain login redirect then)."""
    account_id = kept_forms.session_owner(session_cookie)
    if account_id is None:
        return None
    values = {
        k: v
        for k, v in form.items()
        if k not in NOT_KEPT
        and (isinstance(v, (str, int, float, bool)) or (isinstance(v, list) and all(isinstance(x, str) for x in v)))
    }
    token = secrets.token_urlsafe(24)
    page = _page_path(request)
    if not kept_forms.keep(app_secret(request), token, account_id, page, request.url.path, values):
        return None
    set_flash(request, KEPT_ON_LOGIN, "info")
    response = RedirectResponse(f"/login?next={quote(page)}", status_code=303)
    set_cookie(request, response, KEPT_COOKIE, token, max_age=kept_forms.KEEP_MINUTES * 60)
    context_of(request).kept_cookie = "keep"
    return response


def restore(request: Request) -> None:
    """On the page of a kept form, after logging in again: fill the form (see module doc)."""
    token = request.cookies.get(KEPT_COOKIE)
    ctx = context_of(request)
    if not token or ctx.actor is None or ctx.actor.person_id is None:
        return
    account = account_for_person(ctx.actor.person_id)
    if account is None:
        return
    kept = kept_forms.take(app_secret(request), token, account.id, request.url.path)
    if kept is None:
        if kept_forms.pending_for(token, account.id) is None:
            ctx.kept_cookie = "clear"  # nothing left for this browser and account
        return
    ctx.kept_cookie = "clear"
    ctx.form_restored = (KEPT_RESTORED, kept.values)


def attach_cookies(request: Request, response: Response) -> None:
    if context_of(request).kept_cookie == "clear":
        response.delete_cookie(KEPT_COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request))
