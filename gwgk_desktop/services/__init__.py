"""Use cases over the store: what the GUI and the CLI call. No Qt here.

Services take a ``Database`` and, for changes, the ``Actor`` on whose behalf they act; they
return domain values, never ORM objects, and raise ``UserError`` for anything a person can
fix.
"""
