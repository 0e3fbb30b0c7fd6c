"""Plain text from bytes: strict UTF-8, with clear failures for binaries."""
from __future__ import annotations

_CONTROL = set(range(0, 32)) - {9, 10, 12, 13}


def looks_binary(data: bytes, sample: int = 8192) -> bool:
    head = data[:sample]
    if b"\x00" in head:
        return True
    if not head:
        return False
    controls = sum(1 for b in head if b in _CONTROL)
    return controls / len(head) > 0.05


def decode(data: bytes) -> tuple[str | None, str | None, str | None]:
    """(text, warning, error): text is None only together with an error.

    Invalid UTF-8 is decoded with replacement characters and a warning, so
    the readable part is still analysed; a binary file is an error.
    """
    if looks_binary(data):
        return None, None, "binary content, not text"
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8"), None, None
    except UnicodeDecodeError as e:
        text = data.decode("utf-8", errors="replace")
        return text, f"invalid UTF-8 at byte {e.start}: undecodable bytes replaced with U+FFFD", None
