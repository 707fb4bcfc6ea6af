"""SQL triggers that make the audit log append-only.

They are part of the schema (migration 0002 creates them, and so does a fresh database);
they stop accidental edits through the application or a casual SQL tool. Someone who drops
them and rewrites rows is caught by the hash chain instead (see ``audit.verify_chain``), and
``gwgk check`` reports triggers that are missing or changed (``trigger_problems``).
"""

from __future__ import annotations

from sqlalchemy import Connection

AUDIT_TRIGGERS: dict[str, str] = {
    "audit_log_no_update": (
        "CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    ),
    "audit_log_no_delete": (
        "CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log "
        "BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END"
    ),
}


def _normal(sql: str) -> str:
    return " ".join(sql.split()).rstrip(";").lower()


def trigger_problems(connection: Connection) -> list[str]:
    """Audit triggers that are missing or not as the schema makes them (dropped or
    replaced to rewrite the log)."""
    found: dict[str, str | None] = dict(
        connection.exec_driver_sql(
            "SELECT name, sql FROM sqlite_master WHERE type = 'trigger'"
        ).fetchall()
    )
    problems = []
    for name, ddl in AUDIT_TRIGGERS.items():
        if name not in found:
            problems.append(f"审计日志的保护触发器 {name} 不存在（被删除过）")
        elif _normal(found[name] or "") != _normal(ddl):
            problems.append(f"审计日志的保护触发器 {name} 被改动过")
    return problems
