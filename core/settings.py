"""Ward settings (cấu hình phường/xã), read from ``thanthien.toml``.

Lookup order: ``--config PATH``, then ``$THANTHIEN_CONFIG``, then ``./thanthien.toml``,
else the built-in defaults (a demo ward). A bad file raises :class:`SettingsError` naming
the file, the key and the reason.
"""

from __future__ import annotations

import functools
import os
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

import attrs

from .errors import SettingsError

if TYPE_CHECKING:
    import cattrs

WardKind = Literal["phuong", "xa", "dac_khu"]
T = TypeVar("T")


@attrs.frozen
class WardSettings:
    """The ward or commune itself (đơn vị hành chính cấp xã)."""

    name: str = "Phường Bắc Kạn"
    code: str = "BACKAN"
    admin_code: str = ""
    kind: WardKind = "phuong"
    province: str = "Thái Nguyên"
    place_name: str = "Bắc Kạn"
    address: str = "Trụ sở UBND phường Bắc Kạn, tỉnh Thái Nguyên"
    phone: str = ""
    email: str = ""
    website: str = ""
    remote_area: bool = False

    @property
    def committee_name(self) -> str:
        """ "ỦY BAN NHÂN DÂN PHƯỜNG BẮC KẠN" style issuing-body name (R-VB-09)."""
        return ("Ủy ban nhân dân " + self.name).upper()


@attrs.frozen
class StorageSettings:
    data_dir: str = "./data"
    database_url: str = ""


@attrs.frozen
class WebSettings:
    base_url: str = ""
    template_dir: str = ""
    session_idle_minutes: int = 30
    session_absolute_hours: int = 12
    require_totp_roles: tuple[str, ...] = ()
    #: the second factor for every role holding a privileged permission (revealing protected
    #: identities, managing accounts); the demo ward's accounts are exempt (issue 10 item 7)
    totp_for_privileged_roles: bool = True
    max_body_bytes: int = 10 * 1024 * 1024
    #: uvicorn's line per request (path only, never the query string); off where a reverse
    #: proxy keeps the access log
    access_log: bool = True


@attrs.frozen
class AuditSettings:
    """Where the audit log's key and signed checkpoints live: outside the database, so
    someone who can rewrite the database cannot re-sign the chain (issue 10 item 4).
    The key may also come from the environment variable ``THANTHIEN_AUDIT_KEY``."""

    key_file: str = ""  # default: <data_dir>/audit.key (created 0600)
    checkpoint_file: str = ""  # default: <data_dir>/audit-checkpoints.jsonl (append-only, 0600)
    checkpoint_every: int = 100  # entries between automatic checkpoints


@attrs.frozen
class PluginsSettings:
    disabled: tuple[str, ...] = ()


@attrs.frozen
class RulesSettings:
    """Ward overrides of the legal-rule parameters (a TOML file in the rules format)."""

    file: str = ""


@attrs.frozen
class CalendarSettings:
    """Extra per-year working-calendar tables (a folder of ``<year>.toml``)."""

    dir: str = ""
    culture_day_holiday: bool = False  # R-LV-08, off by default (verify)


@attrs.frozen
class Settings:
    ward: WardSettings = attrs.Factory(WardSettings)
    storage: StorageSettings = attrs.Factory(StorageSettings)
    web: WebSettings = attrs.Factory(WebSettings)
    plugins: PluginsSettings = attrs.Factory(PluginsSettings)
    rules: RulesSettings = attrs.Factory(RulesSettings)
    calendar: CalendarSettings = attrs.Factory(CalendarSettings)
    audit: AuditSettings = attrs.Factory(AuditSettings)
    plugin: dict[str, dict[str, Any]] = attrs.Factory(dict)
    source: str = ""  # the file these settings came from, "" for defaults

    @property
    def base_dir(self) -> Path:
        return Path(self.source).resolve().parent if self.source else Path.cwd()

    def resolve(self, path: str) -> Path:
        """A path from the file, relative to the file's folder."""
        p = Path(path).expanduser()
        return p if p.is_absolute() else (self.base_dir / p)

    @property
    def data_dir(self) -> Path:
        return self.resolve(self.storage.data_dir)

    @property
    def audit_key_file(self) -> Path:
        return self.resolve(self.audit.key_file) if self.audit.key_file else self.data_dir / "audit.key"

    @property
    def audit_checkpoint_file(self) -> Path:
        if self.audit.checkpoint_file:
            return self.resolve(self.audit.checkpoint_file)
        return self.data_dir / "audit-checkpoints.jsonl"

    @property
    def database_url(self) -> str:
        if self.storage.database_url:
            return self.storage.database_url
        return f"sqlite:///{self.data_dir / 'thanthien.db'}"

    @property
    def disabled_plugins(self) -> tuple[str, ...]:
        env = os.environ.get("THANTHIEN_DISABLED_PLUGINS", "")
        extra = tuple(n.strip() for n in env.split(",") if n.strip())
        return tuple(dict.fromkeys(self.plugins.disabled + extra))

    def for_plugin(self, name: str) -> dict[str, Any]:
        """The ``[plugin.<name>]`` section, {} when absent."""
        return dict(self.plugin.get(name, {}))

    def evolve(self, **changes: Any) -> Settings:
        return attrs.evolve(self, **changes)


