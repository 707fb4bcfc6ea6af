"""Ed25519 keys: generation, key ids, human-comparable fingerprints, and private keys
sealed with a passphrase (scrypt, then AES-256-GCM), the way minisign and age keep
secret keys at rest.

``key_id`` is the first 8 bytes of SHA-256 over the 32 raw public-key bytes, in lower-case
hex (16 characters): short enough to name in every package. The fingerprint is the first
20 bytes of the same digest in upper-case hex, in ten groups of four, printed in large type
on the key-registration form so a person can compare it with what the bureau's computer
shows.
"""

from __future__ import annotations

import hashlib
import secrets
from dataclasses import dataclass
from typing import Any

from cryptography.exceptions import InvalidSignature, InvalidTag
from cryptography.hazmat.primitives.asymmetric.ed25519 import (
    Ed25519PrivateKey,
    Ed25519PublicKey,
)
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from gwgk_desktop import hashing
from gwgk_desktop.domain.digests import grouped
from gwgk_desktop.submission.errors import KeyProblem, WrongPassphrase

SEALED_FORMAT = "gwgk-sealed-key"
SCRYPT_N = 2**15
SCRYPT_R = 8
SCRYPT_P = 1
MIN_PASSPHRASE = 8


def public_bytes(key: Ed25519PublicKey) -> bytes:
    return key.public_bytes(Encoding.Raw, PublicFormat.Raw)


def key_id(public: bytes) -> str:
    return hashlib.sha256(public).hexdigest()[:16]


def fingerprint(public: bytes) -> str:
    return grouped(hashlib.sha256(public).hexdigest()[:40].upper(), 4)


def load_public(hex_text: object) -> Ed25519PublicKey:
    """A public key from its 64 lower-case hex characters."""
    if not isinstance(hex_text, str) or len(hex_text) != 64 or hex_text != hex_text.lower():
        raise KeyProblem("公钥格式不正确（应为64位小写十六进制）", "bad public key hex")
    try:
        return Ed25519PublicKey.from_public_bytes(bytes.fromhex(hex_text))
    except ValueError as error:
        raise KeyProblem("公钥格式不正确", "bad public key") from error


def verify(public: Ed25519PublicKey, signature: bytes, message: bytes) -> bool:
    try:
        public.verify(signature, message)
    except InvalidSignature:
        return False
    return True


def passphrase_problem(passphrase: str) -> str | None:
    """Why a new passphrase is refused, or None."""
    if len(passphrase) < MIN_PASSPHRASE:
        return f"密钥口令至少{MIN_PASSPHRASE}个字符"
    if passphrase.strip() != passphrase:
        return "密钥口令首尾不能有空格"
    return None


def strength(passphrase: str) -> tuple[int, str]:
    """A rough 0..4 score and a Chinese hint (for the GUI's strength line)."""
    if not passphrase:
        return 0, "请输入口令"
    classes = sum(
        any(test(ch) for ch in passphrase)
        for test in (str.islower, str.isupper, str.isdigit, lambda c: not c.isalnum())
    )
    cjk = any("\u4e00" <= ch <= "\u9fff" for ch in passphrase)
    length = len(passphrase) * (2 if cjk else 1)
    if length < MIN_PASSPHRASE:
        return 0, f"太短：至少{MIN_PASSPHRASE}个字符"
    score = min(4, (length >= 10) + (length >= 14) + (classes >= 2) + (classes >= 3 or cjk))
    hints = {
        0: "很弱：请加长并混用字母、数字和符号",
        1: "弱：建议更长一些，或混用字母、数字和符号",
        2: "一般：可以使用，更长会更安全",
        3: "较强",
        4: "强",
    }
    return score, hints[score]


def _kek(passphrase: str, salt: bytes, n: int, r: int, p: int) -> bytes:
    return hashing.scrypt(
        passphrase.encode("utf-8"), salt=salt, n=n, r=r, p=p, dklen=32, maxmem=256 * 1024 * 1024
    )


@dataclass(frozen=True)
class KeyPair:
    """A private key in memory (only while signing) with its public half."""

    private: Ed25519PrivateKey

    @property
    def public(self) -> bytes:
        return public_bytes(self.private.public_key())

    @property
    def key_id(self) -> str:
        return key_id(self.public)

    @property
    def fingerprint(self) -> str:
        return fingerprint(self.public)

    def sign(self, message: bytes) -> bytes:
        return self.private.sign(message)

    @classmethod
    def generate(cls) -> KeyPair:
        return cls(Ed25519PrivateKey.generate())


def seal(pair: KeyPair, passphrase: str, *, n: int = SCRYPT_N) -> dict[str, Any]:
    """The private key encrypted with ``passphrase``, as a JSON-ready dict. The key id is
    authenticated data, so a sealed key cannot be relabelled as another."""
    salt = secrets.token_bytes(16)
    nonce = secrets.token_bytes(12)
    seed = pair.private.private_bytes_raw()
    kid = pair.key_id
    ciphertext = AESGCM(_kek(passphrase, salt, n, SCRYPT_R, SCRYPT_P)).encrypt(
        nonce, seed, kid.encode("ascii")
    )
    return {
        "format": SEALED_FORMAT,
        "format_version": 1,
        "algorithm": "ed25519",
        "key_id": kid,
        "public_key": pair.public.hex(),
        "kdf": {"name": "scrypt", "salt": salt.hex(), "n": n, "r": SCRYPT_R, "p": SCRYPT_P},
        "cipher": {"name": "aes-256-gcm", "nonce": nonce.hex()},
        "ciphertext": ciphertext.hex(),
    }


def unseal(sealed: Any, passphrase: str) -> KeyPair:
    """Decrypt a sealed key; WrongPassphrase if the passphrase does not open it."""
    try:
        if sealed["format"] != SEALED_FORMAT or sealed["format_version"] != 1:
            raise KeyProblem("密钥文件格式不受支持", "unsupported sealed key format")
        kdf = sealed["kdf"]
        if kdf["name"] != "scrypt" or sealed["cipher"]["name"] != "aes-256-gcm":
            raise KeyProblem("密钥文件的加密方式不受支持", "unsupported key encryption")
        n, r, p = int(kdf["n"]), int(kdf["r"]), int(kdf["p"])
        if not (2**10 <= n <= 2**20 and 1 <= r <= 32 and 1 <= p <= 16):
            raise KeyProblem("密钥文件的加密参数不合理", "unreasonable scrypt parameters")
        salt = bytes.fromhex(kdf["salt"])
        nonce = bytes.fromhex(sealed["cipher"]["nonce"])
        ciphertext = bytes.fromhex(sealed["ciphertext"])
        kid = sealed["key_id"]
        public_hex = sealed["public_key"]
    except (KeyError, TypeError, ValueError) as error:
        raise KeyProblem("密钥文件已损坏或格式不对", "malformed sealed key") from error
    try:
        seed = AESGCM(_kek(passphrase, salt, n, r, p)).decrypt(nonce, ciphertext, kid.encode())
    except InvalidTag as error:
        raise WrongPassphrase("密钥口令不正确", "wrong key passphrase") from error
    pair = KeyPair(Ed25519PrivateKey.from_private_bytes(seed))
    if pair.key_id != kid or pair.public.hex() != public_hex:
        raise KeyProblem("密钥文件内容不一致（可能被改动）", "sealed key does not match its id")
    return pair
