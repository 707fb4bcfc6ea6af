"""Ed25519 and AES-256-GCM from OpenSSL's libcrypto, the copy Python's own ``hashlib``
already loads (through ``ctypes``), instead of the ``cryptography`` package.

The app needs four operations: an Ed25519 public key from its 32-byte seed, an Ed25519
signature and its check (RFC 8032, as OpenSSL implements it), and AES-256-GCM with
associated data (the sealed private key). ``cryptography`` brings a second, private copy
of OpenSSL inside a 12 MB Rust library, which is most of what kept the desktop bundle over
its 100 MB; Python's ``_hashlib`` is linked against libcrypto anyway (the bundle ships it
for ``hashlib.scrypt``), so these calls use that one. Requires OpenSSL 1.1.1 or 3.x
(every Python 3.11 build has one of them).
"""

from __future__ import annotations

import ctypes
import sys
import threading
from functools import cache
from pathlib import Path

SEED_SIZE = 32
PUBLIC_SIZE = 32
SIGNATURE_SIZE = 64
TAG_SIZE = 16
_NID_ED25519 = 1087  # obj_mac.h, the same in OpenSSL 1.1.1 and 3.x
_EVP_CTRL_GCM_SET_IVLEN = 0x9
_EVP_CTRL_GCM_GET_TAG = 0x10
_EVP_CTRL_GCM_SET_TAG = 0x11


class CryptoUnavailable(RuntimeError):
    """No usable libcrypto was found (a broken installation)."""


class InvalidTag(ValueError):
    """AES-GCM decryption failed: wrong key, or the data or its associated data changed."""


def _library_path() -> str:
    """The libcrypto that ``_hashlib`` (hashlib's OpenSSL backend) was loaded with."""
    import _hashlib  # loads libcrypto into the process

    if sys.platform == "win32":
        folder = Path(_hashlib.__file__).parent
        found = sorted(folder.glob("libcrypto-*.dll"))
        if found:
            return str(found[-1])
        raise CryptoUnavailable(f"no libcrypto-*.dll beside {_hashlib.__file__}")
    maps = Path("/proc/self/maps")
    if maps.is_file():
        for line in maps.read_text(encoding="utf-8", errors="replace").splitlines():
            fields = line.split(maxsplit=5)
            if len(fields) == 6 and Path(fields[5]).name.startswith("libcrypto.so"):
                return fields[5]
    import ctypes.util

    name = ctypes.util.find_library("crypto")
    if name is None:
        raise CryptoUnavailable("libcrypto not found")
    return name


def _declare(lib: ctypes.CDLL) -> None:
    p, i, sz = ctypes.c_void_p, ctypes.c_int, ctypes.c_size_t
    psz = ctypes.POINTER(ctypes.c_size_t)
    pi = ctypes.POINTER(ctypes.c_int)
    signatures: dict[str, tuple[object, list[object]]] = {
        "EVP_PKEY_new_raw_private_key": (p, [i, p, ctypes.c_char_p, sz]),
        "EVP_PKEY_new_raw_public_key": (p, [i, p, ctypes.c_char_p, sz]),
        "EVP_PKEY_get_raw_public_key": (i, [p, ctypes.c_char_p, psz]),
        "EVP_PKEY_free": (None, [p]),
        "EVP_MD_CTX_new": (p, []),
        "EVP_MD_CTX_free": (None, [p]),
        "EVP_DigestSignInit": (i, [p, p, p, p, p]),
        "EVP_DigestSign": (i, [p, ctypes.c_char_p, psz, ctypes.c_char_p, sz]),
        "EVP_DigestVerifyInit": (i, [p, p, p, p, p]),
        "EVP_DigestVerify": (i, [p, ctypes.c_char_p, sz, ctypes.c_char_p, sz]),
        "EVP_aes_256_gcm": (p, []),
        "EVP_CIPHER_CTX_new": (p, []),
        "EVP_CIPHER_CTX_free": (None, [p]),
        "EVP_CIPHER_CTX_ctrl": (i, [p, i, i, p]),
        "EVP_EncryptInit_ex": (i, [p, p, p, ctypes.c_char_p, ctypes.c_char_p]),
        "EVP_EncryptUpdate": (i, [p, p, pi, ctypes.c_char_p, i]),
        "EVP_EncryptFinal_ex": (i, [p, p, pi]),
        "EVP_DecryptInit_ex": (i, [p, p, p, ctypes.c_char_p, ctypes.c_char_p]),
        "EVP_DecryptUpdate": (i, [p, p, pi, ctypes.c_char_p, i]),
        "EVP_DecryptFinal_ex": (i, [p, p, pi]),
        "ERR_clear_error": (None, []),
    }
    for name, (restype, argtypes) in signatures.items():
        function = getattr(lib, name)
        function.restype = restype
        function.argtypes = argtypes


