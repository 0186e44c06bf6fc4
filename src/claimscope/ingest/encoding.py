"""Bytes to text: UTF-8 first, then detection; binary input is refused with a reason."""

from __future__ import annotations

from dataclasses import dataclass

from charset_normalizer import from_bytes

from claimscope.errors import InputError

# Share of control characters (other than tab/newline/carriage return/form feed) above which
# decoded bytes are taken for binary: real text has next to none, binary formats have many.
_MAX_CONTROL_SHARE = 0.01
# Bytes inspected for NUL and control characters; enough to catch every binary header.
_SNIFF_BYTES = 8192


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str


def _control_share(text: str) -> float:
    if not text:
        return 0.0
    bad = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return bad / len(text)


def _unusual(text: str) -> int:
    """Letters outside ASCII and Latin-1: rare in Western news, common in mis-decodings."""
    return sum(1 for ch in text if 0x100 <= ord(ch) < 0x2000 and ch.isalpha())


def _detect(data: bytes, source_id: str) -> tuple[str, str]:
    best = from_bytes(data).best()
    if best is None:
        raise InputError(source_id, "undecodable bytes: not UTF-8 and no encoding detected")
    text, encoding = str(best), best.encoding
    # Single-byte Western text is ambiguous between code pages (cp1250 reads "à" as "ŕ");
    # Windows-1252 wins when it decodes cleanly with fewer unusual letters.
    try:
        western = data.decode("cp1252")
    except UnicodeDecodeError:
        return text, encoding
    if encoding != "cp1252" and _unusual(western) < _unusual(text):
        return western, "cp1252"
    return text, encoding


def decode(data: bytes, source_id: str) -> Decoded:
    """Decode ``data`` or raise :class:`InputError` naming ``source_id``."""
    if not data.strip():
        raise InputError(source_id, "empty input")
    head = data[:_SNIFF_BYTES]
    if b"\x00" in head and not (head.startswith((b"\xff\xfe", b"\xfe\xff"))):
        raise InputError(source_id, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
        encoding = "utf-8"
    except UnicodeDecodeError:
        text, encoding = _detect(data, source_id)
    if _control_share(text[:_SNIFF_BYTES]) > _MAX_CONTROL_SHARE:
        raise InputError(
            source_id, f"binary data (control characters) after decoding as {encoding}"
        )
    if not text.strip():
        raise InputError(source_id, "empty input (whitespace only)")
    return Decoded(text, encoding)
