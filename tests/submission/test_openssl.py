"""Ed25519 and AES-256-GCM through OpenSSL's libcrypto: the published test vectors, keys
sealed by the earlier ``cryptography``-based code still open, and tampering is caught."""

from __future__ import annotations

import hashlib

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.submission import openssl
from gwgk_desktop.submission.errors import WrongPassphrase
from gwgk_desktop.submission.keys import KeyPair, load_public, unseal, verify

# RFC 8032, section 7.1, TEST 1 and TEST 3: (secret key, public key, message, signature).
RFC8032 = [
    (
        "9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60",
        "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a",
        "",
        "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e06522490155"
        "5fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b",
    ),
    (
        "c5aa8df43f9f837bedb7442f31dcb7b166d38535076f094b85ce3a2e0b4458f7",
        "fc51cd8e6218a1a38da47ed00230f0580816ed13ba3303ac5deb911548908025",
        "af82",
        "6291d657deec24024827e69c3abe01a30ce548a284743a445e3680d7db5ac3ac"
        "18ff9b538d16f290ae67f760984dc6594a7c15e9716ed28dc027beceea1ec40a",
    ),
]

# The GCM specification's test case 16 (AES-256, 60-byte text, 20 bytes of associated data).
GCM_KEY = bytes.fromhex("feffe9928665731c6d6a8f9467308308" * 2)
GCM_NONCE = bytes.fromhex("cafebabefacedbaddecaf888")
GCM_AAD = bytes.fromhex("feedfacedeadbeeffeedfacedeadbeefabaddad2")
GCM_PLAIN = bytes.fromhex(
    "d9313225f88406e5a55909c5aff5269a86a7a9531534f7da2e4c303d8a318a72"
    "1c3c0c95956809532fcf0e2449a6b525b16aedf5aa0de657ba637b39"
)
GCM_SEALED = bytes.fromhex(
    "522dc1f099567d07f47f37a32a84427d643a8cdcbfe5c0c97598a2bd2555d1aa"
    "8cb08e48590dbb3da7b08b1056828838c5f61e6393ba7a0abcc9f662"
    "76fc6ece0f4e1768cddf8853bb2d551b"
)

# Sealed (passphrase "口令passphrase", scrypt n=1024) and used to sign b"message" by the
# cryptography-based keys.py this module replaced: stations' keys made before still open.
OLD_SEALED = {
    "format": "gwgk-sealed-key",
    "format_version": 1,
    "algorithm": "ed25519",
    "key_id": "9209c29c41737c0c",
    "public_key": "56801817b30e86f937dea16aba0d6f418353a6efb897df70d1ecdb8ca97b2055",
    "kdf": {
        "name": "scrypt",
        "salt": "aa1c07605bfbd2541995548bef388fde",
        "n": 1024,
        "r": 8,
        "p": 1,
    },
    "cipher": {"name": "aes-256-gcm", "nonce": "c5d81a1275deb6c906db7e25"},
    "ciphertext": "483760bbaa44d6a1bd578a9cf4ab05ddc2529454459b3d7678b0b1938c4f7860"
    "b822c4074c82a59c51b84017e77b6634",
}
OLD_SIGNATURE = bytes.fromhex(
    "9e5ec1b94a4f7329257c741751956143386896e05a695b845e0a005090e37b96"
    "081d6939106a69d0806e13b6ac06d872c3de5f568804ee7309cc4713338cca0b"
)


@pytest.mark.parametrize(("secret", "public", "message", "signature"), RFC8032)
def test_rfc8032_vectors(secret: str, public: str, message: str, signature: str) -> None:
    seed, msg = bytes.fromhex(secret), bytes.fromhex(message)
    assert openssl.ed25519_public(seed).hex() == public
    assert openssl.ed25519_sign(seed, msg).hex() == signature
    assert openssl.ed25519_verify(bytes.fromhex(public), bytes.fromhex(signature), msg)
    assert not openssl.ed25519_verify(bytes.fromhex(public), bytes.fromhex(signature), msg + b"x")


def test_gcm_vector_and_tampering() -> None:
    assert openssl.aes256gcm_encrypt(GCM_KEY, GCM_NONCE, GCM_PLAIN, GCM_AAD) == GCM_SEALED
    assert openssl.aes256gcm_decrypt(GCM_KEY, GCM_NONCE, GCM_SEALED, GCM_AAD) == GCM_PLAIN
    flipped = bytearray(GCM_SEALED)
    flipped[3] ^= 1
    for key, sealed, aad in [
        (GCM_KEY, bytes(flipped), GCM_AAD),  # the ciphertext changed
        (GCM_KEY, GCM_SEALED, GCM_AAD[:-1]),  # the associated data changed
        (bytes(32), GCM_SEALED, GCM_AAD),  # another key
        (GCM_KEY, GCM_SEALED[:10], GCM_AAD),  # cut short, shorter than a tag
    ]:
        with pytest.raises(openssl.InvalidTag):
            openssl.aes256gcm_decrypt(key, GCM_NONCE, sealed, aad)


def test_key_sealed_by_the_previous_implementation_still_opens() -> None:
    pair = unseal(OLD_SEALED, "口令passphrase")
    assert pair.public.hex() == OLD_SEALED["public_key"]
    assert pair.sign(b"message") == OLD_SIGNATURE
    assert verify(load_public(OLD_SEALED["public_key"]), OLD_SIGNATURE, b"message")
    with pytest.raises(WrongPassphrase):
        unseal(OLD_SEALED, "口令passphrasf")


def test_errors_leave_nothing_for_hashlib() -> None:
    """A failed check must not leave OpenSSL errors that Python's hashlib (same library)
    would report later as its own."""
    public = openssl.ed25519_public(bytes(32))
    assert not openssl.ed25519_verify(public, bytes(64), b"m")
    with pytest.raises(openssl.InvalidTag):
        openssl.aes256gcm_decrypt(GCM_KEY, GCM_NONCE, bytes(40), b"")
    # RFC 7914's first scrypt vector, then a digest: hashlib still works and raises nothing.
    assert hashlib.scrypt(b"", salt=b"", n=16, r=1, p=1, dklen=16).hex() == (
        "77d6576238657b203b19ca42c18a0497"
    )
    assert hashlib.sha256(b"abc").hexdigest().startswith("ba7816bf")


def test_wrong_sizes_are_refused() -> None:
    with pytest.raises(ValueError):
        openssl.ed25519_public(bytes(31))
    with pytest.raises(ValueError):
        openssl.ed25519_verify(bytes(33), bytes(64), b"")
    with pytest.raises(ValueError):
        openssl.aes256gcm_encrypt(bytes(16), GCM_NONCE, b"", b"")


@given(st.binary(max_size=300), st.binary(max_size=40), st.binary(min_size=32, max_size=32))
def test_round_trips(message: bytes, aad: bytes, seed: bytes) -> None:
    pair = KeyPair(seed)
    signature = pair.sign(message)
    assert len(signature) == openssl.SIGNATURE_SIZE
    assert verify(load_public(pair.public.hex()), signature, message)
    forged = bytes([signature[0] ^ 0x80]) + signature[1:]
    assert not verify(load_public(pair.public.hex()), forged, message)
    sealed = openssl.aes256gcm_encrypt(seed, GCM_NONCE, message, aad)
    assert len(sealed) == len(message) + openssl.TAG_SIZE
    assert openssl.aes256gcm_decrypt(seed, GCM_NONCE, sealed, aad) == message
