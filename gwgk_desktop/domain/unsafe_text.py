"""The characters no text of the catalogue may hold, and ``text_problem``, which refuses
them (``domain.validation`` and every other check of stored text use it), in a module of
their own: the command line shows them escaped in everything it prints (``cli.common``)
and the key registry checks its names with it, and neither should cost the import of the
item models and their validation (``gwgk verify`` needs neither).
"""

from __future__ import annotations

import re

#: Characters refused in every text: C0 controls but tab and line breaks, DEL and C1
#: controls (ANSI escape sequences start with one, and a terminal obeys them), the
#: bidirectional embeddings, overrides and isolates (text that reads other than it is
#: stored), and unpaired surrogates (no file or database can hold them).
UNSAFE_CHARACTERS = re.compile(
    "[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]"
)


def text_problem(value: str, *, one_line: bool = False) -> str | None:
    """Why ``value`` may not be stored as text (None: it may)."""
    found = UNSAFE_CHARACTERS.search(value)
    if found is not None:
        return f"含有不可见的控制字符（U+{ord(found.group()):04X}），请删除后再保存"
    if one_line and ("\n" in value or "\r" in value):
        return "不能换行"
    return None
