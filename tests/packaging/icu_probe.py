"""Asks ICU what Qt asks it, and prints the answers as JSON: collation sort keys (QCollator),
converters (QStringDecoder), time zone names (QTimeZone) and case mapping (QString).

    python3 icu_probe.py FOLDER    # FOLDER holds libicudata, libicuuc and libicui18n .so.73

Run in a fresh process by test_icu.py, once on the wheel's full ICU and once on the bundle's
smaller data library, to compare the answers."""

from __future__ import annotations

import ctypes
import json
import sys

NAMES = ["张三", "李四", "重庆", "长安", "银行", "行人", "北京", "上海", "𠀀", "Zebra", "apple"]
NAMES += ["Äpfel", "10号", "9号"]
TEXT = "政务公开目录 北京市公安局 € abc é"
CHARSETS = ["GB18030", "GBK", "GB2312", "windows-936", "EUC-CN", "UTF-8", "ISO-8859-1"]
CHARSETS += ["windows-1252", "ISO-8859-15", "Big5", "Shift_JIS"]
ZONES = ["Asia/Shanghai", "America/New_York", "Europe/Berlin", "UTC", "Australia/Sydney"]


def u16(text: str) -> bytes:
    return text.encode("utf-16-le")


def main(folder: str) -> dict[str, object]:
    for name in ("libicudata.so.73", "libicuuc.so.73", "libicui18n.so.73"):
        ctypes.CDLL(f"{folder}/{name}", mode=ctypes.RTLD_GLOBAL)
    uc = ctypes.CDLL(f"{folder}/libicuuc.so.73")
    i18n = ctypes.CDLL(f"{folder}/libicui18n.so.73")
    i18n.ucol_open_73.restype = ctypes.c_void_p
    uc.ucnv_open_73.restype = ctypes.c_void_p
    i18n.ucal_open_73.restype = ctypes.c_void_p
    answers: dict[str, object] = {}
    for locale in ("zh_CN", "zh", "zh-Hans-CN", "en_US", "en", "", "C"):
        err = ctypes.c_int(0)
        collator = ctypes.c_void_p(i18n.ucol_open_73(locale.encode(), ctypes.byref(err)))
        keys = []
        for name in NAMES:
            buf = ctypes.create_string_buffer(512)
            size = i18n.ucol_getSortKey_73(collator, u16(name), len(u16(name)) // 2, buf, 512)
            keys.append(buf.raw[:size].hex())
        answers[f"collation {locale}"] = keys
    for charset in CHARSETS:
        err = ctypes.c_int(0)
        converter = ctypes.c_void_p(uc.ucnv_open_73(charset.encode(), ctypes.byref(err)))
        encoded = None
        if converter.value:
            buf = ctypes.create_string_buffer(400)
            size = uc.ucnv_fromUChars_73(
                converter, buf, 400, u16(TEXT), len(u16(TEXT)) // 2, ctypes.byref(err)
            )
            encoded = buf.raw[:size].hex()
        answers[f"converter {charset}"] = encoded
    for zone in ZONES:
        for locale in ("zh_CN", "zh", "en_US", "en", "C"):
            err = ctypes.c_int(0)
            calendar = ctypes.c_void_p(
                i18n.ucal_open_73(u16(zone) + bytes(2), -1, locale.encode(), 0, ctypes.byref(err))
            )
            shown = []
            for kind in range(4):  # standard, short standard, daylight, short daylight
                buf = ctypes.create_string_buffer(256)
                size = i18n.ucal_getTimeZoneDisplayName_73(
                    calendar, kind, locale.encode(), buf, 128, ctypes.byref(err)
                )
                shown.append(buf.raw[: 2 * max(size, 0)].decode("utf-16-le"))
            answers[f"zone {zone} {locale}"] = shown
    word = "İstanbul ıi ß Ελλάδα"
    for locale in ("", "tr", "zh_CN", "lt"):
        for function in ("u_strToUpper_73", "u_strToLower_73"):
            buf, err = ctypes.create_string_buffer(256), ctypes.c_int(0)
            size = getattr(uc, function)(
                buf, 128, u16(word), len(u16(word)) // 2, locale.encode(), ctypes.byref(err)
            )
            answers[f"{function} {locale}"] = buf.raw[: 2 * size].decode("utf-16-le")
    return answers


if __name__ == "__main__":
    print(json.dumps(main(sys.argv[1]), ensure_ascii=False))
