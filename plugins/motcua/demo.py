"""Demo data: a year of dossiers over the sample catalogue (placeholder until built)."""


def build(demo) -> None:
    from . import services as s

    s.ensure_catalogue()
