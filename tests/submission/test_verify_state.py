"""The verifier's state file under concurrent use, and what a verifier is given to read.

Before, ``gwgk verify --state`` run twice at once lost one station's record (both read the
old file, the second write won) and accepted two different packages with one sequence
number; ``verify`` of a named pipe waited forever."""

from __future__ import annotations

import functools
import os
import shutil
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from gwgk_desktop.errors import UserError
from gwgk_desktop.store.database import open_database
from gwgk_desktop.submission import verify as verify_module
from gwgk_desktop.submission.errors import Failure, PackageError, StateFileError
from gwgk_desktop.submission.registry import KeyRecord, Registry
from gwgk_desktop.submission.state import State
from gwgk_desktop.submission.verify import verify_package
from tests.submission.conftest import Exported, export_as_admin


def _slow_verification(monkeypatch: pytest.MonkeyPatch) -> None:
    """Widen the window between reading the state file and writing it back, where two
    verifications at once used to overlap."""
    real = verify_module.verify_stream

    def slow(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        time.sleep(0.3)
        return result

    monkeypatch.setattr(verify_module, "verify_stream", slow)


def _at_once(*calls: Callable[[], Any]) -> list[Any]:
    """Run the calls in threads started together; each result or the exception raised."""
    results: list[Any] = [None] * len(calls)
    barrier = threading.Barrier(len(calls))

    def run(index: int, call: Callable[[], Any]) -> None:
        barrier.wait()
        try:
            results[index] = call()
        except Exception as error:
            results[index] = error

    threads = [threading.Thread(target=run, args=(i, c)) for i, c in enumerate(calls)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return results


def test_two_packages_with_one_sequence_at_once_only_one_is_accepted(
    exported: Exported, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    copy = shutil.copyfile(exported.db_path, tmp_path / "copy.sqlite")
    packages = []
    for path, name in ((exported.db_path, "a.gwgk"), (copy, "b.gwgk")):
        with open_database(path) as db:
            packages.append(export_as_admin(db, tmp_path / name).path)
    registry = Registry.load(exported.registry)
    state = tmp_path / "state.json"
    _slow_verification(monkeypatch)
    results = _at_once(*(lambda p=p: verify_package(p, registry, state) for p in packages))

    accepted = [r for r in results if not isinstance(r, Exception)]
    refused = [r for r in results if isinstance(r, PackageError)]
    assert len(accepted) == 1 and len(refused) == 1, results
    assert refused[0].failure is Failure.REPLAY
    assert "同一序号的另一个报送包" in refused[0].message
    recorded = State.load(state).last(accepted[0].org_code)
    assert recorded is not None and recorded.package_sha256 == accepted[0].package_sha256


def test_two_stations_verified_at_once_both_are_recorded(
    exported: Exported,
    other_station: tuple[bytes, KeyRecord],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    other_package = tmp_path / "other.gwgk"
    other_package.write_bytes(other_station[0])
    registry = Registry.load(exported.registry)
    registry.merge(Registry([other_station[1]]))
    state = tmp_path / "state.json"
    _slow_verification(monkeypatch)
    results = _at_once(
        lambda: verify_package(exported.package, registry, state),
        lambda: verify_package(other_package, registry, state),
    )
    assert not [r for r in results if isinstance(r, Exception)], results
    assert sorted(State.load(state).stations) == sorted(r.org_code for r in results)


def test_the_same_package_again_is_a_replay(exported: Exported, tmp_path: Path) -> None:
    registry = Registry.load(exported.registry)
    state = tmp_path / "state.json"
    verify_package(exported.package, registry, state)
    with pytest.raises(PackageError, match="已经接收过") as caught:
        verify_package(exported.package, registry, state)
    assert caught.value.failure is Failure.REPLAY


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes are POSIX")
def test_a_named_pipe_is_refused_at_once(exported: Exported, tmp_path: Path) -> None:
    fifo = tmp_path / "package.gwgk"
    os.mkfifo(fifo)
    registry = Registry.load(exported.registry)
    results = _at_once(lambda: verify_package(fifo, registry))
    assert isinstance(results[0], PackageError), "verify waited on the pipe"
    assert results[0].failure is Failure.NOT_A_PACKAGE
    assert "不是普通文件" in results[0].message
    readers: list[Callable[[Path], object]] = [Registry.load, State.load]
    for reader in readers:
        (error,) = _at_once(functools.partial(reader, fifo))
        assert isinstance(error, UserError) and "不是普通文件" in error.message


@pytest.mark.parametrize(
    "text",
    [
        b'{"format":"gwgk-verify-state","format_version":1,"stations":[]}',
        b'{"format":"gwgk-verify-state","format_version":1,"stations":{"1":{"sequence":"3",'
        b'"package_sha256":"x","key_id":"k","accepted_at":"t"}}}',
        b'{"format":"gwgk-verify-state","format_version":1,"stations":{"1":{"sequence":'
        + b"9" * 5000
        + b',"package_sha256":"x","key_id":"k","accepted_at":"t"}}}',
        b'{"format":"gwgk-verify-state","format_version":1,"format_version":1,"stations":{}}',
        '{"format":"gwgk-verify-state"}'.encode("gbk") + "中文".encode("gbk"),
    ],
    ids=["stations a list", "sequence a string", "5000 digits", "duplicate key", "GBK"],
)
def test_a_malformed_state_file_is_one_clear_error(text: bytes, tmp_path: Path) -> None:
    path = tmp_path / "state.json"
    path.write_bytes(text)
    with pytest.raises(StateFileError, match="无法读取或已损坏"):
        State.load(path)
