"""``hashing``: SHA-256 and scrypt through cryptography give hashlib's results, so
packages, attachments and stored passwords made before keep verifying."""

from __future__ import annotations

import base64
import hashlib
import threading
import time

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop import hashing
from gwgk_desktop.services import passwords


@given(st.lists(st.binary(max_size=3000), max_size=6))
def test_sha256_matches_hashlib_chunk_by_chunk(chunks: list[bytes]) -> None:
    ours, theirs = hashing.sha256(), hashlib.sha256()
    for chunk in chunks:
        ours.update(memoryview(chunk))
        theirs.update(chunk)
        # hashlib lets a digest be read midway and the hash go on: so must ours.
        assert ours.hexdigest() == theirs.hexdigest()
    assert ours.digest() == theirs.digest()
    assert hashing.sha256(b"".join(chunks)).hexdigest() == theirs.hexdigest()


def test_scrypt_gives_rfc_7914s_test_vector() -> None:
    derived = hashing.scrypt(b"password", salt=b"NaCl", n=1024, r=8, p=16, dklen=64, maxmem=2**25)
    assert derived.hex() == (
        "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b373162"
        "2eaf30d92e22a3886ff109279d9830dac727afb94a83ee6d8360cbdfa2cc0640"
    )


@given(
    password=st.binary(max_size=40),
    salt=st.binary(min_size=1, max_size=32),
    log_n=st.integers(1, 8),
    r=st.integers(1, 4),
    p=st.integers(1, 3),
    dklen=st.integers(1, 80),
)
def test_scrypt_matches_hashlib(
    password: bytes, salt: bytes, log_n: int, r: int, p: int, dklen: int
) -> None:
    ours = hashing.scrypt(password, salt=salt, n=2**log_n, r=r, p=p, dklen=dklen, maxmem=2**24)
    theirs = hashlib.scrypt(password, salt=salt, n=2**log_n, r=r, p=p, dklen=dklen, maxmem=2**24)
    assert ours == theirs


def _both(n: int = 16, r: int = 8, p: int = 1, dklen: int = 32, maxmem: int = 2**20) -> None:
    """scrypt by hashlib and by ``hashing`` with these parameters: each raises ValueError."""
    with pytest.raises(ValueError):
        hashlib.scrypt(b"pw", salt=b"s", n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)
    with pytest.raises(ValueError):
        hashing.scrypt(b"pw", salt=b"s", n=n, r=r, p=p, dklen=dklen, maxmem=maxmem)


def test_scrypt_refuses_what_hashlib_refuses() -> None:
    _both(n=15)
    _both(n=1)
    _both(r=0)
    _both(p=0)
    _both(dklen=0)
    _both(n=2**20)
    # The memory limit is OpenSSL's: exactly at it passes, one byte less does not.
    at_limit = 128 * 8 * (1024 + 1 + 2)
    for scrypt in (hashlib.scrypt, hashing.scrypt):
        scrypt(b"pw", salt=b"s", n=1024, r=8, p=1, dklen=32, maxmem=at_limit)
    _both(n=1024, maxmem=at_limit - 1)


def test_a_password_hashed_with_hashlib_still_verifies() -> None:
    # What every operator's stored hash was made with before: hashlib.scrypt.
    salt = bytes(range(16))
    digest = hashlib.scrypt(
        "录入员密码1".encode(), salt=salt, n=2**14, r=8, p=1, dklen=32, maxmem=2**28
    )
    stored = "$".join(
        ["scrypt", str(2**14), "8", "1", base64.b64encode(salt).decode(),
         base64.b64encode(digest).decode()]
    )  # fmt: skip
    assert passwords.verify_password("录入员密码1", stored)
    assert not passwords.verify_password("录入员密码2", stored)
    assert passwords.needs_rehash(stored)
    fresh = passwords.hash_password("录入员密码1")
    assert passwords.verify_password("录入员密码1", fresh) and not passwords.needs_rehash(fresh)


def test_a_stored_hash_with_an_absurd_cost_is_refused_not_computed() -> None:
    assert not passwords.verify_password("x", "scrypt$1099511627776$8$1$AAAA$AAAA")


def _count_to(limit: int) -> None:
    count = 0
    while count < limit:
        count += 1


def test_scrypt_lets_other_threads_run() -> None:
    # The login hashes its password in a worker thread while the main window is built:
    # scrypt must not hold the GIL (hashlib.scrypt does not). The main thread does Python
    # work that takes a fifth of one scrypt: with the GIL held by scrypt it could finish
    # only after scrypt; released, long before (even with both threads on one core).
    def slow_scrypt() -> None:
        hashing.scrypt(b"pw", salt=b"salt", n=2**16, r=8, p=1, dklen=32, maxmem=2**28)

    begin = time.perf_counter()
    slow_scrypt()
    alone = time.perf_counter() - begin
    begin = time.perf_counter()
    _count_to(100_000)
    limit = int(100_000 * alone / 5 / (time.perf_counter() - begin))

    started = threading.Event()

    def work() -> None:
        started.set()
        slow_scrypt()

    worker = threading.Thread(target=work)
    worker.start()
    started.wait()
    _count_to(limit)
    still_hashing = worker.is_alive()
    worker.join()
    assert still_hashing
