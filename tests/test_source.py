"""Reading files: encodings, line ends, bad input."""

from __future__ import annotations

import codecs

import pytest

from sakiplint.read.source import InputError, decode, read_source

TEXT = "# LKjIP 2024\n\nTarget\tRealisasi\n80,5\t90\n"


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8-sig"),
        (TEXT.encode("utf-16"), "utf-16"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), "utf-8"),
    ],
)
def test_decodes(data, encoding):
    src = decode(data, "x.md")
    assert src.text == TEXT
    assert src.encoding == encoding
    assert not src.warnings


def test_cp1252_fallback_warns():
    src = decode("Pengantar \u2013 caf\xe9\n".encode("cp1252"), "x.md")
    assert src.encoding == "cp1252"
    assert "\xe9" in src.text and "\u2013" in src.text
    assert src.warnings and "cp1252" in src.warnings[0]


@pytest.mark.parametrize("data", [b"", b"   \n\n", b"\x00\x01\x02binary\x00" * 20,
                                  bytes(range(256)) * 4])
def test_bad_bytes_raise_input_error(data):
    with pytest.raises(InputError):
        decode(data, "x.md")


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        read_source(tmp_path / "nope.md")


def test_reading_never_writes(tmp_path):
    p = tmp_path / "r.md"
    p.write_bytes(codecs.BOM_UTF8 + TEXT.replace("\n", "\r\n").encode())
    before = p.read_bytes()
    read_source(p)
    assert p.read_bytes() == before
