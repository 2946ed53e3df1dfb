"""Fixtures of the motcua tests: the plugin, a hook recorder, staff, the catalogue."""
import pytest

from thanthien.core import hookimpl
from thanthien.plugins import motcua
from thanthien.plugins.motcua import services as mc

from .helpers import Staff


class Recorder:
    def __init__(self):
        self.calls = []

    @hookimpl
    def case_closed(self, case, event):
        self.calls.append(("closed", case.number, case.state))

    @hookimpl
    def case_overdue(self, case, today):
        self.calls.append(("overdue", case.number, today))

    @hookimpl
    def life_event_recorded(self, kind, people, case):
        self.calls.append(("life", kind, tuple(p.full_name for p in people), case.number))


@pytest.fixture
def recorder():
    return Recorder()


@pytest.fixture
def extra_plugins(recorder):
    return [("motcua", motcua), ("recorder", recorder)]


@pytest.fixture
def staff(core):
    mc.ensure_catalogue()
    return Staff()
