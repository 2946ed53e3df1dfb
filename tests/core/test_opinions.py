"""Residents respond where they read (issue 15 item 11), the toolkit's part: subject
references (``core/opinions.py``), photo metadata stripped (``core.uploads.strip_metadata``)
and personal details removed from public text (``core.privacy.remove_personal``)."""
from __future__ import annotations

import pytest

from thanthien.core import opinions
from thanthien.core.errors import ValidationError
from thanthien.core.privacy import HIDDEN, remove_personal
from thanthien.core.uploads import PHOTOS, check_upload, sniff, strip_metadata

from .photos import CAMERA, GPS, jpeg, png, webp


@pytest.mark.parametrize("text, expected", [
    ("congkhai.notice:12", ("congkhai.notice", 12)),
    (" giamsat.project:3 ", ("giamsat.project", 3)),
    ("bieuquyet.consultation:5", ("bieuquyet.consultation", 5)),
])
def test_a_well_formed_reference_is_read(text, expected):
    assert opinions.parse_ref(text) == expected


@pytest.mark.parametrize("text", ["", None, "congkhai.notice", "congkhai.notice:0", "congkhai.notice:-1",
                                  "congkhai:12", "Congkhai.Notice:12", "congkhai.notice:12;drop",
                                  "../congkhai.notice:1", "congkhai.notice:1x", "a.b:" + "9" * 30,
                                  "<script>.x:1"])
def test_a_malformed_reference_is_none_never_an_error(text):
    assert opinions.parse_ref(text) is None


@pytest.mark.parametrize("build, kind", [(jpeg, "jpeg"), (png, "png"), (webp, "webp")])
def test_metadata_is_stripped_and_the_image_kept(build, kind):
    data = build()
    assert GPS in data or CAMERA in data
    _name, mime = check_upload(f"anh.{'jpg' if kind == 'jpeg' else kind}", data, "", 10**6, kinds=PHOTOS)
    assert mime == f"image/{kind}"
    clean = strip_metadata(data, kind)
    assert GPS not in clean and CAMERA not in clean
    assert sniff(clean) == kind
    assert clean == build(metadata=False)  # exactly the file without its metadata: pixels untouched


def test_a_png_stays_valid_after_stripping():
    import zlib

    clean = strip_metadata(png(), "png")
    i, kinds = 8, []
    while i < len(clean):  # every chunk length and CRC still right
        length = int.from_bytes(clean[i:i + 4], "big")
        kind, data = clean[i + 4:i + 8], clean[i + 8:i + 8 + length]
        assert int.from_bytes(clean[i + 8 + length:i + 12 + length], "big") == zlib.crc32(kind + data) & 0xFFFFFFFF
        kinds.append(kind)
        i += 12 + length
    assert kinds == [b"IHDR", b"IDAT", b"IEND"]


def test_the_webp_header_no_longer_announces_exif_or_xmp():
    clean = strip_metadata(webp(), "webp")
    assert clean[12:16] == b"VP8X" and clean[20] & 0x0C == 0
    assert int.from_bytes(clean[4:8], "little") == len(clean) - 8


@pytest.mark.parametrize("data, kind", [(b"\xff\xd8\xff\xe1\x00", "jpeg"), (png()[:40], "png"),
                                        (b"\xff\xd8\x00\x00", "jpeg")])
def test_a_broken_image_is_refused_with_a_field_message(data, kind):
    with pytest.raises(ValidationError) as exc:
        strip_metadata(data, kind, field="photo")
    assert exc.value.errors[0][0] == "photo" and "hỏng" in exc.value.errors[0][1]


def test_personal_details_are_removed_from_public_text():
    text = ("Ông Trần Văn Bình (SĐT 0912 345 678, binh.tran@example.vn, CCCD 001085012345) ở số 7 ngõ 12 "
            "báo đèn đường hỏng; gọi +84987654321.")
    out = remove_personal(text, ["Trần Văn Bình", "số 7 ngõ 12", ""])
    for gone in ("Trần Văn Bình", "0912 345 678", "binh.tran@example.vn", "001085012345", "số 7 ngõ 12",
                 "+84987654321"):
        assert gone not in out
    assert "đèn đường hỏng" in out and out.count(HIDDEN) == 6