@attrs.frozen
class CoreSettings:
    """``[plugin.core]``: core's own options."""

    #: which roles hold a permission, replacing the defaults: ``{"motcua.receive" = ["one_stop_officer"]}``
    permissions: dict[str, tuple[str, ...]] = attrs.Factory(dict)
    #: the symbol of the People's Committee's documents ("UBND" in "12/QĐ-UBND", R-VB-10)
    document_issuer_symbol: str = "UBND"
    #: the superior body printed above the issuer's name (R-VB-09); empty: "UBND tỉnh <province>"
    document_parent_body: str | None = None
    #: seconds between two cycles of the worker (scheduled jobs, then the outbox)
    worker_interval_seconds: float = attrs.field(default=10.0, validator=attrs.validators.gt(0))
    #: how long a worker holds a message it is sending before another may recover it
    worker_lease_seconds: int = attrs.field(default=120, validator=attrs.validators.ge(1))
    #: tries of one message before it is marked failed
    outbox_max_attempts: int = attrs.field(default=5, validator=attrs.validators.ge(1))
    #: wait after the first failed try; doubled after each further one
    outbox_backoff_seconds: int = attrs.field(default=60, validator=attrs.validators.ge(0))
    #: messages sent per worker cycle at most
    outbox_batch_size: int = attrs.field(default=50, validator=attrs.validators.ge(1))


@functools.cache
def _converter() -> cattrs.Converter:
    """The structuring converter, built on first use: cattrs stays out of the start-up of
    commands that read no settings file (``thanthien --help``)."""
    import cattrs

    return cattrs.Converter(forbid_extra_keys=True)


@attrs.frozen
class PluginSettings:
    """The typed class of one plugin's ``[plugin.<name>]`` section (``register_plugin_settings``).

    ``cls`` is an attrs class whose every field has a default; core structures the
    section with it (unknown keys refused) and hands the instance out as
    ``core.config("<name>")``.
    """

    plugin: str
    cls: type


def _settings_error(exc: Exception, source: str, prefix: str = "") -> SettingsError:
    """One ``SettingsError`` (file, key, reason) from a cattrs structuring error."""
    import cattrs

    messages = cattrs.transform_error(exc)
    first = messages[0] if messages else "không hợp lệ"
    reason, _, where = first.partition(" @ ")
    key = where.removeprefix("$").lstrip(".") or None
    if reason.startswith("extra fields found"):
        extra = reason.split("(", 1)[-1].rstrip(")")
        key = f"{key}.{extra}" if key else extra
        reason = "khóa không được hỗ trợ"
    elif reason.startswith("required field missing"):
        reason = "thiếu giá trị bắt buộc"
    else:
        reason = f"giá trị không hợp lệ ({reason})"
    if prefix:
        key = f"{prefix}.{key}" if key else prefix
    return SettingsError(source or "<mặc định>", key, reason)


def parse_settings(data: dict[str, Any], source: str = "") -> Settings:
    """Structure a parsed TOML mapping into :class:`Settings`, or raise SettingsError."""
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

    try:
        settings = _converter().structure({**data, "source": source}, Settings)
    except (ClassValidationError, ForbiddenExtraKeysError) as exc:
        raise _settings_error(exc, source) from None
    _check(settings)
    return settings


def plugin_section(settings: Settings, name: str, cls: type[T]) -> T:
    """The ``[plugin.<name>]`` section structured into ``cls``, or SettingsError naming the
    file, the key (``plugin.<name>.<key>``) and the reason."""
    from cattrs.errors import ClassValidationError, ForbiddenExtraKeysError

    data = settings.for_plugin(name)
    try:
        return _converter().structure(data, cls)
    except (ClassValidationError, ForbiddenExtraKeysError, ValueError, TypeError) as exc:
        if isinstance(exc, (ClassValidationError, ForbiddenExtraKeysError)):
            raise _settings_error(exc, settings.source, f"plugin.{name}") from None
        raise SettingsError(settings.source or "<mặc định>", f"plugin.{name}", str(exc)) from None


