"""Why a package, a key file or a registry was refused: one ``Failure`` code per reason,
each with a one-line Chinese message (and English for the CLI)."""

from __future__ import annotations

from enum import StrEnum

from gwgk_desktop.errors import UserError


class Failure(StrEnum):
    """The reasons a verification fails; the code is part of the specification."""

    NOT_A_PACKAGE = "not-a-package"
    TRUNCATED = "truncated"
    ZIP_STRUCTURE = "zip-structure"
    BAD_ENTRY_NAME = "bad-entry-name"
    TOO_LARGE = "too-large"
    ZIP_BOMB = "zip-bomb"
    MISSING_MANIFEST = "missing-manifest"
    MISSING_SIGNATURE = "missing-signature"
    MANIFEST_INVALID = "manifest-invalid"
    MANIFEST_NOT_CANONICAL = "manifest-not-canonical"
    UNKNOWN_VERSION = "unknown-version"
    SIGNATURE_INVALID = "signature-invalid"
    UNKNOWN_KEY = "unknown-key"
    REVOKED_KEY = "revoked-key"
    BAD_SIGNATURE = "bad-signature"
    KEY_NOT_FOR_STATION = "key-not-for-station"
    MISSING_FILE = "missing-file"
    EXTRA_FILE = "extra-file"
    ALTERED_FILE = "altered-file"
    COUNTS_MISMATCH = "counts-mismatch"
    REPLAY = "replay"


class PackageError(UserError):
    """A package that failed verification; ``failure`` says which check refused it."""

    exit_code = 10

    def __init__(self, failure: Failure, message: str, english: str = "") -> None:
        super().__init__(message, english or failure.value)
        self.failure = failure


class KeyProblem(UserError):
    """A key, key file, passphrase or registry problem (not a package failure)."""

    exit_code = 11


class WrongPassphrase(KeyProblem):
    pass


class RegistryError(KeyProblem):
    pass


class StateFileError(UserError):
    exit_code = 12
