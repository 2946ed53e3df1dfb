"""The demo ward (phường mẫu): 45 residential groups, households, residents and staff.

Deterministic (seeded), fictional people with Vietnamese names. Plugins add their own
data through ``populate_demo`` (a plan module's ``demo.populate(demo)``) with the
:class:`DemoContext` built here: ``demo.actor("chutich")`` is a staff login as an
:class:`~thanthien.core.types.Actor`, ``demo.at(day, 9)`` a time on a day and
``demo.working_days_after(day, 5)`` a date counted on the ward's working calendar.
"""

from __future__ import annotations

import datetime as dt
import random
from collections.abc import Callable
from typing import TYPE_CHECKING

import attrs
import pluggy

from . import audit
from .access import actor_for_person
from .models import HouseholdRow, PersonRow, RoleGrantRow, UnitRow
from .storage.db import now, write_transaction
from .storage.kv import kv_get, kv_set
from .text import fold
from .types import Actor

if TYPE_CHECKING:
    from .services import CoreServices
    from .settings import Settings

SURNAMES = [
    "Nguyễn",
    "Trần",
    "Lê",
    "Phạm",
    "Hoàng",
    "Hà",
    "Nông",
    "Lương",
    "Đinh",
    "Ma",
    "Triệu",
    "Lục",
    "Hoàng",
    "Vi",
    "Đặng",
    "Bế",
    "Lâm",
    "Vũ",
    "Đỗ",
    "Bùi",
    "Dương",
    "Lý",
    "Mông",
    "Hứa",
]
MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Công", "Thanh", "Xuân", "Tiến", "Mạnh"]
MIDDLE_F = ["Thị", "Thu", "Thanh", "Ngọc", "Hồng", "Kim", "Minh", "Phương", "Bích", "Hải"]
GIVEN_M = [
    "Anh",
    "Bình",
    "Cường",
    "Dũng",
    "Đạt",
    "Hải",
    "Hùng",
    "Huy",
    "Khánh",
    "Long",
    "Nam",
    "Phong",
    "Quân",
    "Sơn",
    "Thắng",
    "Toàn",
    "Trung",
    "Tuấn",
    "Việt",
    "Vinh",
    "Hoàng",
    "Lâm",
]
GIVEN_F = [
    "An",
    "Chi",
    "Dung",
    "Hà",
    "Hạnh",
    "Hằng",
    "Hoa",
    "Hương",
    "Lan",
    "Linh",
    "Mai",
    "Nga",
    "Ngân",
    "Nhung",
    "Oanh",
    "Phượng",
    "Thảo",
    "Thủy",
    "Trang",
    "Vân",
    "Yến",
    "Huyền",
]
STREETS = [
    "Nguyễn Văn Tố",
    "Trường Chinh",
    "Hùng Vương",
    "Phùng Chí Kiên",
    "Kon Tum",
    "Thành Công",
    "Võ Nguyên Giáp",
    "Nông Quốc Chấn",
    "Trần Hưng Đạo",
    "Minh Khai",
    "Đội Kỳ",
    "Bàn Văn Hoan",
]
ETHNICITIES = ["Kinh", "Tày", "Nùng", "Dao", "Mông"]

DEMO_PASSWORD = "thanthien-demo"

#: (login, role, position, unit code)
STAFF = [
    ("chutich", "chairperson", "Chủ tịch UBND phường", "UBND"),
    ("phochutich", "vice_chairperson", "Phó Chủ tịch UBND phường", "UBND"),
    ("motcua", "one_stop_officer", "Công chức Trung tâm Phục vụ hành chính công", "TTPVHCC"),
    ("vanhoa", "department_officer", "Công chức Phòng Văn hóa - Xã hội", "VHXH"),
    ("kinhte", "department_officer", "Công chức Phòng Kinh tế, Hạ tầng và Đô thị", "KTHTDT"),
    ("totruong01", "group_head", "Tổ trưởng Tổ dân phố số 1", "TDP01"),
    ("bantt", "board_member", "Trưởng Ban Thanh tra nhân dân", "BTTND"),
    ("quantri", "admin", "Quản trị hệ thống", "UBND"),
]


