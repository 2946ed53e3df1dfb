"""``thanthien user add|passwd|roles|disable|list``: staff accounts from the command line.

Passwords are never echoed nor taken as arguments: ``--password-stdin`` reads one line
from standard input, otherwise ``getpass`` prompts twice.
"""

from __future__ import annotations

import argparse
import getpass
import sys

from ..cli import CliCommand, CliContext
from ..errors import ThanthienError, ValidationError


def command() -> CliCommand:
    return CliCommand("user", "Tài khoản cán bộ: thêm, đổi mật khẩu, vai trò, khóa", _configure, _run)


def _configure(p: argparse.ArgumentParser) -> None:
    sub = p.add_subparsers(dest="user_action", metavar="ACTION")
    add = sub.add_parser("add", help="thêm tài khoản cho một cán bộ")
    add.add_argument("username")
    who = add.add_mutually_exclusive_group(required=True)
    who.add_argument("--person-id", type=int, help="mã người (cán bộ) đã có")
    who.add_argument("--name", help="họ và tên: tạo hồ sơ cán bộ mới")
    add.add_argument("--unit", help="mã đơn vị công tác (khi tạo cán bộ mới), ví dụ VHXH")
    add.add_argument("--position", default="", help="chức vụ (khi tạo cán bộ mới)")
    add.add_argument(
        "--role",
        action="append",
        default=[],
        metavar="VAI_TRÒ[@MÃ_ĐƠN_VỊ]",
        help="cấp vai trò, ví dụ one_stop_officer@TTPVHCC (có thể lặp lại)",
    )
    add.add_argument("--password-stdin", action="store_true", help="đọc mật khẩu từ đầu vào chuẩn")
    pw = sub.add_parser("passwd", help="đặt lại mật khẩu (thu hồi mọi phiên đăng nhập)")
    pw.add_argument("username")
    pw.add_argument("--password-stdin", action="store_true")
    roles = sub.add_parser("roles", help="xem, cấp, thu hồi vai trò")
    roles.add_argument("username")
    roles.add_argument("--grant", action="append", default=[], metavar="VAI_TRÒ[@MÃ_ĐƠN_VỊ]")
    roles.add_argument("--revoke", action="append", default=[], metavar="VAI_TRÒ[@MÃ_ĐƠN_VỊ]")
    dis = sub.add_parser("disable", help="khóa tài khoản (thu hồi mọi phiên đăng nhập)")
    dis.add_argument("username")
    dis.add_argument("--enable", action="store_true", help="mở khóa thay vì khóa")
    sub.add_parser("list", help="liệt kê tài khoản")


def _read_password(args: argparse.Namespace, ctx: CliContext) -> str:
    if args.password_stdin:
        line = sys.stdin.readline()
        password = line.rstrip("\r\n")
    else:
        password = getpass.getpass("Mật khẩu: ")
        again = getpass.getpass("Nhập lại mật khẩu: ")
        if password != again:
            raise ThanthienError("Hai lần nhập mật khẩu không khớp.")
    if not password:
        raise ThanthienError("Chưa nhập mật khẩu.")
    return password


def _role_spec(ctx: CliContext, text: str) -> tuple[str, int | None]:
    from .. import people

    role, _, code = text.partition("@")
    roles = ctx.core.access.roles
    if role not in roles:
        raise ThanthienError(f"Vai trò không hợp lệ: '{role}'. Các vai trò: {', '.join(sorted(roles))}.")
    if not code:
        return role, None
    unit = people.unit_by_code(code)
    if unit is None:
        raise ThanthienError(f"Không có đơn vị mã '{code}'.")
    return role, unit.id


def _one_line(exc: ValidationError) -> ThanthienError:
    return ThanthienError("; ".join(m for _, m in exc.errors))


def _run(args: argparse.Namespace, ctx: CliContext) -> int:
    from .. import accounts, people  # the ORM and argon2: only when the command runs

    action = getattr(args, "user_action", None)
    if action is None:
        raise ThanthienError("Thiếu thao tác: add, passwd, roles, disable hoặc list.")
    with ctx.session():
        try:
            if action == "add":
                grants = [_role_spec(ctx, r) for r in args.role]
                if args.person_id is not None:
                    person_id = args.person_id
                else:
                    unit_id = None
                    if args.unit:
                        unit = people.unit_by_code(args.unit)
                        if unit is None:
                            raise ThanthienError(f"Không có đơn vị mã '{args.unit}'.")
                        unit_id = unit.id
                    person_id = None
                password = _read_password(args, ctx)
                accounts.check_password_strength(password, args.username)
                if person_id is None:
                    person_id = people.create_person(
                        args.name, is_staff=True, unit_id=unit_id, position=args.position
                    ).id
                account = accounts.create_account(person_id, args.username, password)
                ctx.print(f"Đã tạo tài khoản {account.username} ({account.full_name}).")
                for role, unit_id in grants:
                    _grant(ctx, person_id, role, unit_id)
            elif action == "passwd":
                if accounts.account_by_username(args.username) is None:
                    raise ThanthienError(f"Không tìm thấy tài khoản '{args.username}'.")
                account = accounts.set_password(args.username, _read_password(args, ctx))
                ctx.print(f"Đã đặt lại mật khẩu cho {account.username}; mọi phiên đăng nhập đã bị thu hồi.")
            elif action == "roles":
                found = accounts.account_by_username(args.username)
                if found is None:
                    raise ThanthienError(f"Không tìm thấy tài khoản '{args.username}'.")
                for text in args.grant:
                    role, unit_id = _role_spec(ctx, text)
                    _grant(ctx, found.person_id, role, unit_id)
                for text in args.revoke:
                    role, unit_id = _role_spec(ctx, text)
                    people.revoke_role(found.person_id, role, unit_id)
                units = {u.id: u.code for u in people.list_units()}
                held = people.roles_of(found.person_id)
                if not held:
                    ctx.print(f"{found.username}: chưa có vai trò.")
                for g in held:
                    where = units.get(g.unit_id, "") if g.unit_id else "(toàn phường)"
                    ctx.print(f"{found.username}: {g.role}@{where}")
            elif action == "disable":
                account = accounts.set_disabled(args.username, not args.enable)
                ctx.print(f"Đã {'mở khóa' if args.enable else 'khóa'} tài khoản {account.username}.")
            elif action == "list":
                for a in accounts.list_accounts():
                    state = "đã khóa" if a.disabled else "hoạt động"
                    ctx.print(f"{a.username:<16} {a.full_name:<28} {state}{' · 2FA' if a.totp_enabled else ''}")
        except ValidationError as exc:
            raise _one_line(exc) from None
    return 0


#: older name (``thanthien.web.users_cli.user_command``)
user_command = command


def _grant(ctx: CliContext, person_id: int, role: str, unit_id: int | None) -> None:
    """A role; a privileged one becomes a request a second person approves on the web
    (``/admin/role-requests``), except the first of a new installation (issue 10 item 2)."""
    from .. import accounts

    pending = accounts.request_role(ctx.core.access, person_id, role, unit_id)
    if pending:
        ctx.print(
            f"Vai trò {role} cần người thứ hai phê duyệt: đã gửi đề nghị (mã {pending['id']}), "
            "phê duyệt tại /admin/role-requests."
        )
