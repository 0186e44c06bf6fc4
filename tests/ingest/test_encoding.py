"""Bytes to text: UTF-8, detected legacy encodings, and refusals with a reason."""

from __future__ import annotations

import pytest

from claimscope.errors import InputError
from claimscope.ingest.encoding import decode

TEXT = "Le président a déclaré « nous négocierons » — c’était prévu. Ça coûte 5 € à Zürich."


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
def test_decodes_text_in_common_encodings(encoding: str) -> None:
    text = TEXT if encoding not in ("latin-1",) else TEXT.replace("€", "EUR").replace("’", "'")
    text = text.replace("—", "-") if encoding == "latin-1" else text
    data = (text + "\n") * 20
    assert decode(data.encode(encoding), "f.txt").text.strip() == data.strip()


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty input"),
        (b"   \n\t\n", "empty input"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
        (bytes(range(1, 32)) * 100, "binary"),
    ],
)
def test_refuses_with_reason_and_source(data: bytes, reason: str) -> None:
    with pytest.raises(InputError) as err:
        decode(data, "bad.bin")
    assert err.value.source_id == "bad.bin"
    assert reason in err.value.reason


def test_curly_quotes_and_dashes_are_kept() -> None:
    raw = "“Quoted,” he said — ‘inner’ – done…"
    assert decode(raw.encode("utf-8"), "q.txt").text == raw
