"""SHA-256 of bulk data and scrypt, through the OpenSSL that ``cryptography`` links in.

The Linux bundle leaves Python's own OpenSSL out (``libcrypto``, ``libssl``, ``_ssl``,
``_hashlib``: 4.8 MB; docs/building.md, "Size"): ``cryptography``, which signs and seals
submissions, brings a second copy linked into its extension. Without ``_hashlib``,
``hashlib.sha256`` is CPython's own implementation, five times slower on the 100 MB of
attachments an export, a verification or an intake hashes, and ``hashlib.scrypt`` does not
exist. So attachments, packages and passwords are hashed here:

- ``sha256(data)``: an object with hashlib's ``update``/``digest``/``hexdigest``;
- ``scrypt(...)``: ``hashlib.scrypt``'s arguments, checks and result (RFC 7914), so hashes
  made before keep verifying. Like ``hashlib.scrypt`` it releases the GIL while it works
  (the login runs it beside the main window's construction; tests/test_hashing.py).

Short inputs (audit records, fingerprints) may keep ``hashlib``: there the builtin is as
fast. ``cryptography`` is imported on first use, not at start-up.
"""

from __future__ import annotations

#: What hashlib's ``update`` takes in this code base.
Buffer = bytes | bytearray | memoryview


class Sha256:
    """A running SHA-256 like ``hashlib.sha256()``: ``digest`` may be read at any time."""

    __slots__ = ("_hash",)

    def __init__(self, data: Buffer = b"") -> None:
        from cryptography.hazmat.primitives import hashes

        self._hash = hashes.Hash(hashes.SHA256())
        if data:
            self._hash.update(data)

    def update(self, data: Buffer) -> None:
        self._hash.update(data)

    def digest(self) -> bytes:
        # finalize() ends a hash; a copy keeps this one open for more updates.
        return self._hash.copy().finalize()

    def hexdigest(self) -> str:
        return self.digest().hex()


def sha256(data: Buffer = b"") -> Sha256:
    return Sha256(data)


def scrypt(
    password: bytes, *, salt: bytes, n: int, r: int, p: int, dklen: int, maxmem: int
) -> bytes:
    """scrypt as ``hashlib.scrypt`` computes it; ValueError for parameters it refuses."""
    if n < 2 or n & (n - 1) or r < 1 or p < 1 or not 1 <= dklen <= 2**32 - 1:
        raise ValueError("invalid scrypt parameters")
    # OpenSSL's own estimate of the memory (its maxmem check in hashlib.scrypt): the
    # 128·r·N work area plus the 128·r·p block buffer and two more blocks of 128·r.
    if 128 * r * (n + p + 2) > maxmem:
        raise ValueError("scrypt: memory limit exceeded")
    from cryptography.hazmat.primitives.kdf.scrypt import Scrypt

    return Scrypt(salt=salt, length=dklen, n=n, r=r, p=p).derive(password)
