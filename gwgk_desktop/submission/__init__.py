"""The signed submission package (``.gwgk``) and the keys that sign it.

No database, no Qt: the builder takes records and attachment streams from the services,
the verifier takes a file, a key registry and a state file. ``docs/package-format.md`` is
the specification these modules implement.
"""
