"""Shared helpers of the baocao tests."""
from __future__ import annotations

from thanthien.plugins import baocao, congkhai, congvu, giamsat, motcua, thamhoi, thanhtra, tiepdan


def all_plugins() -> list[tuple[str, object]]:
    return [("baocao", baocao), ("congkhai", congkhai), ("congvu", congvu), ("giamsat", giamsat),
            ("motcua", motcua), ("thamhoi", thamhoi), ("thanhtra", thanhtra), ("tiepdan", tiepdan)]
