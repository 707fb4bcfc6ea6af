"""reportlab's link-splitting pattern is compiled when first used (pdf/deferred_pattern.py):
importing the printing code no longer compiles it, and reportlab gets the same answers
from it as from the pattern compiled on import."""

from __future__ import annotations

import json
import re
import subprocess
import sys

from hypothesis import given
from hypothesis import strategies as st

from gwgk_desktop.pdf.deferred_pattern import PATTERN_START, DeferredPattern

URIS = [
    "http://www.example.com/a/b",
    "https://gwgk.example.cn/指南/第1页",
    "ftp://1.2.3.4/x",
    "mailto:someone",
    "不是链接",
    "http://localhost:8080/",
]
#: Runs in a fresh interpreter: here reportlab is long imported by other tests.
PROBE = """
import json, re, sys, inspect
compile_before = re.compile
import gwgk_desktop.pdf.document  # imports reportlab.platypus the way printing does
from gwgk_desktop.pdf import deferred_pattern
import reportlab.platypus.paragraph as paragraph
deferred = paragraph.uri_pat
compiled_on_import = "compiled" in vars(deferred)
uris = json.loads(sys.argv[1])
print(json.dumps({
    "kind": type(deferred).__name__,
    "compiled_on_import": compiled_on_import,
    "re_compile_restored": re.compile is compile_before,
    "finder_left": any(type(f).__module__ == deferred_pattern.__name__ for f in sys.meta_path),
    "source_readable": "uri_pat" in inspect.getsource(paragraph),
    "splits": [paragraph._uri_split_pairs(u) for u in uris],
    "pattern": deferred.pattern,
    "flags": deferred.flags,
    "compiled_now": type(deferred.compiled).__name__,
}, ensure_ascii=False))
"""


def test_importing_the_printing_code_defers_reportlabs_link_pattern() -> None:
    command = [sys.executable, "-c", PROBE, json.dumps(URIS)]
    done = subprocess.run(command, check=True, capture_output=True, text=True)
    seen = json.loads(done.stdout)
    assert seen["kind"] == "DeferredPattern"
    assert not seen["compiled_on_import"]
    assert seen["re_compile_restored"]
    assert not seen["finder_left"]
    assert seen["source_readable"]  # tracebacks still show reportlab's lines
    assert seen["pattern"].startswith(PATTERN_START)
    assert seen["flags"] & re.IGNORECASE
    assert seen["compiled_now"] == "Pattern"
    # The same splits as reportlab's own pattern, compiled on the spot.
    eager = re.compile(seen["pattern"], seen["flags"])
    for uri, split in zip(URIS, seen["splits"], strict=True):
        assert (split is None) == (eager.match(uri) is None)
    assert seen["splits"][0] == [
        ["http://www.example.com/a/", "b"],
        ["http://www.example.com/", "a/b"],
        ["http://", "www.example.com/a/b"],
    ]


URI_LIKE = st.text(alphabet=st.sampled_from("htps:/.-_?#@[]0123456789abcXYZ中文ſK \t"), max_size=40)


@given(st.one_of(URI_LIKE, st.text(max_size=30)))
def test_a_deferred_pattern_answers_as_the_compiled_one(text: str) -> None:
    import reportlab.platypus.paragraph as paragraph

    source = paragraph.uri_pat.pattern
    deferred = DeferredPattern(source, re.IGNORECASE)
    eager = re.compile(source, re.IGNORECASE)
    for candidate in (text, "http://" + text, "https://" + text.replace(" ", "")):
        found, expected = deferred.match(candidate), eager.match(candidate)
        assert (found and found.groups()) == (expected and expected.groups())
