"""Every table of a station's database in one ``metadata`` (for creating a new database and
for comparing the models with the migrations): importing this imports all the models."""

from __future__ import annotations

import gwgk_desktop.store.models
import gwgk_desktop.store.request_models  # noqa: F401 - their tables join the metadata
from gwgk_desktop.store.base import Base

metadata = Base.metadata