@attrs.define
class DemoContext:
    """What plugins receive in ``populate_demo``."""

    settings: Settings
    pm: pluggy.PluginManager
    services: CoreServices  # also reachable as ``demo.core``
    rng: random.Random
    ward: UnitRow
    units: dict[str, UnitRow]
    groups: list[UnitRow]
    staff: dict[str, PersonRow]
    households: int
    today: dt.date
    #: the demo logins made by ``accounts.create_demo_accounts`` (``thanthien.testing.demo_ward``)
    logins: list[dict[str, str]] = attrs.Factory(list)

    @property
    def core(self) -> CoreServices:
        return self.services

    def actor(self, login: str) -> Actor:
        """The demo staff member ``login`` ("chutich", "motcua", "totruong01" …) as an Actor
        with his or her role grants."""
        person = self.staff[login]
        return actor_for_person(person.id, person.full_name)

    def at(self, day: dt.date, hour: int = 9, minute: int = 0) -> dt.datetime:
        """``day`` at ``hour:minute`` (a time of the demo's story), never later than now: the
        story's last day is today, and a demo built at 07:00 must not receive a petition at
        09:00 (services refuse a moment in the future)."""
        return min(dt.datetime.combine(day, dt.time(hour, minute)), now())

    def working_days_after(self, day: dt.date, n: int) -> dt.date:
        """The date ``n`` working days after ``day`` on the ward's calendar (n < 0: before)."""
        cal = self.services.calendar
        current = day
        step = 1 if n >= 0 else -1
        for _ in range(abs(n)):
            current += dt.timedelta(days=step)
            while not cal.is_working_day(current):
                current += dt.timedelta(days=step)
        return current

    def random_resident(self) -> PersonRow:
        count = PersonRow.select().where(PersonRow.is_staff == False).count()  # noqa: E712
        return PersonRow.select().where(PersonRow.is_staff == False).offset(self.rng.randrange(count)).first()  # noqa: E712

    def person_name(self, female: bool | None = None) -> str:
        return random_name(self.rng, female)


def random_name(rng: random.Random, female: bool | None = None) -> str:
    if female is None:
        female = rng.random() < 0.5
    middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
    given = rng.choice(GIVEN_F if female else GIVEN_M)
    return f"{rng.choice(SURNAMES)} {middle} {given}"


def _unit(code: str, name: str, kind: str, parent: UnitRow | None, sort: int = 0, address: str = "") -> UnitRow:
    return UnitRow.create(code=code, name=name, kind=kind, parent=parent, sort=sort, address=address)


def _citizen_id(rng: random.Random, birth: dt.date, female: bool) -> str:
    # 12-digit personal ID: province code 006 (Bắc Kạn), century/sex digit, year, random.
    century = (0 if birth.year < 2000 else 2) + (1 if female else 0)
    return f"006{century}{birth.year % 100:02d}{rng.randrange(10**6):06d}"


DEMO_MARKER = "demo.ward"


def is_demo_ward() -> bool:
    """Whether this database holds the demo ward (its accounts may use the public demo
    password and are exempt from the default second factor)."""
    return bool(kv_get(DEMO_MARKER))


