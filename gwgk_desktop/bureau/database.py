"""Opening the bureau database, SQLite (a file path) or PostgreSQL (an SQLAlchemy URL), with
the station database's safety: look before writing, refuse a database of a newer version,
back an older SQLite file up before migrating it (PostgreSQL migrates in one transaction),
one transaction per write, and errors a user can act on turned into one clear message.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Select, create_engine, event, exc, insert, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.orm import Session

from gwgk_desktop.bureau import migrate
from gwgk_desktop.bureau.models import DEFAULT_OFFICE, Office
from gwgk_desktop.errors import (
    DatabaseError,
    DatabaseLocked,
    DatabaseNotFound,
    DatabaseTooNew,
    DiskFull,
    NotGwgkDatabase,
    UserError,
)
from gwgk_desktop.paths import default_bureau_database
from gwgk_desktop.store.backup import backup_database, backup_path_for
from gwgk_desktop.store.database import (
    create_sqlite_file,
    inspect_sqlite,
    sqlite_engine,
    translate_errors,
)

log = logging.getLogger(__name__)

#: The environment variable that names the bureau database when ``--db`` does not.
BUREAU_DB_ENV = "GWGK_BUREAU_DB"
#: Tables that only a bureau database has.
MARKER = "bureau_office"
#: Serialises creating or migrating the schema when several processes open a new
#: PostgreSQL database at once (any fixed number: an advisory-lock key).
_MIGRATION_LOCK = 0x6777_6B62


def bureau_target(value: str | Path | None = None) -> str:
    """What to open: the value given, else ``GWGK_BUREAU_DB``, else the default file."""
    if value:
        return str(value)
    return os.environ.get(BUREAU_DB_ENV) or str(default_bureau_database())


def database_url(target: str | Path) -> URL:
    """An SQLAlchemy URL for ``target``: ``postgresql://…`` and ``postgres://…`` get the
    psycopg 3 driver; anything without ``://`` is an SQLite file path."""
    text_target = str(target)
    if "://" not in text_target:
        return URL.create("sqlite+pysqlite", database=str(Path(text_target).expanduser()))
    try:
        url = make_url(text_target)
    except exc.ArgumentError as error:
        raise DatabaseError(
            f"数据库地址格式不对：{text_target}", f"bad database URL: {text_target}"
        ) from error
    backend = url.get_backend_name()
    if backend in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg")
    if backend == "sqlite":
        return url
    raise DatabaseError(
        f"不支持的数据库类型“{backend}”：市局端数据库可用 SQLite 文件或 PostgreSQL",
        f"unsupported database {backend}",
    )


def describe(url: URL) -> str:
    """The database as a person reads it (a file path, or the URL without its password)."""
    if url.get_backend_name() == "sqlite":
        return str(url.database)
    return url.render_as_string(hide_password=True)


