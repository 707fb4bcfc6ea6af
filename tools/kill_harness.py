"""kill -9 during writes: run real ``gwgk`` commands against one station database and kill
most of them at a random moment, then check what the next user of the file would find.

The commands are those that write: ``item add``, ``item edit``, ``review submit``,
``review approve``, ``export`` (now and then with ``--overwrite``) and ``template import``.
Each runs in its own process, forked from a parent that has already imported the program,
so the random moment falls in the command's own work (login, reading, writing, committing,
signing, renaming) rather than in Python's start-up. After every command,
killed or not, the harness opens the database as the next command would and counts:

- **integrity failures**: SQLite's integrity and foreign-key checks, the audit chain and
  its head, the append-only triggers, audit records for every item and export, and every
  revision's status backed by its transitions and audit records (``gwgk check`` minus the
  items' own completeness);
- **lost commits**: an audit record seen before that is gone or changed, or a command that
  exited 0 whose audit record is not there;
- **unknown packages**: a ``.gwgk`` under its final name whose SHA-256 the station has no
  record of (signed, done or unconfirmed), and a sequence number recorded with two
  different SHA-256s over the run.

    python tools/kill_harness.py [--kills 500] [--seed N] [--minutes 30] [--folder DIR]

The test suite runs the same with 50 kills (tests/store/test_kill_harness.py). Exit status
0 when all three counts are 0 and the kills wanted were made.
"""

from __future__ import annotations

import argparse
import copy
import hashlib
import json
import os
import random
import signal
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

ROOT = Path(__file__).resolve().parent.parent
PASSWORDS = {"admin": "admin123", "reviewer": "review123", "clerk": "clerk123"}
OPERATIONS = ("add", "edit", "submit", "approve", "export", "template")
#: What each command's audit record is called (checked after a command that exited 0).
AUDITED = {
    "add": ("item.create",),
    "edit": ("item.update", "item.revise"),
    "submit": ("item.submit",),
    "approve": ("item.approve",),
    "export": ("package.export",),
    "template": ("template.install",),
}


# --------------------------------------------------------------------------- the commands' parent


