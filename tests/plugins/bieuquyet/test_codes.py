"""One-time codes: unguessable, stored as a keyed hash, purpose-bound, single use, expiring."""
from __future__ import annotations

import datetime as dt
import re

import pytest

from thanthien.core import hookimpl
from thanthien.core.errors import ValidationError
from thanthien.plugins import bieuquyet
from thanthien.plugins.bieuquyet.models import OneTimeCodeRow
from thanthien.plugins.bieuquyet.services import codes

AT = dt.datetime(2026, 11, 2, 8, 0)


class Outbox:
    def __init__(self):
        self.messages = []

    @hookimpl
    def message_requested(self, message, core):
        self.messages.append(message)


@pytest.fixture
def outbox():
    return Outbox()


@pytest.fixture
def extra_plugins(outbox):
    return [("bieuquyet", bieuquyet), ("outbox", outbox)]


def _hh(ward, n=0):
    return ward.households[ward.groups[0].id][n]


def test_a_code_is_stored_only_as_a_keyed_hash_and_is_long_and_random(core, ward):
    issued = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT)
    assert len(issued.code) == core.config("bieuquyet").code_length == 10
    assert set(issued.code) <= set(codes.ALPHABET) and not set("0O1IL") & set(issued.code)
    row = OneTimeCodeRow.get_by_id(issued.id)
    assert issued.code not in row.code_hash and re.fullmatch(r"[0-9a-f]{64}", row.code_hash)
    # the same code under another key would hash differently: the hash is keyed, not a bare sha256
    import hashlib
    assert row.code_hash != hashlib.sha256(f"vote:1|{issued.code}".encode()).hexdigest()
    many = {codes.issue(core, purpose=f"vote:{i + 2}", household_id=_hh(ward), at=AT).code for i in range(40)}
    assert len(many) == 40


def test_a_code_is_used_once_and_only_for_its_purpose(core, ward):
    issued = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT)
    with pytest.raises(ValidationError):
        codes.consume(core, purpose="vote:2", code=issued.code, at=AT)
    with pytest.raises(ValidationError):
        codes.consume(core, purpose="consultation:1", code=issued.code, at=AT)
    typed = codes.display(issued.code).lower()  # as read from the sheet, in lower case
    holder = codes.consume(core, purpose="vote:1", code=typed, at=AT)
    assert holder.household_id == _hh(ward)
    with pytest.raises(ValidationError) as exc:
        codes.consume(core, purpose="vote:1", code=issued.code, at=AT)
    assert "đã được sử dụng" in str(exc.value.errors)


def test_a_guess_and_an_expired_code_fail(core, ward):
    issued = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT,
                         expires_at=AT + dt.timedelta(days=1))
    guess = "A" * 10 if issued.code != "A" * 10 else "B" * 10
    with pytest.raises(ValidationError):
        codes.verify(core, purpose="vote:1", code=guess, at=AT)
    with pytest.raises(ValidationError):
        codes.consume(core, purpose="vote:1", code=issued.code, at=AT + dt.timedelta(days=2))
    assert codes.verify(core, purpose="vote:1", code=issued.code, at=AT).used_at is None


def test_issuing_again_revokes_the_earlier_code(core, ward):
    first = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT)
    second = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT)
    with pytest.raises(ValidationError):
        codes.verify(core, purpose="vote:1", code=first.code, at=AT)
    assert codes.verify(core, purpose="vote:1", code=second.code, at=AT).household_id == _hh(ward)
    assert OneTimeCodeRow.select().count() == 2  # the old one kept, revoked
    assert codes.stats("vote:1") == {"issued": 2, "used": 0, "revoked": 1, "live": 1}


def test_send_goes_through_message_requested_as_a_secret(core, ward, outbox):
    issued = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT)
    codes.send(core, issued, text="Mã biểu quyết của hộ: {code}", at=AT)
    (msg,) = outbox.messages
    assert msg.kind == "bieuquyet.one_time_code" and msg.secret and msg.ref == "vote:1"
    assert codes.display(issued.code) in msg.text and msg.person_id is not None


def test_the_code_sheet_has_one_slip_per_household(core, ward):
    ids = ward.households[ward.groups[2].id]
    issued = codes.issue_for_households(core, purpose="ballot:1", household_ids=ids, at=AT)
    sheet = codes.code_sheet(issued)
    assert [s.household_code for s in sheet] == ["HO03000", "HO03001", "HO03002"]
    assert all(s.group_name == "Tổ dân phố số 3" and "-" in s.code for s in sheet)


def test_revoke_needs_a_reason_and_keeps_the_row(core, ward):
    issued = codes.issue(core, purpose="vote:1", household_id=_hh(ward), at=AT)
    with pytest.raises(ValidationError):
        codes.revoke(core, issued.id, reason=" ")
    codes.revoke(core, issued.id, reason="Hộ báo mất phiếu mã")
    with pytest.raises(ValidationError):
        codes.verify(core, purpose="vote:1", code=issued.code, at=AT)
    assert OneTimeCodeRow.get_by_id(issued.id).revoke_reason == "Hộ báo mất phiếu mã"