@dataclass
class BureauDatabase:
    """An open bureau database: read sessions and write transactions, on either dialect."""

    url: URL
    engine: Engine
    backup_made: Path | None = None
    upgraded_from: str | None = None

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    @property
    def is_sqlite(self) -> bool:
        return self.dialect == "sqlite"

    @property
    def path(self) -> Path | None:
        return Path(str(self.url.database)) if self.is_sqlite else None

    @property
    def label(self) -> str:
        return describe(self.url)

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with translate(self.dialect), Session(self.engine, expire_on_commit=False) as session:
            yield session

    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One transaction, committed on success and rolled back on any exception. On
        SQLite it begins IMMEDIATE (writers queue up instead of deadlocking); on
        PostgreSQL rows are locked where needed with ``for_update``."""
        with translate(self.dialect), self.engine.connect() as connection:
            if self.is_sqlite:
                connection.execution_options(sqlite_begin="IMMEDIATE")
            with Session(bind=connection, expire_on_commit=False) as session, session.begin():
                yield session

    def for_update(self, stmt: Select[Any]) -> Select[Any]:
        """``stmt`` locking the rows it reads until the transaction ends (PostgreSQL; an
        SQLite write transaction already holds the whole database)."""
        return stmt if self.is_sqlite else stmt.with_for_update()

    def tidy(self) -> None:
        """After a bulk load on PostgreSQL: VACUUM ANALYZE the items and packages, so the
        planner knows the new rows and the listing is answered from its index alone
        (vacuum marks the pages all-visible). Only pages that changed are visited."""
        if self.is_sqlite:
            return
        with translate(self.dialect), self.engine.connect() as connection:
            autocommit = connection.execution_options(isolation_level="AUTOCOMMIT")
            autocommit.exec_driver_sql("VACUUM (ANALYZE) bureau_items, bureau_packages")

    def office(self) -> str:
        with self.read() as session:
            row = session.get(Office, 1)
            return row.name if row is not None else DEFAULT_OFFICE

    def set_office(self, name: str) -> None:
        name = name.strip()
        if not name:
            raise UserError("发文机关名称不能为空", "office name is empty")
        with self.write() as session:
            row = session.get(Office, 1)
            if row is None:
                session.add(Office(id=1, name=name))
            else:
                row.name = name

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> BureauDatabase:
        return self

    def __exit__(self, *exc_info: object) -> None:
        self.close()


@contextlib.contextmanager
def translate(dialect: str) -> Iterator[None]:
    """Failures a user can act on as UserErrors (SQLite's via the station's rules)."""
    if dialect == "sqlite":
        with translate_errors():
            yield
        return
    try:
        yield
    except exc.DBAPIError as error:
        raise _postgresql_error(error) or error from error


def _postgresql_error(error: exc.DBAPIError) -> UserError | None:
    state = str(getattr(error.orig, "sqlstate", "") or "")
    text_of = str(error.orig).strip().splitlines()[0] if error.orig else ""
    if state == "53100":
        return DiskFull(
            "PostgreSQL 服务器磁盘空间已满，本次没有写入任何数据。请联系数据库管理员",
            "PostgreSQL: disk full; nothing was written",
        )
    if state in ("40001", "40P01", "55P03"):
        return DatabaseLocked(
            "数据库正忙（其他操作同时在写），本次没有写入，请重试", f"PostgreSQL busy: {state}"
        )
    if state in ("28000", "28P01"):
        return DatabaseError(
            "无法登录 PostgreSQL 数据库：用户名或口令不对", f"PostgreSQL login failed: {text_of}"
        )
    if state == "3D000":
        return DatabaseNotFound(
            f"PostgreSQL 服务器上没有这个数据库（{text_of}），请先由数据库管理员建立",
            f"no such PostgreSQL database: {text_of}",
        )
    if state == "42501":
        return DatabaseError(
            f"PostgreSQL 数据库拒绝了操作（权限不足）：{text_of}",
            f"PostgreSQL permission denied: {text_of}",
        )
    if isinstance(error, exc.OperationalError) and (not state or state.startswith("08")):
        return DatabaseError(
            f"无法连接 PostgreSQL 数据库服务器：{text_of}。请检查地址、端口，以及服务器是否在运行",
            f"cannot connect to PostgreSQL: {text_of}",
        )
    return None


def open_bureau(target: str | Path | None = None, *, create: bool = False) -> BureauDatabase:
    """Open (with ``create``, if needed create; if older, upgrade) a bureau database."""
    url = database_url(bureau_target(target))
    if url.get_backend_name() == "sqlite":
        return _open_sqlite(url, create)
    return _open_postgresql(url, create)


def _too_new(revision: str, where: str) -> DatabaseTooNew:
    return DatabaseTooNew(
        f"{where} 由更新版本的政务公开目录程序建立（结构版本 {revision}），本程序无法打开。"
        "请安装最新版本后再打开，数据库未作任何改动",
        f"bureau schema {revision} is newer than this app; nothing was changed",
    )


def _set_up(connection: Connection) -> None:
    """Migrate an empty database to head and name its office."""
    migrate.upgrade(connection)
    with connection.begin():
        if connection.execute(select(Office.id)).first() is None:
            connection.execute(insert(Office).values(id=1, name=DEFAULT_OFFICE))


def _sqlite_wal(engine: Engine) -> None:
    """WAL, and commits that sync at checkpoints rather than at every transaction: in WAL
    mode that keeps every transaction whole (a power cut may lose the last few intakes,
    which running the intake again puts back; it never leaves one half-recorded), and an
    intake of hundreds of packages does not wait for a disk flush after each."""

    @event.listens_for(engine, "connect")
    def _normal_sync(dbapi_connection: sqlite3.Connection, _record: object) -> None:
        dbapi_connection.execute("PRAGMA synchronous=NORMAL")

    with translate_errors(), engine.connect() as connection:
        driver = connection.connection.driver_connection
        assert driver is not None
        driver.execute("PRAGMA journal_mode=WAL")


def _open_sqlite(url: URL, create: bool) -> BureauDatabase:
    path = Path(str(url.database)).absolute()
    url = url.set(database=str(path))
    if not path.exists() or path.stat().st_size == 0:
        if not create:
            raise DatabaseNotFound(
                f"找不到市局端数据库：{path}（请先接收报送包或导入密钥登记册，会自动建立）",
                f"no bureau database at {path}",
            )
        create_sqlite_file(path, _set_up, replace_empty=path.exists())
    contents = inspect_sqlite(path, migrate.VERSION_TABLE)
    if MARKER not in contents.tables or contents.revision is None:
        station = "station" in contents.tables
        raise NotGwgkDatabase(
            f"{path.name} 是{'派出所（单位端）的数据库' if station else '其他程序的SQLite数据库'}，"
            "不是市局端数据库，文件未作任何改动",
            f"{path} is not a bureau database; it was not modified",
        )
    backup_made = upgraded_from = None
    if contents.revision not in migrate.known_revisions():
        raise _too_new(contents.revision, path.name)
    if contents.revision != migrate.head_revision():
        backup_made = backup_database(path, backup_path_for(path, contents.revision))
        log.info("backed up %s to %s before upgrading", path, backup_made)
        engine = sqlite_engine(path, readonly=False)
        try:
            with translate_errors(), engine.connect() as connection:
                migrate.upgrade(connection)
        finally:
            engine.dispose()
        upgraded_from = contents.revision
    engine = sqlite_engine(path, readonly=False)
    _sqlite_wal(engine)
    return BureauDatabase(url, engine, backup_made, upgraded_from)


def _postgresql_engine(url: URL) -> Engine:
    try:
        return create_engine(url, pool_pre_ping=True, pool_size=4, max_overflow=8)
    except ImportError as error:
        # On Linux psycopg runs over the system's libpq (the bundle carries none); without
        # it the driver cannot load. SQLite bureaus never get here.
        first = str(error).strip().splitlines()[0] if str(error).strip() else repr(error)
        raise DatabaseError(
            "无法使用 PostgreSQL 数据库：本机没有 PostgreSQL 客户端库 libpq。"
            "请安装它（统信UOS、银河麒麟、Debian：apt install libpq5）后再试；"
            "SQLite 数据库文件不需要它",
            f"cannot load the PostgreSQL driver (is libpq5 installed?): {first}",
        ) from error


def _open_postgresql(url: URL, create: bool) -> BureauDatabase:
    engine = _postgresql_engine(url)

    @event.listens_for(engine, "connect")
    def _planner(dbapi_connection: Any, _record: object) -> None:
        # Costs of solid-state storage (PostgreSQL's default assumes spinning disks and then
        # sorts the whole city rather than read the listing index in order), and room to
        # sort a city's matches in memory.
        with dbapi_connection.cursor() as cursor:
            cursor.execute("SET random_page_cost = 1.1")
            cursor.execute("SET work_mem = '32MB'")
        dbapi_connection.commit()

    where = describe(url)
    try:
        with translate("postgresql"), engine.connect() as connection:
            upgraded_from = _prepare_postgresql(connection, where, create)
    except BaseException:
        engine.dispose()
        raise
    return BureauDatabase(url, engine, None, upgraded_from)


def _prepare_postgresql(connection: Connection, where: str, create: bool) -> str | None:
    """Check what the database holds and create or upgrade the schema, in one transaction
    under an advisory lock (two intakes on a new database never both create it; DDL is
    transactional, so a failed migration leaves the database as it was). Returns the
    revision upgraded from, if any."""
    from alembic import command

    with connection.begin():
        connection.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        tables = set(inspect(connection).get_table_names())
        revision = migrate.current_revision(connection) if migrate.VERSION_TABLE in tables else None
        if revision is None:
            if any(t.startswith("bureau_") for t in tables):
                raise NotGwgkDatabase(
                    f"{where} 中已有同名的表，但不是完整的市局端数据库，未作任何改动",
                    f"{where} holds bureau_* tables of unknown origin; nothing was changed",
                )
            if not create:
                raise DatabaseNotFound(
                    f"{where} 中还没有市局端数据（请先接收报送包或导入密钥登记册，会自动建立）",
                    f"{where} holds no bureau database yet",
                )
        elif revision not in migrate.known_revisions():
            raise _too_new(revision, where)
        if revision == migrate.head_revision():
            return None
        command.upgrade(migrate.alembic_config(connection), "head")
        if connection.execute(select(Office.id)).first() is None:
            connection.execute(insert(Office).values(id=1, name=DEFAULT_OFFICE))
    return revision