_loading = threading.Lock()


@cache
def _lib() -> ctypes.CDLL:
    with _loading:
        path = _library_path()
        try:
            lib = ctypes.CDLL(path)
            _declare(lib)
        except (OSError, AttributeError) as error:
            raise CryptoUnavailable(f"{path}: {error}") from error
        return lib


def _failed(what: str) -> CryptoUnavailable:
    # OpenSSL leaves its reasons on the thread's error queue; hashlib would read them
    # later as its own.
    _lib().ERR_clear_error()
    return CryptoUnavailable(f"OpenSSL: {what} failed")


def _pkey(seed: bytes | None = None, public: bytes | None = None) -> int:
    lib = _lib()
    if seed is not None:
        if len(seed) != SEED_SIZE:
            raise ValueError("an Ed25519 private key is 32 bytes")
        key = lib.EVP_PKEY_new_raw_private_key(_NID_ED25519, None, seed, SEED_SIZE)
    else:
        assert public is not None
        if len(public) != PUBLIC_SIZE:
            raise ValueError("an Ed25519 public key is 32 bytes")
        key = lib.EVP_PKEY_new_raw_public_key(_NID_ED25519, None, public, PUBLIC_SIZE)
    if not key:
        lib.ERR_clear_error()
        raise ValueError("not an Ed25519 key")
    return int(key)


def ed25519_public(seed: bytes) -> bytes:
    """The 32-byte public key of the private key ``seed``."""
    lib = _lib()
    key = _pkey(seed=seed)
    try:
        out = ctypes.create_string_buffer(PUBLIC_SIZE)
        size = ctypes.c_size_t(PUBLIC_SIZE)
        if lib.EVP_PKEY_get_raw_public_key(key, out, ctypes.byref(size)) != 1:
            raise _failed("EVP_PKEY_get_raw_public_key")
        return out.raw[: size.value]
    finally:
        lib.EVP_PKEY_free(key)


def ed25519_sign(seed: bytes, message: bytes) -> bytes:
    """The 64-byte Ed25519 signature of ``message`` by the private key ``seed``."""
    lib = _lib()
    key = _pkey(seed=seed)
    ctx = lib.EVP_MD_CTX_new()
    try:
        if not ctx or lib.EVP_DigestSignInit(ctx, None, None, None, key) != 1:
            raise _failed("EVP_DigestSignInit")
        out = ctypes.create_string_buffer(SIGNATURE_SIZE)
        size = ctypes.c_size_t(SIGNATURE_SIZE)
        if lib.EVP_DigestSign(ctx, out, ctypes.byref(size), message, len(message)) != 1:
            raise _failed("EVP_DigestSign")
        return out.raw[: size.value]
    finally:
        lib.EVP_MD_CTX_free(ctx)
        lib.EVP_PKEY_free(key)


