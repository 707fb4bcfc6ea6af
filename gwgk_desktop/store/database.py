"""Opening a station database safely, and the one place transactions are made.

``open_database`` checks what the file is before anything writes to it: a missing file, a
file that is not SQLite, a SQLite file that is not ours, a database from a newer version of
the app and a corrupt file are all refused with a clear message and the file left as it was.
An older database is backed up (SQLite online backup API) and then migrated.
"""

from __future__ import annotations

import contextlib
import logging
import shutil
import sqlite3
import tempfile
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path

from sqlalchemy import Connection, create_engine, event, exc
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session
from sqlalchemy.pool import NullPool

from gwgk_desktop.errors import (
    DatabaseCorrupt,
    DatabaseError,
    DatabaseNotFound,
    DatabaseReadOnly,
    DatabaseTooNew,
    NotADatabase,
    NotGwgkDatabase,
    UserError,
)
from gwgk_desktop.files import sweep, write_via_temp
from gwgk_desktop.store import migrate
from gwgk_desktop.store.backup import backup_database, backup_path_for
from gwgk_desktop.store.quick_check import (
    BUSY_TIMEOUT_S,
    SQLITE_HEADER,
    STATEMENT,
    QuickCheck,
)
from gwgk_desktop.store.sqlite_errors import user_error
from gwgk_desktop.store.uri import read_only_medium, reading_uri

log = logging.getLogger(__name__)


#: Why writing is refused when the database was opened for writing.
READ_ONLY_MEDIUM = DatabaseReadOnly(
    "数据库在只读的位置（写保护的U盘、光盘，或没有写入权限的文件夹），只能查看，不能修改。"
    "请打开U盘的写保护开关，或把数据库复制到电脑上再修改",
    "the database is on read-only media: it can be read, not changed",
)


@dataclass
class Condition:
    """What is known about the file while it is open; shared with ``snapshot`` views."""

    #: The file or its folder cannot be written (write-protected stick, CD, permissions).
    read_only_medium: bool = False
    #: Corruption found (at opening or by any statement since): writing stops.
    corruption: list[str] = field(default_factory=list)
    #: Reading an upgraded temporary copy of an older database (``open_database``).
    copy_of: Path | None = None


@dataclass
class Database:
    """An open station database: hands out read sessions and write transactions.

    Write transactions start with ``BEGIN IMMEDIATE`` so two processes never deadlock
    upgrading a read lock; the second simply waits (busy timeout) or gets a clear
    "database is busy" error. A ``write()`` inside another on the same thread joins it
    (as a savepoint), so several service calls can be made one all-or-nothing
    transaction: ``with db.write(): catalogue.create_many(...); catalogue.update(...)``.
    """

    path: Path
    engine: Engine
    readonly: bool = False
    backup_made: Path | None = None
    upgraded_from: str | None = None
    _closed: bool = field(default=False, repr=False)
    _writing: threading.local = field(default_factory=threading.local, repr=False)
    condition: Condition = field(default_factory=Condition)
    #: Set on the view ``snapshot()`` hands out: the connection every read goes through.
    _pinned: Connection | None = field(default=None, repr=False)
    #: Removes the temporary copy ``open_database`` made to read an older database.
    _cleanup: Callable[[], None] | None = field(default=None, repr=False)

    @property
    def source(self) -> Path:
        """The database file the user named (``path`` may be a temporary copy of it)."""
        return self.condition.copy_of or self.path

    @contextlib.contextmanager
    def _translated(self) -> Iterator[None]:
        """``translate_errors``, remembering corruption met on the way (no more writes)."""
        try:
            with translate_errors():
                yield
        except DatabaseCorrupt as error:
            self.condition.corruption.append(error.english or error.message)
            raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        if self._pinned is not None:
            # Joins the snapshot's open transaction and leaves it open when done.
            with self._translated(), Session(bind=self._pinned, expire_on_commit=False) as session:
                yield session
            return
        with self._translated(), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Database]:
        """A view of this database whose reads all see one and the same state: one read
        transaction, held open for the block (WAL lets writers go on meanwhile). What is
        read through it fits together even while another process writes, as the parts
        of one package must. Writes through the view go to the database as usual."""
        with self._translated(), self.engine.connect() as connection, connection.begin():
            # The first read starts SQLite's read transaction: the snapshot is now.
            connection.exec_driver_sql("SELECT count(*) FROM sqlite_master").scalar()
            yield replace(self, _pinned=connection, _closed=True)

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """A session in one immediate transaction: committed on success, rolled back on any
        exception (so nothing is ever half-written). Refused on a database found corrupt
        (writing to it would spread the damage) or on read-only media. A write inside
        another one (same thread) joins it as a savepoint."""
        self.check_writable()
        outer: Session | None = getattr(self._writing, "session", None)
        if outer is not None:
            with self._translated(), outer.begin_nested():
                yield outer
            return
        with (
            self._translated(),
            self.engine.connect() as connection,
        ):
            connection.execution_options(sqlite_begin="IMMEDIATE")
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                self._writing.session = session
                try:
                    yield session
                finally:
                    self._writing.session = None

    @property
    def writable(self) -> bool:
        """Whether writes would be accepted (see ``check_writable``)."""
        try:
            self.check_writable()
        except DatabaseError:
            return False
        return True

    def check_writable(self) -> None:
        """Raise the reason this database may not be written now, if there is one."""
        if self.condition.corruption:
            raise DatabaseCorrupt(
                "数据库文件已损坏，为免损失扩大已停止写入。请用备份恢复（数据库旁的“backups”"
                "文件夹），或运行 gwgk check 查看损坏情况",
                "the database is corrupt: writing stopped (details in the log file)",
            )
        if self.condition.read_only_medium:
            raise READ_ONLY_MEDIUM
        if self.readonly:
            raise DatabaseReadOnly("数据库以只读方式打开，不能修改", "database opened read-only")

    @contextlib.contextmanager
    def connect(self) -> Iterator[Connection]:
        with self._translated(), self.engine.connect() as connection:
            yield connection

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if not self.readonly:
            # Keeps the query planner's statistics fresh (cheap; SQLite's recommendation).
            with contextlib.suppress(exc.DBAPIError, UserError), self.connect() as connection:
                connection.exec_driver_sql("PRAGMA optimize")
        self.engine.dispose()
        if self._cleanup is not None:
            self._cleanup()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextlib.contextmanager
