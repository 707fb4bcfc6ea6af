"""Reference templates signed by the city bureau.

A signed template is one JSON document (TUF's layout): ``signed`` holds the template and
who signed it when; ``signature`` is Ed25519 over the canonical JSON of ``signed``, by a
bureau key. The ``purpose`` field inside the signed part keeps such a signature from ever
passing for a package signature (whose signed bytes must be a package manifest).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from gwgk_desktop.submission import canonical
from gwgk_desktop.submission.errors import KeyProblem
from gwgk_desktop.submission.keys import KeyPair, load_public, verify
from gwgk_desktop.submission.registry import BUREAU, KeyRecord, now_text

SIGNED_TEMPLATE_FORMAT = "gwgk-signed-template"
PURPOSE = "gwgk-reference-template"
SUFFIX = ".gwgkt"
MAX_SIGNED_TEMPLATE = 16 * 1024 * 1024


class TemplateSignatureError(KeyProblem):
    """A signed template that is malformed or does not verify against a trusted key."""


@dataclass(frozen=True)
class SignedTemplate:
    payload: dict[str, Any]
    key_id: str
    issuer: str
    signed_at: str


def sign_template(payload: dict[str, Any], pair: KeyPair, issuer: str) -> bytes:
    signed = {
        "purpose": PURPOSE,
        "issuer": issuer,
        "key_id": pair.key_id,
        "signed_at": now_text(),
        "template": payload,
    }
    document = {
        "format": SIGNED_TEMPLATE_FORMAT,
        "format_version": 1,
        "signed": signed,
        "signature": {
            "algorithm": "ed25519",
            "key_id": pair.key_id,
            "value": pair.sign(canonical.encode(signed)).hex(),
        },
    }
    return canonical.encode(document)


def _bad(message: str, english: str) -> TemplateSignatureError:
    return TemplateSignatureError(message, english)


def open_signed_template(data: bytes, trusted: list[KeyRecord]) -> SignedTemplate:
    """The template inside ``data`` if its signature verifies against one of the trusted
    (bureau) keys; TemplateSignatureError saying why not otherwise."""
    if len(data) > MAX_SIGNED_TEMPLATE:
        raise _bad("参考范本文件太大", "signed template too large")
    try:
        document = canonical.parse(data, floats=True)
        if document.get("format") != SIGNED_TEMPLATE_FORMAT:
            raise _bad("这不是市局签发的参考范本文件（.gwgkt）", "not a signed template")
        if document.get("format_version") != 1:
            raise _bad("参考范本文件的格式版本不受支持，请升级程序", "unsupported version")
        signed = document["signed"]
        signature = document["signature"]
        kid = signature["key_id"]
        value = bytes.fromhex(signature["value"])
        if signature.get("algorithm") != "ed25519" or not isinstance(signed, dict):
            raise _bad("参考范本的签名算法不受支持", "unsupported algorithm")
    except canonical.NotJson as error:
        raise _bad("参考范本文件不是有效的JSON", f"not JSON: {error}") from error
    except (KeyError, TypeError, ValueError, AttributeError) as error:
        raise _bad("参考范本文件缺少签名或格式不对", "malformed signed template") from error
    if not trusted:
        raise _bad(
            "本单位尚未设置市局公钥，无法核验参考范本；请管理员先在“签名密钥”中设置市局公钥",
            "no bureau key configured",
        )
    record = next((r for r in trusted if r.key_id == kid and r.owner == BUREAU), None)
    if record is None or record.revoked:
        raise _bad(
            f"参考范本由密钥 {kid} 签发，不是本单位设置的市局公钥，不能导入",
            f"signed by {kid}, not a configured bureau key",
        )
    if not verify(load_public(record.public_key), value, canonical.encode(signed)):
        raise _bad("参考范本的签名无效（文件被改动或不是市局签发），不能导入", "bad signature")
    if signed.get("purpose") != PURPOSE or signed.get("key_id") != kid:
        raise _bad("参考范本的签名内容不符", "signed part does not describe a template")
    payload = signed.get("template")
    if not isinstance(payload, dict):
        raise _bad("参考范本文件中没有范本内容", "no template in the signed part")
    return SignedTemplate(payload, kid, str(signed.get("issuer", "")), str(signed.get("signed_at")))
