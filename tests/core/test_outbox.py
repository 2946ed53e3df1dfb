"""The transactional outbox: written with the change, delivered at most once per channel,
retried with exponential back-off, failed after the limit, recovered after a crash."""
import datetime as dt

import attrs
import pytest

from thanthien.core import outbox
from thanthien.core.outbox import ChannelError, DeliveryAttemptRow, OutboxPolicy, OutboxRow
from thanthien.core.storage.db import write_transaction


@attrs.define
class FakeChannel:
    key: str = "fake"
    label: str = "Kênh thử"
    address: str = "email"
    max_length: int | None = None
    ascii_only: bool = False
    ready: bool = True
    fail_with: list = attrs.Factory(list)  # ChannelErrors raised by the next sends, in order
    hand_then_fail: bool = False
    sent: list = attrs.Factory(list)

    def configured(self):
        return self.ready

    def send(self, message, handover):
        if self.fail_with:
            raise self.fail_with.pop(0)
        handover()
        if self.hand_then_fail:
            raise ChannelError("mất kết nối sau khi gửi", definite=False)
        self.sent.append(message)
        return f"id-{message.id}"


POLICY = OutboxPolicy(max_attempts=3, backoff_seconds=60, lease_seconds=30, batch_size=10)


def test_rolled_back_transaction_writes_nothing(db):
    class Boom(Exception):
        pass

    with pytest.raises(Boom), write_transaction():
        outbox.enqueue("fake", "Hồ sơ đã có kết quả", kind="t.result", recipient="a@example.vn")
        raise Boom
    assert OutboxRow.select().count() == 0
    channel = FakeChannel()
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {}
    assert channel.sent == []


def test_committed_message_is_delivered_once(db):
    with write_transaction():
        row = outbox.enqueue("fake", "Hồ sơ đã có kết quả", kind="t.result", recipient="a@example.vn", key="k1")
        again = outbox.enqueue("fake", "Hồ sơ đã có kết quả", kind="t.result", recipient="a@example.vn", key="k1")
    assert again.id == row.id
    channel = FakeChannel()
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {"sent": 1}
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {}
    assert [m.idempotency_key for m in channel.sent] == ["k1"]
    row = OutboxRow.get_by_id(row.id)
    assert (row.state, row.attempts, row.provider_id) == ("sent", 1, f"id-{row.id}")
    attempt = DeliveryAttemptRow.get(DeliveryAttemptRow.message == row.id)
    assert attempt.outcome == "sent" and attempt.finished_at is not None


def test_unconfigured_channel_receives_nothing(db):
    outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    channel = FakeChannel(ready=False)
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {}
    assert OutboxRow.get().state == "queued"


def test_retries_with_exponential_backoff_then_failed(db):
    row = outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    channel = FakeChannel(fail_with=[ChannelError("421 bận") for _ in range(5)])
    t0 = outbox.now()
    delays = []
    at = t0
    for _ in range(POLICY.max_attempts):
        claimed = outbox.claim("w1", ["fake"], POLICY, at=at)
        assert claimed is not None and claimed.id == row.id
        state = outbox.deliver_one(claimed, channel, "w1", POLICY)
        current = OutboxRow.get_by_id(row.id)
        if state == "queued":
            delays.append(current.next_attempt_at - outbox.now())
            assert outbox.claim("w1", ["fake"], POLICY, at=at) is None  # not due before the back-off
            at = current.next_attempt_at + dt.timedelta(seconds=1)
    # 60 s, then 120 s (doubled); the third failure is the last
    assert [round(d.total_seconds() / 60) for d in delays] == [1, 2]
    current = OutboxRow.get_by_id(row.id)
    assert current.state == "failed" and current.attempts == POLICY.max_attempts
    assert DeliveryAttemptRow.select().where(DeliveryAttemptRow.message == row.id).count() == 3


def test_permanent_error_fails_at_once(db):
    row = outbox.enqueue("fake", "x", kind="t.x", recipient="sai-dia-chi")
    channel = FakeChannel(fail_with=[ChannelError("550 không có hộp thư", retry=False)])
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {"failed": 1}
    assert OutboxRow.get_by_id(row.id).last_error == "550 không có hộp thư"


def test_crash_before_handover_is_sent_again_after_the_lease(db):
    row = outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    claimed = outbox.claim("dead-worker", ["fake"], POLICY)  # the worker dies here (SIGKILL)
    assert claimed.state == "sending"
    assert outbox.recover_stale() == {"requeued": 0, "unconfirmed": 0}  # lease still held
    later = outbox.now() + dt.timedelta(seconds=POLICY.lease_seconds + 1)
    assert outbox.recover_stale(later) == {"requeued": 1, "unconfirmed": 0}
    channel = FakeChannel()
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {"sent": 1}
    assert len(channel.sent) == 1
    outcomes = [a.outcome for a in DeliveryAttemptRow.select().where(DeliveryAttemptRow.message == row.id)
                .order_by(DeliveryAttemptRow.number)]
    assert outcomes == ["interrupted", "sent"]


def test_crash_after_handover_is_never_sent_twice(db):
    row = outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    claimed = outbox.claim("dead-worker", ["fake"], POLICY)
    with write_transaction():  # what handover() commits just before the point of no return
        OutboxRow.update(state="handed").where(OutboxRow.id == claimed.id).execute()
    later = outbox.now() + dt.timedelta(seconds=POLICY.lease_seconds + 1)
    assert outbox.recover_stale(later) == {"requeued": 0, "unconfirmed": 1}
    channel = FakeChannel()
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {}
    assert channel.sent == []
    assert OutboxRow.get_by_id(row.id).state == "unconfirmed"
    # staff decide: a resend is a new row pointing at the first
    copy = outbox.resend(row.id, created_by=None)
    assert copy.resend_of == row.id and copy.state == "queued"
    assert outbox.deliver_batch({"fake": channel}, POLICY) == {"sent": 1}


def test_lost_answer_after_handover_is_unconfirmed(db):
    outbox.enqueue("fake", "x", kind="t.x", recipient="a@example.vn")
    assert outbox.deliver_batch({"fake": FakeChannel(hand_then_fail=True)}, POLICY) == {"unconfirmed": 1}


def test_secret_never_kept_in_clear_nor_resent(db):
    row = outbox.enqueue("fake", "Mã xác thực của ông/bà: 482913", kind="t.otp", recipient="a@example.vn",
                         secret=True)
    assert outbox.as_dict(row)["body"] == outbox.SECRET_MASK
    channel = FakeChannel()
    outbox.deliver_batch({"fake": channel}, POLICY)
    assert "482913" in channel.sent[0].body
    assert OutboxRow.get_by_id(row.id).body == outbox.SECRET_MASK
    with pytest.raises(ValueError, match="không được gửi lại"):
        outbox.resend(row.id)


def test_two_workers_never_claim_the_same_message(db):
    for i in range(3):
        outbox.enqueue("fake", f"tin {i}", kind="t.x", recipient="a@example.vn")
    first = outbox.claim("w1", ["fake"], POLICY)
    second = outbox.claim("w2", ["fake"], POLICY)
    assert first.id != second.id
    assert OutboxRow.get_by_id(first.id).lease_owner == "w1"


def test_masked_addresses():
    assert outbox.mask_address("nguyenvana@example.vn") == "n***@example.vn"
    assert outbox.mask_address("0912345678") == "09*****678"