def translate_errors() -> Iterator[None]:
    """Turn SQLite failures a user can act on into UserErrors; let bugs through."""
    try:
        yield
    except exc.DBAPIError as error:
        raise user_error(error.orig) or error from error
    except sqlite3.Error as error:
        raise user_error(error) or error from error


def _install_pragmas(engine: Engine, readonly: bool) -> None:
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        # Autocommit at the driver; SQLAlchemy's "begin" event below issues BEGIN itself,
        # the documented way to get real SQLite transaction control with pysqlite.
        dbapi_connection.isolation_level = None
        cursor = dbapi_connection.cursor()
        cursor.execute(f"PRAGMA busy_timeout={int(BUSY_TIMEOUT_S * 1000)}")
        cursor.execute("PRAGMA foreign_keys=ON")
        if readonly:
            cursor.execute("PRAGMA query_only=ON")
        else:
            cursor.execute("PRAGMA synchronous=FULL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(connection: Connection) -> None:
        mode = connection.get_execution_options().get("sqlite_begin", "DEFERRED")
        connection.exec_driver_sql(f"BEGIN {mode}")


def sqlite_engine(path: Path, readonly: bool) -> Engine:
    """An engine on the SQLite file ``path`` with the project's pragmas (busy timeout,
    foreign keys, full sync; read-only sessions made ``query_only``)."""
    if readonly:
        url = f"sqlite+pysqlite:///{reading_uri(path)}&uri=true"
    else:
        url = f"sqlite+pysqlite:///{path.as_posix()}"
    engine = create_engine(
        url,
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
        poolclass=NullPool if readonly else None,
    )
    _install_pragmas(engine, readonly)
    return engine


@dataclass(frozen=True)
class Probe:
    """What is in a file, found out without writing to it."""

    empty: bool
    revision: str | None
    has_station: bool


def _exists(path: Path) -> bool:
    """Whether ``path`` exists; a folder on the way that cannot be entered (no permission)
    or a path that is not usable at all is said so, not met with a traceback."""
    try:
        path.stat()
    except FileNotFoundError:
        return False
    except PermissionError as error:
        raise DatabaseReadOnly(
            f"没有权限进入数据库所在的文件夹：{path.parent}。请换一个文件夹，或请管理员授予权限",
            f"permission denied: {path}",
        ) from error
    except OSError as error:
        raise DatabaseNotFound(
            f"无法访问数据库文件：{path}（{error.strerror or error}）", f"cannot access {path}"
        ) from error
    return True


@dataclass(frozen=True)
class SqliteContents:
    """The tables of an SQLite file and the revision its Alembic version table holds."""

    empty: bool
    tables: frozenset[str]
    revision: str | None


def inspect_sqlite(path: Path, version_table: str = "alembic_version") -> SqliteContents:
    """Look at an SQLite file read-only; raise a DatabaseError if it is not a usable SQLite
    database (missing, a folder, unreadable, another format, corrupt)."""
    if not _exists(path):
        raise DatabaseNotFound(f"找不到数据库文件：{path}", f"no such database: {path}")
    if path.is_dir():
        raise NotADatabase(f"{path} 是一个文件夹，不是数据库文件", f"{path} is a directory")
    if not path.is_file():
        raise NotADatabase(f"{path} 不是普通文件，不是数据库文件", f"{path} is not a regular file")
    try:
        with path.open("rb") as handle:
            header = handle.read(len(SQLITE_HEADER))
    except PermissionError as error:
        raise DatabaseReadOnly(
            f"没有权限读取数据库文件：{path}", f"permission denied: {path}"
        ) from error
    if not header:
        return SqliteContents(empty=True, tables=frozenset(), revision=None)
    if header != SQLITE_HEADER:
        raise NotADatabase(
            f"{path.name} 不是政务公开目录的数据库文件（也不是SQLite数据库），文件未作任何改动",
            f"{path} is not an SQLite database; it was not modified",
        )
    try:
        connection = sqlite3.connect(reading_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
        connection.execute("PRAGMA query_only=ON")
    except sqlite3.Error as error:
        raise user_error(error) or DatabaseCorrupt(str(error)) from error
    try:
        tables = frozenset(
            row[0]
            for row in connection.execute("SELECT name FROM sqlite_master WHERE type='table'")
        )
        revision = None
        if version_table in tables:
            row = connection.execute(f"SELECT version_num FROM {version_table}").fetchone()
            revision = row[0] if row else None
    except sqlite3.Error as error:
        raise user_error(error) or DatabaseCorrupt(
            f"数据库文件已损坏：{path.name}", f"corrupt database: {error}"
        ) from error
    finally:
        connection.close()
    return SqliteContents(empty=not tables, tables=tables, revision=revision)


def probe(path: Path) -> Probe:
    """Look at a database file read-only; raise a DatabaseError if it is not usable."""
    contents = inspect_sqlite(path)
    if contents.empty:
        return Probe(empty=True, revision=None, has_station=False)
    if "station" not in contents.tables or contents.revision is None:
        raise NotGwgkDatabase(
            f"{path.name} 是SQLite数据库，但不是政务公开目录的数据库，文件未作任何改动",
            f"{path} is an SQLite database of another application; it was not modified",
        )
    return Probe(empty=False, revision=contents.revision, has_station=True)


def open_database(
    path: Path | str,
    *,
    create: bool = False,
    readonly: bool = False,
    upgrade: bool = True,
    quick_check: QuickCheck | None = None,
) -> Database:
    """Open (and if needed create or upgrade) the station database at ``path``.

    A database on read-only media is opened read-only (writes are refused, saying why).
    One opened for writing is checked first (``PRAGMA quick_check``): a corrupt one is
    opened read-only and refuses writes, so the damage does not spread; ``quick_check``,
    that check already started on ``path`` (``QuickCheck.start``), gives its finding
    instead of checking again (it is not used for a database that is upgraded first). An
    older one is backed up and upgraded; asked for read-only (or without upgrading), an
    upgraded temporary copy is read instead, and the file is left exactly as it was."""
    path = Path(path).expanduser().absolute()
    if not _exists(path):
        if not create:
            raise DatabaseNotFound(f"找不到数据库文件：{path}", f"no such database: {path}")
        return _create(path)
    info = probe(path)
    if info.empty:
        if not create:
            raise NotGwgkDatabase(
                f"{path.name} 是空的数据库文件，尚未建立单位；请先运行初始化",
                f"{path} is empty; run 'gwgk init' first",
            )
        return _create(path, replace_empty=True)
    assert info.revision is not None
    if info.revision not in migrate.known_revisions():
        raise DatabaseTooNew(
            f"该数据库由更新版本的政务公开目录程序创建（结构版本 {info.revision}），"
            "本程序无法打开。请安装最新版本后再打开，数据库未作任何改动",
            f"database schema {info.revision} is newer than this app; it was not modified",
        )
    condition = Condition(read_only_medium=read_only_medium(path))
    if info.revision != migrate.head_revision():
        if readonly or not upgrade or condition.read_only_medium:
            # Look, but don't touch: the caller declined the upgrade, or cannot write.
            return _upgraded_copy(path, info.revision, condition)
        backup_made = backup_path_for(path, info.revision)
        backup_database(path, backup_made)
        log.info("backed up %s to %s before upgrading", path, backup_made)
        _run_schema_step(path, migrate.upgrade)
        db = _open(path, readonly, condition)
        db.backup_made, db.upgraded_from = backup_made, info.revision
        return db
    early = quick_check if quick_check is not None and quick_check.path == path else None
    return _open(path, readonly, condition, early)


def _open(
    path: Path, readonly: bool, condition: Condition, early: QuickCheck | None = None
) -> Database:
    """An up-to-date database (see ``open_database``); ``early``, the quick check
    already running on it."""
    if condition.read_only_medium:
        readonly = True
    engine = sqlite_engine(path, readonly)
    db = Database(path, engine, readonly, condition=condition)
    if not readonly:
        sweep(path.parent)  # what a killed ``gwgk init`` or backup left beside it
        with db.connect() as connection:
            driver = connection.connection.driver_connection
            assert driver is not None
            driver.execute("PRAGMA journal_mode=WAL")
        try:
            found = _quick_check(db, early)
        except DatabaseCorrupt:
            found = list(condition.corruption)  # recorded by ``Database._translated``
        else:
            condition.corruption += [] if found == ["ok"] else found
        if condition.corruption:
            # The details go to the log file; the user gets one line when writing.
            log.info("%s failed its quick check: %s", path, found)
    return db


def _quick_check(db: Database, early: QuickCheck | None) -> list[str]:
    """What ``PRAGMA quick_check`` finds in ``db``: the early check's finding when there
    is one, else the check run now. Corruption met on the way is recorded as any
    statement's is (``Database._translated``) and raised."""
    if early is not None:
        with db._translated():
            return early.result()
    with db.connect() as connection:
        return [row[0] for row in connection.exec_driver_sql(STATEMENT).fetchall()]


def _upgraded_copy(path: Path, revision: str, condition: Condition) -> Database:
    """An older database to read without changing it: an upgraded temporary copy of it,
    removed again when closed."""
    folder = Path(tempfile.mkdtemp(prefix="gwgk-read-"))
    try:
        copy = folder / path.name
        backup_database(path, copy)
        _run_schema_step(copy, migrate.upgrade)
        engine = sqlite_engine(copy, readonly=True)
    except BaseException:
        shutil.rmtree(folder, ignore_errors=True)
        raise
    condition.copy_of = path
    db = Database(copy, engine, readonly=True, condition=condition)
    db.upgraded_from = revision
    db._cleanup = lambda: shutil.rmtree(folder, ignore_errors=True)
    return db


@contextlib.contextmanager
def new_database(path: Path) -> Iterator[Database]:
    """A new database at ``path`` for the block to set up; closed afterwards. Should the
    set-up fail, the database file (and its -wal and -shm) is removed again, so a failed
    ``gwgk init`` or demo leaves no half-made station behind."""
    db = open_database(path, create=True)
    try:
        yield db
    except BaseException:
        db.close()
        for suffix in ("", "-wal", "-shm"):
            Path(f"{db.path}{suffix}").unlink(missing_ok=True)
        raise
    db.close()


def _run_schema_step(path: Path, step: Callable[[Connection], object]) -> None:
    """Create or upgrade the schema of ``path`` on a connection of its own."""
    engine = sqlite_engine(path, readonly=False)
    try:
        with translate_errors(), engine.connect() as connection:
            step(connection)
    finally:
        engine.dispose()


def create_sqlite_file(
    path: Path, build: Callable[[Connection], object], replace_empty: bool = False
) -> None:
    """Build a new database beside ``path`` with ``build`` and move it into place when
    complete (a failure leaves nothing under ``path``)."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise DatabaseError(
            f"无法创建数据库所在的文件夹：{path.parent}（{error.strerror}）",
            f"cannot create folder {path.parent}: {error}",
        ) from error

    def build_file(temp: Path) -> None:
        _run_schema_step(temp, build)
        if path.exists() and not replace_empty:
            raise DatabaseError(f"数据库文件已存在：{path}", f"{path} already exists")

    write_via_temp(path, build_file)


def _create(path: Path, replace_empty: bool = False) -> Database:
    """Build a new database beside ``path`` and move it into place when complete."""
    create_sqlite_file(path, migrate.create_schema, replace_empty)
    return open_database(path)


def file_problems(path: Path) -> list[str]:
    """SQLite's own integrity and foreign-key checks of the file at ``path``, read without
    writing to it; empty when the file is sound."""
    problems: list[str] = []
    try:
        with (
            translate_errors(),
            contextlib.closing(
                sqlite3.connect(reading_uri(path), uri=True, timeout=BUSY_TIMEOUT_S)
            ) as connection,
        ):
            rows = connection.execute("PRAGMA integrity_check").fetchall()
            problems += [row[0] for row in rows if row[0] != "ok"]
            for row in connection.execute("PRAGMA foreign_key_check").fetchall():
                problems.append(f"foreign key violation in {row[0]} row {row[1]} -> {row[2]}")
    except DatabaseCorrupt as error:
        problems.append(error.english)
    return problems


def integrity_problems(db: Database) -> list[str]:
    """``file_problems`` of the user's file (also when ``db`` reads an upgraded copy of
    it); found problems stop writing through ``db``."""
    problems = file_problems(db.source)
    if problems:
        db.condition.corruption += problems
    return problems
