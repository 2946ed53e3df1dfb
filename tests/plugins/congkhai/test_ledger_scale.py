"""The dissemination ledger at ward scale (issue 15 item 8): places grouped by residential
group and paginated by groups, filters by kind, group and status, the group action
"đã niêm yết / đã gỡ xuống ngày X" for the ticked places (every line audited, the whole
batch refused when one place is outside the actor's scope), dates never pre-filled."""
import datetime as dt

import pytest
from thanthien.core import people
from thanthien.core.access import actor_for_person
from thanthien.core.errors import PermissionDenied, ValidationError
from thanthien.core.models import AuditRow
from thanthien.plugins.congkhai import services as ck
from thanthien.plugins.congkhai.models import PostingRow, RequirementRow

TODAY = dt.date.today()


def published(core, ward, category="ngan_sach", title="Dự toán ngân sách phường năm 2026"):
    n = ck.create_notice(core, category=category, title=title, actor=ward.officer)
    return ck.publish_notice(core, n.id, actor=ward.officer)


def place_ids(notice_id, unit_id):
    return [r.id for r in RequirementRow.select().where(RequirementRow.notice == notice_id,
                                                        RequirementRow.unit == unit_id)]


def blocks(found):
    """(group id or 0, [kinds]) in page order."""
    out: list[tuple[int, list[str]]] = []
    for p in found.places:
        key = p.requirement.unit_id or 0
        if not out or out[-1][0] != key:
            out.append((key, []))
        out[-1][1].append(p.requirement.kind)
    return out


def test_places_grouped_by_group_and_paginated_by_groups(db, core, ward):
    n = published(core, ward)
    g1, g2, g3 = (g.id for g in ward.groups)
    first = ck.ledger_slice(core, n.id, actor=ward.officer, limit=2, offset=0, today=TODAY)
    assert [k for k, _ in blocks(first)] == [0, g1] and first.has_next
    assert set(blocks(first)[0][1]) == {"website", "office"}  # the ward's own places first
    assert blocks(first)[1][1] == ["group_house", "social_group"]  # in the order of the legal list
    second = ck.ledger_slice(core, n.id, actor=ward.officer, limit=2, offset=2, today=TODAY)
    assert [k for k, _ in blocks(second)] == [g2, g3] and not second.has_next
    assert first.groups == ((g1, "Tổ dân phố số 1"), (g2, "Tổ dân phố số 2"), (g3, "Tổ dân phố số 3"))
    assert set(first.kinds) == {"website", "office", "group_house", "social_group"}
    assert not first.complete


def test_filters_by_group_kind_and_status(db, core, ward):
    n = published(core, ward)
    g1, g2, _ = (g.id for g in ward.groups)
    found = ck.ledger_slice(core, n.id, actor=ward.officer, group=g2, kind="group_house", today=TODAY)
    assert [(p.requirement.kind, p.requirement.unit_id) for p in found.places] == [("group_house", g2)]
    ck.record_posting(core, n.id, kind="group_house", unit_id=g1, posted_on=TODAY, actor=ward.officer)
    ck.record_posting(core, n.id, kind="group_house", unit_id=g2, posted_on=TODAY, actor=ward.officer)
    down = PostingRow.get(PostingRow.unit == g2, PostingRow.kind == "group_house")
    ck.take_down(core, down.id, removed_on=TODAY, actor=ward.officer)

    def where(status):
        found = ck.ledger_slice(core, n.id, actor=ward.officer, kind="group_house", status=status, today=TODAY)
        return [p.requirement.unit_id for p in found.places]

    assert where("posted") == [g1]
    assert where("removed") == [g2]
    assert where("pending") == [ward.groups[2].id]
    assert where("") == [g.id for g in ward.groups]
    with pytest.raises(ValidationError) as e:
        ck.ledger_slice(core, n.id, actor=ward.officer, status="done", kind="board", today=TODAY)
    assert {f for f, _ in e.value.errors} == {"status", "kind"}


def test_group_head_sees_only_their_group(db, core, ward):
    n = published(core, ward)
    found = ck.ledger_slice(core, n.id, actor=ward.head1, today=TODAY)
    assert {p.requirement.unit_id for p in found.places} == {ward.groups[0].id}
    assert found.groups == ((ward.groups[0].id, "Tổ dân phố số 1"),)
    assert set(found.kinds) <= {"group_house", "group_head", "social_group"}
    # asking for another group's places shows nothing of it
    other = ck.ledger_slice(core, n.id, actor=ward.head1, group=ward.groups[1].id, today=TODAY)
    assert other.places == ()