def build_demo_ward(
    settings,
    pm,
    services,
    *,
    households: int = 3000,
    seed: int = 2025,
    today: dt.date | None = None,
    progress: Callable[[str], None] | None = None,
) -> DemoContext:
    """Create the demo ward in the (migrated, empty) database and let plugins add theirs;
    ``progress`` receives one line per stage (``thanthien demo`` prints them)."""
    say = progress or (lambda _line: None)
    rng = random.Random(seed)
    today = today or dt.date.today()
    with write_transaction():
        ward = _unit("UBND", f"UBND {settings.ward.name}", "peoples_committee", None, 0, settings.ward.address)
        units = {"UBND": ward}
        for code, name, kind in [
            ("TTPVHCC", "Trung tâm Phục vụ hành chính công", "service_center"),
            ("VHXH", "Phòng Văn hóa - Xã hội", "department"),
            ("KTHTDT", "Phòng Kinh tế, Hạ tầng và Đô thị", "department"),
            ("VP", "Văn phòng HĐND và UBND", "department"),
            ("MTTQ", "Ủy ban Mặt trận Tổ quốc Việt Nam phường", "front_committee"),
            ("BTTND", "Ban Thanh tra nhân dân", "inspection_board"),
            ("BGSDTCD", "Ban Giám sát đầu tư của cộng đồng", "investment_supervision_board"),
            ("TYT", "Trạm Y tế phường", "public_service_unit"),
        ]:
            units[code] = _unit(code, name, kind, ward)
        groups = []
        for i in range(1, 46):  # the seed ward has 45 tổ dân phố (docs/architecture.md, "Plan sections")
            code = f"TDP{i:02d}"
            group = _unit(code, f"Tổ dân phố số {i}", "residential_group", ward, i, f"Nhà văn hóa Tổ dân phố số {i}")
            units[code] = group
            groups.append(group)

        say(f"đơn vị và {len(groups)} tổ dân phố")
        staff: dict[str, PersonRow] = {}
        for n, (login, role, position, unit_code) in enumerate(STAFF, start=1):
            female = rng.random() < 0.5
            name = random_name(rng, female)
            birth = dt.date(rng.randint(1970, 1995), rng.randint(1, 12), rng.randint(1, 28))
            person = PersonRow.create(
                full_name=name,
                search_name=fold(name),
                birth_date=birth,
                sex="nữ" if female else "nam",
                citizen_id=_citizen_id(rng, birth, female),
                phone=f"09{rng.randrange(10**8):08d}",
                email=f"{login}@{settings.ward.code.lower()}.demo.gov.vn",
                is_staff=True,
                unit=units[unit_code],
                position=position,
                badge_number=f"{settings.ward.code}-{n:03d}",
            )
            RoleGrantRow.create(person=person, role=role, unit=None if unit_code in ("UBND",) else units[unit_code])
            staff[login] = person

        say(f"{len(STAFF)} cán bộ mẫu")
        step = max(households // 10, 1)
        for h in range(households):
            if h and h % step == 0:
                say(f"hộ gia đình: {h}/{households}")
            group = groups[h % len(groups)]
            street = rng.choice(STREETS)
            address = f"Số {rng.randint(1, 250)}, đường {street}, {group.name}, {settings.ward.name}"
            hh = HouseholdRow.create(code=f"HO{h + 1:05d}", group=group, address=address)
            size = rng.choice([1, 2, 2, 3, 3, 4, 4, 5, 6])
            surname = rng.choice(SURNAMES)
            head: PersonRow | None = None
            for m in range(size):
                female = (m == 1) or (m > 1 and rng.random() < 0.5)
                middle = rng.choice(MIDDLE_F if female else MIDDLE_M)
                given = rng.choice(GIVEN_F if female else GIVEN_M)
                name = f"{surname if m != 1 else rng.choice(SURNAMES)} {middle} {given}"
                age = rng.randint(30, 75) if m < 2 else rng.randint(0, 40)
                birth = dt.date(today.year - age, rng.randint(1, 12), rng.randint(1, 28))
                person = PersonRow.create(
                    full_name=name,
                    search_name=fold(name),
                    birth_date=birth,
                    sex="nữ" if female else "nam",
                    citizen_id=_citizen_id(rng, birth, female) if age >= 14 else "",
                    phone=f"09{rng.randrange(10**8):08d}" if age >= 16 else "",
                    address=address,
                    ethnicity=rng.choice(ETHNICITIES),
                    household=hh,
                    relation_to_head="Chủ hộ" if m == 0 else ("Vợ/chồng" if m == 1 else "Con"),
                )
                if m == 0:
                    head = person
            HouseholdRow.update(head=head.id if head else None).where(HouseholdRow.id == hh.id).execute()
        audit.record("demo.create", "ward", settings.ward.code, after={"groups": len(groups), "households": households})
        kv_set(DEMO_MARKER, {"ward": settings.ward.code, "households": households})
        say(f"hộ gia đình: {households}/{households}")
        ctx = DemoContext(settings, pm, services, rng, ward, units, groups, staff, households, today)
        impls = pm.hook.populate_demo.get_hookimpls()
        if progress is None or any(i.hookwrapper or i.wrapper for i in impls):
            pm.hook.populate_demo(demo=ctx)
        else:  # the same calls in pluggy's order, one progress line per module
            for impl in reversed(impls):
                say(f"dữ liệu mẫu của phân hệ {pm.get_name(impl.plugin)}")
                impl.function(*[{"demo": ctx}[name] for name in impl.argnames])
        pm.hook.register_demo_data(demo=ctx)  # deprecated name
    return ctx
