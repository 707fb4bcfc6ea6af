"""索引号 (information-disclosure index number): ``<organisation code>/<year>-<serial>``.

The front part is the publishing body's organisation code; the back part is the 4-digit
year, a hyphen and a 5-digit serial, e.g. ``000014349/2018-00222``. Numbers are unique and
permanent: the store allocates serials from a counter that only ever grows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

MAX_SERIAL = 99999
_PATTERN = re.compile(r"^(?P<org>[0-9A-Z][0-9A-Z-]{4,17})/(?P<year>\d{4})-(?P<serial>\d{5})$")


@dataclass(frozen=True, order=True)
class IndexNumber:
    org_code: str
    year: int
    serial: int

    def __post_init__(self) -> None:
        if not 1 <= self.serial <= MAX_SERIAL:
            raise ValueError(f"serial {self.serial} out of range 1..{MAX_SERIAL}")
        if not 1000 <= self.year <= 9999:
            raise ValueError(f"year {self.year} is not four digits")

    def __str__(self) -> str:
        return f"{self.org_code}/{self.year:04d}-{self.serial:05d}"

    @classmethod
    def parse(cls, text: str) -> IndexNumber:
        match = _PATTERN.match(text.strip())
        if not match:
            raise ValueError(f"索引号格式不正确：{text!r}（应如 000014349/2018-00222）")
        return cls(match["org"], int(match["year"]), int(match["serial"]))


def is_valid(text: str) -> bool:
    try:
        IndexNumber.parse(text)
    except ValueError:
        return False
    return True
