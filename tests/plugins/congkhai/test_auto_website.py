"""R-CK-04 on a portal that shows the ward's JSON feed: publishing is posting on the website,
and withdrawing takes it down — recorded automatically, so the check does not flag it."""
import pytest
from thanthien.core.notices import NoticeService
from thanthien.plugins.congkhai import services as ck
from thanthien.testing import make_settings

from .helpers import at, d


@pytest.fixture
def settings(tmp_path):
    return make_settings(tmp_path)  # default: website_feed = true


@pytest.mark.rule("R-CK-04")
def test_publication_records_the_website_posting_and_withdrawal_ends_it(core, ward):
    n = ck.create_notice(core, category="tthc", title="Danh mục thủ tục hành chính",
                         body_html="<p>Danh mục</p>", actor=ward.officer, today=d("2026-03-02"))
    ck.publish_notice(core, n.id, actor=ward.officer, at=at("2026-03-02"))
    web = [p for p in ck.postings(n.id) if p.kind == "website"]
    assert len(web) == 1 and web[0].posted_on == d("2026-03-02") and web[0].removed_on is None
    assert not [g for g in ck.check(core, d("2026-03-20"), actor=ward.officer).gaps
                if g.notice_id == n.id and g.kind == "missing" and g.place == "website"]
    core.notices.withdraw(n.id, reason="Thay bằng danh mục mới")
    web = [p for p in ck.postings(n.id) if p.kind == "website"]
    assert web[0].removed_on is not None
    assert not [g for g in ck.check(core, d("2026-03-20"), actor=ward.officer).gaps
                if g.notice_id == n.id and g.kind == "not_taken_down"]


def test_notices_of_other_modules_are_on_the_website_too(core, ward):
    """A notice another module publishes through core (tiepdan's reception schedule)."""
    other = NoticeService(core.pm, core.settings)  # another module's, without the bundle in its events
    n = other.create(category="khac", title="Lịch tiếp công dân của Chủ tịch UBND")
    other.publish(n.id, at=at("2026-03-02"))
    assert [p.kind for p in ck.postings(n.id)] == ["website"]
