"""The workshop's secrets: facilitator tokens, participant resume tokens, join codes.

Tokens come from `secrets.token_urlsafe` and only their SHA-256 digest is stored: a
database leak gives no working link. A fast hash is enough here because the tokens are
long random strings, not passwords. Join codes are short enough to type from the back of
a room, so they expire and failed attempts are throttled (see service.py).
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets

#: 32 bytes → 43 characters, 256 bits: the facilitator's link.
FACILITATOR_TOKEN_BYTES = 32
#: 24 bytes → 32 characters, 192 bits (≥ 128 required): a participant's resume link.
RESUME_TOKEN_BYTES = 24
#: No 0/O, 1/I/L: nothing to misread on a projected screen. 31 symbols.
JOIN_CODE_ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789"
JOIN_CODE_LENGTH = 7  # 31⁷ ≈ 2.8 × 10¹⁰ codes
_NOT_CODE = re.compile(r"[\s\-_.]")


def new_facilitator_token() -> str:
    return secrets.token_urlsafe(FACILITATOR_TOKEN_BYTES)


def new_resume_token() -> str:
    return secrets.token_urlsafe(RESUME_TOKEN_BYTES)


def new_workshop_id() -> str:
    """Hex, so it never starts with "-" (a command-line option) and reads aloud easily."""
    return secrets.token_hex(9)


def new_participant_id() -> str:
    """Opaque and unguessable enough not to reveal join order; never shown as a name."""
    return "p" + secrets.token_hex(6)


def new_join_code() -> str:
    return "".join(secrets.choice(JOIN_CODE_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_code(typed: str) -> str:
    """What a person typed → the stored form: upper case, no spaces or dashes."""
    return _NOT_CODE.sub("", typed).upper()


def display_code(code: str) -> str:
    """ "K7QM4X9" → "K7Q-M4X9", easier to read aloud."""
    return f"{code[:3]}-{code[3:]}"


def digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def matches(token: str, stored_digest: str) -> bool:
    return hmac.compare_digest(digest(token), stored_digest)