def _check(settings: Settings) -> None:
    src = settings.source or "<mặc định>"
    if settings.ward.kind not in ("phuong", "xa", "dac_khu"):
        raise SettingsError(src, "ward.kind", "phải là 'phuong', 'xa' hoặc 'dac_khu'")
    if not settings.ward.name.strip():
        raise SettingsError(src, "ward.name", "không được để trống")
    url = settings.storage.database_url
    if url and url.split(":", 1)[0] not in ("sqlite", "postgresql", "postgres", "psycopg3"):
        raise SettingsError(src, "storage.database_url", "chỉ hỗ trợ sqlite:/// hoặc postgresql://")
    if settings.web.session_idle_minutes <= 0 or settings.web.session_absolute_hours <= 0:
        raise SettingsError(src, "web.session_idle_minutes", "thời gian phiên phải lớn hơn 0")
    if settings.audit.checkpoint_every <= 0:
        raise SettingsError(src, "audit.checkpoint_every", "phải lớn hơn 0")


def find_config(explicit: str | None = None) -> Path | None:
    """The file to read: --config, $THANTHIEN_CONFIG, ./thanthien.toml, or None."""
    if explicit:
        return Path(explicit)
    env = os.environ.get("THANTHIEN_CONFIG")
    if env:
        return Path(env)
    local = Path.cwd() / "thanthien.toml"
    return local if local.exists() else None


def load_settings(explicit: str | None = None) -> Settings:
    """Find and read the ward settings; built-in defaults when there is no file."""
    path = find_config(explicit)
    if path is None:
        return Settings()
    import tomllib

    if not path.exists():
        raise SettingsError(str(path), None, "không tìm thấy tệp")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise SettingsError(str(path), None, f"sai cú pháp TOML ({exc})") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise SettingsError(str(path), None, f"không đọc được tệp ({exc})") from None
    return parse_settings(data, str(path))


SAMPLE_CONFIG = """\
# thanthien.toml — cấu hình của phường/xã (ward settings).
# Mọi khóa đều có giá trị mặc định; chỉ ghi những gì khác mặc định.

[ward]
name = "Phường Bắc Kạn"          # tên đầy đủ của phường/xã/đặc khu
code = "BACKAN"                  # mã ngắn, dùng trong số hồ sơ và ký hiệu văn bản
admin_code = ""                  # mã đơn vị hành chính (QĐ 19/2025/QĐ-TTg)
kind = "phuong"                  # "phuong", "xa" hoặc "dac_khu"
province = "Thái Nguyên"
place_name = "Bắc Kạn"           # địa danh ghi trên văn bản (NĐ 30/2020)
address = "Trụ sở UBND phường Bắc Kạn, tỉnh Thái Nguyên"
phone = ""
email = ""
website = ""
remote_area = false              # vùng sâu, vùng xa (thời hạn khiếu nại dài hơn, R-KN-04)

[storage]
data_dir = "./data"              # thư mục dữ liệu (CSDL SQLite, bản sao lưu, tệp đính kèm)
# database_url = "postgresql://user@127.0.0.1:5432/thanthien"   # mặc định: SQLite trong data_dir

[web]
base_url = ""                    # địa chỉ công khai, ví dụ "https://dichvu.backan.gov.vn"
template_dir = ""                # thư mục mẫu giao diện riêng của phường (ghi đè mẫu gốc)
session_idle_minutes = 30        # phiên đăng nhập hết hạn sau thời gian không thao tác
session_absolute_hours = 12      # và sau thời gian tối đa kể từ khi đăng nhập
require_totp_roles = []          # các vai trò bắt buộc xác thực hai lớp, ví dụ ["chairperson"]

[plugins]
disabled = []                    # tắt các phân hệ không dùng, ví dụ ["giamsat"]

[rules]
file = ""                        # tệp TOML ghi đè tham số quy định (R-…) của phường

[calendar]
dir = ""                         # thư mục lịch nghỉ bổ sung theo năm (<năm>.toml)
culture_day_holiday = false      # R-LV-08: nghỉ Ngày Văn hóa Việt Nam 24/11 (cần kiểm tra)

# Cấu hình riêng từng phân hệ:
# [plugin.motcua]
# agency_code = "000.00.00.H00"
"""
