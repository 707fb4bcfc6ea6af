"""Operator password hashing with scrypt (RFC 7914, ``hashing.scrypt``), in a self-describing
string format: ``scrypt$n$r$p$salt_b64$hash_b64``.

The cost is what a login can afford: N=2^16, r=8 (64 MiB, about 0.1–0.3 s on a clerk's
PC; ``benchmarks/login_bench.py`` measures it). Hashes made with a lower cost still verify
and are replaced on the next successful login (``needs_rehash``). ``DUMMY_HASH`` has the
current cost and matches no password: checking against it when a login name is unknown
makes that answer take as long as a wrong password for a real operator.
"""

from __future__ import annotations

import base64
import hmac
import secrets

from gwgk_desktop import hashing

N, R, P = 2**16, 8, 1
_DKLEN = 32
#: Enough for N=2^17 at r=8 (128 MiB) plus OpenSSL's block buffers; refuses absurd stored costs.
_MAXMEM = 2**28


def _encode(n: int, salt: bytes, digest: bytes) -> str:
    return "$".join(
        [
            "scrypt",
            str(n),
            str(R),
            str(P),
            base64.b64encode(salt).decode(),
            base64.b64encode(digest).decode(),
        ]
    )


def hash_password(password: str, *, n: int = N) -> str:
    salt = secrets.token_bytes(16)
    digest = hashing.scrypt(
        password.encode("utf-8"), salt=salt, n=n, r=R, p=P, dklen=_DKLEN, maxmem=_MAXMEM
    )
    return _encode(n, salt, digest)


#: Matches no password (its digest is not scrypt's output for any input we know of);
#: verifying against it costs what verifying a current hash costs.
DUMMY_HASH = _encode(N, bytes(16), bytes(_DKLEN))


def verify_password(password: str, stored: str) -> bool:
    try:
        scheme, n, r, p, salt_b64, hash_b64 = stored.split("$")
        if scheme != "scrypt":
            return False
        salt = base64.b64decode(salt_b64)
        expected = base64.b64decode(hash_b64)
        digest = hashing.scrypt(
            password.encode("utf-8"),
            salt=salt,
            n=int(n),
            r=int(r),
            p=int(p),
            dklen=len(expected),
            maxmem=_MAXMEM,
        )
    except (ValueError, TypeError):
        return False
    return hmac.compare_digest(digest, expected)


def needs_rehash(stored: str) -> bool:
    """True when ``stored`` was made with other parameters than today's (a lower cost)."""
    parts = stored.split("$")
    return len(parts) != 6 or parts[:4] != ["scrypt", str(N), str(R), str(P)]


MIN_LENGTH = 6


def password_problem(password: str) -> str | None:
    """Why a new password is not acceptable, in Chinese; None if it is."""
    if len(password) < MIN_LENGTH:
        return f"密码至少需要{MIN_LENGTH}个字符"
    if password.strip() != password:
        return "密码首尾不能有空格"
    return None
