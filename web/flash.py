"""Flash messages: one line shown on the next page ("Đã lưu."), carried in a signed
cookie and read once.

``set_flash`` records the message of a successful write (``redirect(request, url,
"Đã lưu.")`` calls it); the next page's ``pop_flash`` reads it and the response clears
the cookie. Signed with the app secret (:func:`~thanthien.web.security.sign`), so a
page cannot be made to show a message the app did not write.
"""

from __future__ import annotations

from starlette.requests import Request

from .context import context_of
from .security import is_https, set_cookie, sign, unsign

FLASH_COOKIE = "tt_flash"


def set_flash(request: Request, message: str, kind: str = "success") -> None:
    """Show ``message`` on the next page (``kind``: success, error, info)."""
    context_of(request).flash_out = (kind, message)


def pop_flash(request: Request) -> dict[str, str] | None:
    """The message left by the previous response, read once (``{"kind", "message"}``)."""
    ctx = context_of(request)
    if ctx.flash_loaded:
        return ctx.flash_in
    raw = request.cookies.get(FLASH_COOKIE)
    flash = None
    if raw:
        value = unsign(request, raw)
        if value:
            kind, _, message = value.partition(":")
            flash = {"kind": kind, "message": message}
        ctx.clear_flash = True
    ctx.flash_in = flash
    ctx.flash_loaded = True
    return flash


def attach_cookies(request: Request, response) -> None:
    """Set the cookie of a new message, or clear the one just read."""
    ctx = context_of(request)
    if ctx.flash_out:
        kind, message = ctx.flash_out
        set_cookie(request, response, FLASH_COOKIE, sign(request, f"{kind}:{message}"), max_age=300)
    elif ctx.clear_flash:
        response.delete_cookie(FLASH_COOKIE, path="/", httponly=True, samesite="lax", secure=is_https(request))