def fork_server() -> int:
    """The parent of every command (``--fork-server``): imports once, then for each order
    read from stdin forks a child that runs ``gwgk`` with its arguments, kills it with
    SIGKILL if it has not ended after the order's delay, and answers its exit code (negative:
    the signal) and how long it ran. Being the child's parent, it kills a process it has not
    yet reaped, so never another that got its pid."""
    from gwgk_desktop.cli import main
    from gwgk_desktop.services import export, template  # noqa: F401  (imported once, here)
    from gwgk_desktop.services.catalogue import Catalogue  # noqa: F401

    for line in sys.stdin:
        order = json.loads(line)
        started = time.monotonic()
        pid = os.fork()
        if pid == 0:  # the command
            try:
                output = os.open(order["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC)
                os.dup2(output, 1)
                os.dup2(output, 2)
                os.environ.update(order["env"])
                code = main(order["args"])
                sys.stdout.flush()
                sys.stderr.flush()
            except BaseException:
                import traceback

                traceback.print_exc()
                sys.stderr.flush()
                code = 99
            os._exit(code)
        deadline = started + order["kill_after"]
        while True:
            done, status = os.waitpid(pid, os.WNOHANG)
            if done:
                break
            if time.monotonic() >= deadline:
                os.kill(pid, signal.SIGKILL)
                _, status = os.waitpid(pid, 0)
                break
            time.sleep(0.002)
        elapsed = time.monotonic() - started
        sys.stdout.write(json.dumps([os.waitstatus_to_exitcode(status), elapsed]) + "\n")
        sys.stdout.flush()
    return 0


@dataclass
class ForkServer:
    process: subprocess.Popen[str]

    @classmethod
    def start(cls, env: dict[str, str]) -> ForkServer:
        process = subprocess.Popen(
            [sys.executable, str(Path(__file__).resolve()), "--fork-server"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            text=True,
            cwd=ROOT,
            env=env,
        )
        return cls(process)

    def run(
        self, args: list[str], env: dict[str, str], kill_after: float, output: Path
    ) -> tuple[int, float]:
        """Run one command, killed after ``kill_after`` seconds: (exit code, seconds)."""
        assert self.process.stdin is not None and self.process.stdout is not None
        order = {"args": args, "env": env, "kill_after": kill_after, "output": str(output)}
        self.process.stdin.write(json.dumps(order) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise RuntimeError("the fork server ended")
        code, elapsed = json.loads(answer)
        return int(code), float(elapsed)

    def stop(self) -> None:
        assert self.process.stdin is not None
        self.process.stdin.close()
        self.process.wait(timeout=30)


# --------------------------------------------------------------------------- the station


def build_station(folder: Path, templates: int) -> Path:
    """A demo station with a signing key, a registered bureau key and ``templates``
    newer reference templates signed by it (template-N.gwgkt), in ``folder``."""
    from gwgk_desktop.domain.enums import Status
    from gwgk_desktop.domain.serialize import content_to_dict
    from gwgk_desktop.services import keys, template
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.services.demo import build_demo, demo_key_passphrase
    from gwgk_desktop.services.queries import ItemQuery
    from gwgk_desktop.store.database import open_database
    from gwgk_desktop.submission.keys import KeyPair
    from gwgk_desktop.submission.registry import BUREAU, KeyRecord
    from gwgk_desktop.submission.template_sign import sign_template

    db_path = folder / "station.sqlite"
    build_demo(db_path, items=20, key_passphrase=demo_key_passphrase())
    bureau = KeyPair.generate()
    with open_database(db_path) as db:
        from gwgk_desktop.services import station

        admin = next(
            station.actor_for(o) for o in station.list_operators(db) if o.username == "admin"
        )
        record = KeyRecord(bureau.key_id, bureau.public.hex(), BUREAU, "", "市局", "kill")
        keys.add_bureau_keys(db, admin, [record])
    base = template.builtin_template()
    for n in range(1, templates + 1):
        payload = copy.deepcopy(base)
        payload["version"] = base["version"] + n
        (folder / f"template-{n}.gwgkt").write_bytes(sign_template(payload, bureau, "市局"))
    with open_database(db_path, readonly=True) as db:
        # A complete item to vary: what is added and edited can then be submitted.
        catalogue = Catalogue(db)
        (row,) = catalogue.items.list_rows(ItemQuery(statuses=frozenset({Status.APPROVED})))[:1]
        content = content_to_dict(catalogue.items.get(row.id).content)
    content["attachments"] = []
    (folder / "item.json").write_text(json.dumps(content, ensure_ascii=False), encoding="utf-8")
    (folder / "packages").mkdir()
    (folder / "logs").mkdir()
    return db_path


# --------------------------------------------------------------------------- the checks


@dataclass
class Tally:
    runs: int = 0
    kills: int = 0
    completed: int = 0
    refused: int = 0
    integrity_failures: list[str] = field(default_factory=list)
    lost_commits: list[str] = field(default_factory=list)
    unknown_packages: list[str] = field(default_factory=list)
    by_operation: Counter[str] = field(default_factory=Counter)
    killed_by_operation: Counter[str] = field(default_factory=Counter)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (self.integrity_failures or self.lost_commits or self.unknown_packages)

    def summary(self) -> str:
        kinds = ", ".join(
            f"{op} {self.killed_by_operation[op]}/{self.by_operation[op]}" for op in OPERATIONS
        )
        return (
            f"{self.runs} commands, {self.kills} killed, {self.completed} completed, "
            f"{self.refused} refused (killed/run: {kinds}) in {self.seconds:.0f} s; "
            f"integrity failures {len(self.integrity_failures)}, "
            f"lost commits {len(self.lost_commits)}, "
            f"unknown packages {len(self.unknown_packages)}"
        )


@dataclass
class Observed:
    """What the harness has seen committed so far."""

    audit: dict[int, str] = field(default_factory=dict)  # id -> hash
    sequences: dict[int, str] = field(default_factory=dict)  # sequence -> sha256


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def inspect(db_path: Path, packages: Path, seen: Observed, tally: Tally, context: str) -> None:
    """Open the database as the next command would and count what is wrong."""
    from sqlalchemy import select

    from gwgk_desktop.services.check import run_check
    from gwgk_desktop.store.database import open_database
    from gwgk_desktop.store.models import AuditRow, PackageExport

    with open_database(db_path) as db:
        report = run_check(db)
        problems = report.integrity + report.audit_problems + report.unbacked
        tally.integrity_failures += [f"{context}: {p}" for p in problems]
        with db.read() as session:
            audit = {r.id: r.hash for r in session.execute(select(AuditRow.id, AuditRow.hash))}
            exports = session.execute(
                select(PackageExport.sequence, PackageExport.sha256, PackageExport.state)
            ).all()
    for row_id, digest in seen.audit.items():
        if audit.get(row_id) != digest:
            tally.lost_commits.append(f"{context}: audit record {row_id} gone or changed")
    seen.audit = audit
    known = set()
    for sequence, sha256, state in exports:
        if not sha256:
            continue
        if seen.sequences.setdefault(sequence, sha256) != sha256:
            tally.unknown_packages.append(
                f"{context}: sequence {sequence} recorded with two different packages"
            )
        if state in ("signed", "done", "unconfirmed"):
            known.add(sha256)
    for path in sorted(packages.glob("*.gwgk")):
        if not path.name.startswith(".") and _sha256(path) not in known:
            tally.unknown_packages.append(f"{context}: {path.name} is not recorded")


def audited_after(db_path: Path, after_id: int, actions: tuple[str, ...]) -> bool:
    from sqlalchemy import select

    from gwgk_desktop.store.database import open_database
    from gwgk_desktop.store.models import AuditRow

    with open_database(db_path, readonly=True) as db, db.read() as session:
        found = session.scalar(
            select(AuditRow.id).where(AuditRow.id > after_id, AuditRow.action.in_(actions)).limit(1)
        )
    return found is not None


# --------------------------------------------------------------------------- the commands


def _items_by_status(db_path: Path) -> dict[str, list[tuple[int, int]]]:
    """(item id, revision) of each item's newest revision, by its status."""
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.services.queries import ItemQuery
    from gwgk_desktop.store.database import open_database

    found: dict[str, list[tuple[int, int]]] = {}
    with open_database(db_path, readonly=True) as db:
        for item in Catalogue(db).items.list_rows(ItemQuery()):
            found.setdefault(item.status.value, []).append((item.id, item.revision))
    return found


def plan(
    rng: random.Random, db_path: Path, folder: Path, step: int, templates: list[Path]
) -> tuple[str, list[str], dict[str, str]]:
    """The next command: (operation, arguments, environment)."""
    from gwgk_desktop.services.demo import demo_key_passphrase

    db = ["--db", str(db_path)]
    operation = rng.choice(OPERATIONS)
    items = _items_by_status(db_path)
    editable = items.get("draft", [])
    if operation == "edit" and not editable:
        operation = "add"
    if operation == "approve" and not items.get("pending"):
        operation = "submit"
    if operation == "submit" and not editable:
        operation = "add"
    if operation == "template" and not templates:
        operation = "export"
    if operation in ("add", "edit"):
        body = json.loads((folder / "item.json").read_text(encoding="utf-8"))
        body["name"] = f"断电测试事项{step}"
        body["content"] = f"第{step}次写入的公开内容。" * rng.randint(1, 200)
        path = folder / f"item-{step}.json"
        path.write_text(json.dumps(body, ensure_ascii=False), encoding="utf-8")
        if operation == "add":
            return (
                operation,
                ["item", "add", "--json", str(path), "--user", "clerk", *db],
                {"GWGK_PASSWORD": PASSWORDS["clerk"]},
            )
        item_id, revision = rng.choice(editable)
        args = ["item", "edit", str(item_id), "--json", str(path), "--base-revision"]
        return (
            operation,
            [*args, str(revision), "--user", "clerk", *db],
            {"GWGK_PASSWORD": PASSWORDS["clerk"]},
        )
    if operation == "submit":
        item_id, _ = rng.choice(editable)
        return (
            operation,
            ["review", "submit", str(item_id), "--user", "clerk", *db],
            {"GWGK_PASSWORD": PASSWORDS["clerk"]},
        )
    if operation == "approve":
        item_id, _ = rng.choice(items["pending"])
        return (
            operation,
            ["review", "approve", str(item_id), "--user", "reviewer", *db],
            {"GWGK_PASSWORD": PASSWORDS["reviewer"]},
        )
    if operation == "template":
        return (
            operation,
            ["template", "import", str(templates[0]), "--user", "admin", *db],
            {"GWGK_PASSWORD": PASSWORDS["admin"]},
        )
    packages = folder / "packages"
    if rng.random() < 0.3:
        out = ["--out", str(packages / "current.gwgk"), "--overwrite"]
    else:
        out = ["--out", str(packages / f"package-{step}.gwgk")]
    return (
        operation,
        ["export", *out, "--user", "admin", *db],
        {
            "GWGK_PASSWORD": PASSWORDS["admin"],
            "GWGK_KEY_PASSPHRASE": demo_key_passphrase(),
        },
    )


def _installed_template_version(db_path: Path) -> int:
    from gwgk_desktop.services import template
    from gwgk_desktop.store.database import open_database

    with open_database(db_path, readonly=True) as db, db.read() as session:
        active = template.active_template(session)
        return active.version if active is not None else 0


# --------------------------------------------------------------------------- the run


def run(
    folder: Path,
    kills: int,
    seed: int,
    seconds: float,
    progress: IO[str] | None = None,
) -> Tally:
    """Kill ``kills`` commands (or stop after ``seconds``) against a new station in
    ``folder``; the tally of what was found."""
    started = time.monotonic()
    rng = random.Random(seed)
    templates_wanted = max(10, kills // 3)
    db_path = build_station(folder, templates_wanted)
    base_version = _installed_template_version(db_path)
    env = {
        **os.environ,
        "GWGK_LOG_DIR": str(folder / "logs"),
        "XDG_DATA_HOME": str(folder / "data"),
        "PYTHONPATH": os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])),
    }
    env.pop("GWGK_PASSWORD", None)
    tally = Tally()
    seen = Observed()
    inspect(db_path, folder / "packages", seen, tally, "start")
    # How long each kind of command takes once told to go (seconds), learnt as it runs.
    typical: dict[str, float] = dict.fromkeys(OPERATIONS, 1.0)
    measured: dict[str, bool] = dict.fromkeys(OPERATIONS, False)
    server = ForkServer.start(env)
    output = folder / "command-output.txt"
    step = 0
    while tally.kills < kills and time.monotonic() - started < seconds:
        step += 1
        installed = _installed_template_version(db_path) - base_version
        templates = [
            folder / f"template-{n}.gwgkt" for n in range(installed + 1, templates_wanted + 1)
        ]
        operation, args, extra = plan(rng, db_path, folder, step, templates)
        last_audit = max(seen.audit, default=0)
        # The first of each kind runs to the end (its duration is then known); after that
        # the kill falls anywhere in it, and now and then just after it ended.
        delay = rng.uniform(0, typical[operation] * 1.15) if measured[operation] else 600.0
        code, elapsed = server.run(args, extra, delay, output)
        err = output.read_text(encoding="utf-8", errors="replace")
        tally.runs += 1
        tally.by_operation[operation] += 1
        context = f"step {step} ({' '.join(args[:2])}, {'killed' if code < 0 else code})"
        if code == -signal.SIGKILL:
            tally.kills += 1
            tally.killed_by_operation[operation] += 1
        else:
            typical[operation] = (
                0.5 * typical[operation] + 0.5 * elapsed if measured[operation] else elapsed
            )
            measured[operation] = True
            if code == 0:
                tally.completed += 1
                if not audited_after(db_path, last_audit, AUDITED[operation]):
                    tally.lost_commits.append(f"{context}: exited 0 without its audit record")
            else:
                tally.refused += 1
                if code == 99 or "Traceback" in err:
                    tally.integrity_failures.append(f"{context}: crashed: {err[-800:]}")
        inspect(db_path, folder / "packages", seen, tally, context)
        if progress is not None and step % 10 == 0:
            tally.seconds = time.monotonic() - started
            progress.write(f"  {tally.summary()}\n")
            progress.flush()
    server.stop()
    tally.seconds = time.monotonic() - started
    return tally


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=500)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--minutes", type=float, default=60)
    parser.add_argument("--folder", type=Path, default=None)
    parser.add_argument("--fork-server", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.fork_server:
        return fork_server()
    seed = args.seed if args.seed is not None else random.randrange(1 << 30)
    with tempfile.TemporaryDirectory(prefix="gwgk-kill-") as temporary:
        folder = args.folder or Path(temporary)
        folder.mkdir(parents=True, exist_ok=True)
        print(f"kill -9 harness: seed {seed}, {args.kills} kills wanted, folder {folder}")
        tally = run(folder, args.kills, seed, args.minutes * 60, progress=sys.stdout)
    print(tally.summary())
    for line in tally.integrity_failures + tally.lost_commits + tally.unknown_packages:
        print(f"  ! {line}")
    return 0 if tally.ok and tally.kills >= args.kills else 1


if __name__ == "__main__":
    sys.exit(main())
