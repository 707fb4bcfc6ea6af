"""The city bureau's side (市局端): one database for the 政务公开办公室 that takes in every
station's signed packages, keeps the key registry, the replay state and the reporting
rounds, and answers who is late or incomplete, the city-wide catalogue and the inspection
notice (通报).

The database is SQLite by default (a file) or PostgreSQL (an SQLAlchemy URL); every module
here works on both. ``models``, ``migrate`` and ``database`` are the store of this side;
the other modules are its services, used alike by ``gwgk bureau …`` and the GUI's bureau
mode. No Qt here.
"""