def test_bulk_posted_records_every_ticked_place_with_who_and_when(db, core, ward):
    n = published(core, ward)
    g1 = ward.groups[0].id
    ids = place_ids(n.id, g1)
    assert ck.record_bulk(core, n.id, place_ids=ids, action="posted", day=TODAY, note="Tổ trưởng báo",
                          actor=ward.head1) == len(ids)
    rows = list(PostingRow.select().where(PostingRow.unit == g1))
    assert len(rows) == len(ids)
    assert {(r.posted_on, r.removed_on, r.recorded_by_id, r.recorded_name, r.note) for r in rows} == {
        (TODAY, None, ward.head1.person_id, ward.head1.name, "Tổ trưởng báo")}  # no removal date made up
    audits = AuditRow.select().where(AuditRow.action == "congkhai.posting.record", AuditRow.entity_id == str(n.id))
    assert audits.count() == len(ids)
    # taken down together; one-off acts (a group's social-media post) have no removal date
    house = [r.id for r in RequirementRow.select().where(RequirementRow.notice == n.id, RequirementRow.unit == g1,
                                                         RequirementRow.kind == "group_house")]
    assert ck.record_bulk(core, n.id, place_ids=house, action="removed", day=TODAY, actor=ward.head1) == 1
    assert PostingRow.get(PostingRow.unit == g1, PostingRow.kind == "group_house").removed_on == TODAY
    assert AuditRow.select().where(AuditRow.action == "congkhai.posting.take_down").count() == 1
    with pytest.raises(ValidationError) as e:
        ck.record_bulk(core, n.id, place_ids=ids, action="removed", day=TODAY, actor=ward.head1)
    messages = " ".join(m for _, m in e.value.errors)
    assert "Nhóm Zalo/Facebook của tổ dân phố – Tổ dân phố số 1: không có ngày gỡ xuống" in messages
    assert "Nhà văn hóa tổ dân phố – Tổ dân phố số 1: không có bản niêm yết nào đang còn" in messages


def test_bulk_bad_date_or_conflict_stores_nothing(db, core, ward):
    n = published(core, ward)
    g2 = ward.groups[1].id
    ids = place_ids(n.id, g2)
    with pytest.raises(ValidationError) as e:
        ck.record_bulk(core, n.id, place_ids=ids, action="posted", day=TODAY + dt.timedelta(days=1),
                       actor=ward.officer)
    assert e.value.errors == [("day", "Ngày thực hiện không được sau ngày hôm nay.")]  # once, not per place
    assert PostingRow.select().where(PostingRow.unit == g2).count() == 0
    # one place already posted: the error names it and the other places are not stored either
    ck.record_posting(core, n.id, kind="group_house", unit_id=g2, posted_on=TODAY, actor=ward.officer)
    before = PostingRow.select().count()
    with pytest.raises(ValidationError) as e:
        ck.record_bulk(core, n.id, place_ids=ids, action="posted", day=TODAY, actor=ward.officer)
    assert e.value.errors[0][0] == "places" and "Nhà văn hóa tổ dân phố – Tổ dân phố số 2" in e.value.errors[0][1]
    assert PostingRow.select().count() == before
    with pytest.raises(ValidationError) as e:
        ck.record_bulk(core, n.id, place_ids=[], action="posted", day=TODAY, actor=ward.officer)
    assert e.value.errors == [("places", "Vui lòng đánh dấu ít nhất một nơi.")]
    with pytest.raises(ValidationError):
        ck.record_bulk(core, n.id, place_ids=ids, action="delete", day=TODAY, actor=ward.officer)


def test_attack_group_head_sends_another_groups_places_in_a_batch(db, core, ward):
    """The group head of group 1 ticks his own place and adds ids of group 2's place, of a
    ward place and of another notice's place to the POST: the whole batch is refused and
    nothing is stored — not even his own place."""
    n = published(core, ward)
    other_notice = published(core, ward, title="Quyết toán ngân sách năm 2025")
    own = place_ids(n.id, ward.groups[0].id)[:1]
    theirs = place_ids(n.id, ward.groups[1].id)[:1]
    office = [r.id for r in RequirementRow.select().where(RequirementRow.notice == n.id,
                                                          RequirementRow.kind == "office")]
    elsewhere = place_ids(other_notice.id, ward.groups[0].id)[:1]
    for forged in (own + theirs, own + office, own + elsewhere, [*own, 999999]):
        with pytest.raises(PermissionDenied):
            ck.record_bulk(core, n.id, place_ids=forged, action="posted", day=TODAY, actor=ward.head1)
    assert PostingRow.select().count() == 0
    # a staff member of no disclosure grant reaches nothing
    clerk = people.create_person("Người Ngoài", is_staff=True)
    with pytest.raises(PermissionDenied):
        ck.record_bulk(core, n.id, place_ids=own, action="posted", day=TODAY,
                       actor=actor_for_person(clerk.id, clerk.full_name))
    with pytest.raises(PermissionDenied):
        ck.ledger_slice(core, n.id, actor=actor_for_person(clerk.id, clerk.full_name))
    assert PostingRow.select().count() == 0


def test_complete_when_every_place_of_the_actor_is_done(db, core, ward):
    n = published(core, ward)
    mine = place_ids(n.id, ward.groups[0].id)
    ck.record_bulk(core, n.id, place_ids=mine, action="posted", day=TODAY, actor=ward.head1)
    assert ck.ledger_slice(core, n.id, actor=ward.head1, today=TODAY).complete
    assert not ck.ledger_slice(core, n.id, actor=ward.officer, today=TODAY).complete
    everything = [r.id for r in RequirementRow.select().where(RequirementRow.notice == n.id)
                  if r.id not in mine]
    ck.record_bulk(core, n.id, place_ids=everything, action="posted", day=TODAY, actor=ward.officer)
    found = ck.ledger_slice(core, n.id, actor=ward.officer, today=TODAY)
    assert found.complete and {p.status for p in found.places} == {"done"}
    assert ck.ledger_slice(core, n.id, actor=ward.officer, todo=True, today=TODAY).places == ()