def ed25519_verify(public: bytes, signature: bytes, message: bytes) -> bool:
    """Whether ``signature`` is a valid signature of ``message`` by ``public``."""
    lib = _lib()
    key = _pkey(public=public)
    ctx = lib.EVP_MD_CTX_new()
    try:
        if not ctx or lib.EVP_DigestVerifyInit(ctx, None, None, None, key) != 1:
            raise _failed("EVP_DigestVerifyInit")
        result = lib.EVP_DigestVerify(ctx, signature, len(signature), message, len(message))
        if result != 1:
            lib.ERR_clear_error()  # a bad signature leaves a reason on the queue
        return bool(result == 1)
    finally:
        lib.EVP_MD_CTX_free(ctx)
        lib.EVP_PKEY_free(key)


def _gcm(
    encrypt: bool, key: bytes, nonce: bytes, data: bytes, associated: bytes, tag: bytes = b""
) -> bytes:
    if len(key) != 32:
        raise ValueError("AES-256-GCM needs a 32-byte key")
    if not 8 <= len(nonce) <= 128:
        raise ValueError("AES-GCM nonce of unusual length")
    lib = _lib()
    init, update, final = (
        (lib.EVP_EncryptInit_ex, lib.EVP_EncryptUpdate, lib.EVP_EncryptFinal_ex)
        if encrypt
        else (lib.EVP_DecryptInit_ex, lib.EVP_DecryptUpdate, lib.EVP_DecryptFinal_ex)
    )
    ctx = lib.EVP_CIPHER_CTX_new()
    try:
        if not ctx or init(ctx, lib.EVP_aes_256_gcm(), None, None, None) != 1:
            raise _failed("EVP_CipherInit (AES-256-GCM)")
        if lib.EVP_CIPHER_CTX_ctrl(ctx, _EVP_CTRL_GCM_SET_IVLEN, len(nonce), None) != 1:
            raise _failed("setting the GCM nonce length")
        if init(ctx, None, None, key, nonce) != 1:
            raise _failed("EVP_CipherInit (key)")
        written = ctypes.c_int(0)
        count = ctypes.byref(written)
        if associated and update(ctx, None, count, associated, len(associated)) != 1:
            raise _failed("GCM associated data")
        out = ctypes.create_string_buffer(len(data) + 16)
        if update(ctx, out, count, data, len(data)) != 1:
            raise _failed("GCM update")
        total = written.value
        if not encrypt:
            tag_buffer = ctypes.create_string_buffer(tag, TAG_SIZE)
            if lib.EVP_CIPHER_CTX_ctrl(ctx, _EVP_CTRL_GCM_SET_TAG, TAG_SIZE, tag_buffer) != 1:
                raise _failed("setting the GCM tag")
        tail = ctypes.cast(ctypes.byref(out, total), ctypes.c_void_p)
        if final(ctx, tail, count) != 1:
            lib.ERR_clear_error()
            if encrypt:
                raise CryptoUnavailable("OpenSSL: GCM final failed")
            raise InvalidTag("AES-GCM tag does not match")
        total += written.value
        result = out.raw[:total]
        if encrypt:
            tag_buffer = ctypes.create_string_buffer(TAG_SIZE)
            if lib.EVP_CIPHER_CTX_ctrl(ctx, _EVP_CTRL_GCM_GET_TAG, TAG_SIZE, tag_buffer) != 1:
                raise _failed("reading the GCM tag")
            result += tag_buffer.raw
        return result
    finally:
        lib.EVP_CIPHER_CTX_free(ctx)


def aes256gcm_encrypt(key: bytes, nonce: bytes, plaintext: bytes, associated: bytes) -> bytes:
    """Ciphertext followed by the 16-byte tag (the layout ``cryptography``'s AESGCM uses)."""
    return _gcm(True, key, nonce, plaintext, associated)


def aes256gcm_decrypt(key: bytes, nonce: bytes, sealed: bytes, associated: bytes) -> bytes:
    """The plaintext of ``aes256gcm_encrypt``'s output; InvalidTag when it does not open."""
    if len(sealed) < TAG_SIZE:
        raise InvalidTag("AES-GCM data shorter than its tag")
    return _gcm(False, key, nonce, sealed[:-TAG_SIZE], associated, sealed[-TAG_SIZE:])
