"""QR codes for the join screen: scanned from the back of a room, so large modules and a
high error-correction level (a projector's glare or a partly hidden screen still scans)."""

from __future__ import annotations

import io
from functools import lru_cache

import segno


@lru_cache(maxsize=64)  # the join screen reruns often; its link changes only with the code
def qr_png(text: str, scale: int = 10) -> bytes:
    code = segno.make(text, error="q", micro=False)
    buffer = io.BytesIO()
    code.save(buffer, kind="png", scale=scale, border=2, dark="#1b2430")
    return buffer.getvalue()
