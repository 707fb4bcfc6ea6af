"""SQL triggers that make the audit log append-only.

They are part of the schema (migration 0002 creates them, and so does a fresh database);
they stop accidental edits through the application or a casual SQL tool. Someone who drops
them and rewrites rows is caught by the hash chain instead (see ``audit.verify_chain``).
"""

from __future__ import annotations

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
