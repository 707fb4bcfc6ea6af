"""Plain domain types and rules: no Qt, no SQLAlchemy.

Everything here can be used by the store, the services, the PDF writer, the package
format and the GUI alike, and is tested without a database.
"""
