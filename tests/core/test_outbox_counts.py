"""The outbox's counts per channel × state (the outbox page's) are kept on every write:
enqueue, claim, handover, sent, retried, failed, unconfirmed, recovered after a crash,
resent — and equal a count of the rows after each; the migration fills them; a drift is
found by the check and mended by a rebuild (issue 16: a page never counts the outbox)."""

import datetime as dt
import importlib

import pytest

from thanthien.core import outbox
from thanthien.core.outbox import OUTBOX_COUNTS, ChannelError, OutboxCountRow, OutboxRow

from .test_outbox import POLICY, FakeChannel


def _rows() -> dict:
    out: dict = {}
    for r in OutboxRow.select():
        out[(r.channel, r.state)] = out.get((r.channel, r.state), 0) + 1
    return out


def _right() -> dict:
    kept = outbox.counts_by_state()
    assert kept == _rows() and OUTBOX_COUNTS.mismatches() == []
    return kept


def test_counts_follow_every_step_of_a_message(db):
    sent = outbox.enqueue("fake", "a", kind="t.x", recipient="a@example.vn")
    outbox.enqueue("fake", "b", kind="t.x", recipient="b@example.vn")
    outbox.enqueue("sms", "c", kind="t.x", recipient="0912345678")
    assert _right() == {("fake", "queued"): 2, ("sms", "queued"): 1}
    outbox.enqueue("fake", "a", kind="t.x", recipient="a@example.vn", key=sent.idempotency_key)  # again: nothing
    assert _right() == {("fake", "queued"): 2, ("sms", "queued"): 1}

    channel = FakeChannel(fail_with=[ChannelError("421 bận")])
    assert outbox.deliver_batch({"fake": channel}, POLICY, limit=2) == {"queued": 1, "sent": 1}  # retried later
    assert _right() == {("fake", "queued"): 1, ("fake", "sent"): 1, ("sms", "queued"): 1}

    # a crash before the handover: requeued; after it: unconfirmed, never sent again
    later = outbox.now() + dt.timedelta(hours=1)
    outbox.claim("dead-worker", ["fake"], POLICY, at=later)
    assert _right()[("fake", "sending")] == 1
    assert outbox.recover_stale(later + dt.timedelta(seconds=POLICY.lease_seconds + 1))["requeued"] == 1
    assert _right() == {("fake", "queued"): 1, ("fake", "sent"): 1, ("sms", "queued"): 1}
    claimed = outbox.claim("w2", ["fake"], POLICY, at=later)
    _right()
    # handed over, then the answer lost: unconfirmed
    assert outbox.deliver_one(claimed, FakeChannel(hand_then_fail=True), "w2", POLICY) == "unconfirmed"
    assert _right() == {("fake", "unconfirmed"): 1, ("fake", "sent"): 1, ("sms", "queued"): 1}

    copy = outbox.resend(claimed.id)
    assert _right()[("fake", "queued")] == 1
    permanent = FakeChannel(fail_with=[ChannelError("550 không có hộp thư", retry=False)])
    assert outbox.deliver_batch({"fake": permanent}, POLICY) == {"failed": 1}
    assert OutboxRow.get_by_id(copy.id).state == "failed"
    assert _right() == {("fake", "unconfirmed"): 1, ("fake", "sent"): 1, ("fake", "failed"): 1, ("sms", "queued"): 1}


def test_handed_then_recovered_is_counted_unconfirmed(db):
    outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    claimed = outbox.claim("dead-worker", ["fake"], POLICY)
    handed = []

    class Stops(FakeChannel):
        def send(self, message, handover):
            handover()
            handed.append(_right())
            raise KeyboardInterrupt  # the process dies after the handover

    with pytest.raises(KeyboardInterrupt):
        outbox.deliver_one(claimed, Stops(), "dead-worker", POLICY)
    assert handed == [{("fake", "handed"): 1}]
    later = outbox.now() + dt.timedelta(seconds=POLICY.lease_seconds + 1)
    assert outbox.recover_stale(later) == {"requeued": 0, "unconfirmed": 1}
    assert _right() == {("fake", "unconfirmed"): 1}


def test_drift_is_found_and_rebuilt_and_the_migration_fills_the_counts(db):
    outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    outbox.enqueue("sms", "y", kind="t.x", recipient="0912345678")
    OutboxRow.update(state="cancelled").where(OutboxRow.channel == "sms").execute()  # around the outbox
    assert OUTBOX_COUNTS.mismatches() == [(("sms", "cancelled"), 0, 1), (("sms", "queued"), 1, 0)]
    assert OUTBOX_COUNTS.rebuild() == 2
    _right()
    OutboxCountRow.delete().execute()  # as before the migration: messages, no counts
    importlib.import_module("thanthien.core.migrations.0015_outbox_rollup").up(None, db)
    assert _right() == {("fake", "queued"): 1, ("sms", "cancelled"): 1}
