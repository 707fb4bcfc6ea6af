"""A first application instance for the crash test: logs in as the clerk, types into an
item, says ``AUTOSAVED <item id> <draft path>`` once the autosave timer wrote the draft,
then keeps running until the test kills it (a power cut, as far as the app can tell).

    python -m tests.gui.crash_instance DATABASE TEXT
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from gwgk_desktop.domain.enums import ItemKind, Status
from gwgk_desktop.gui.application import make_application
from gwgk_desktop.gui.main_window import MainWindow
from gwgk_desktop.services import auth
from gwgk_desktop.services.autosave import DraftSession
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store.database import open_database
from tests.gui.conftest import commit_text


def main() -> int:
    db_path, text = Path(sys.argv[1]), sys.argv[2]
    app = make_application([])
    db = open_database(db_path)
    actor = auth.authenticate(db, "clerk", "clerk123")
    drafts = DraftSession(db.path)
    window = MainWindow(db, actor, drafts)
    window.show()
    item_id = window.catalogue.items.search_ids(
        ItemQuery(kind=ItemKind.CATALOGUE, statuses=frozenset({Status.DRAFT}))
    )[0]
    window.go_to_item(item_id)
    name = window.editor.active["name"].widget
    name.setFocus()
    commit_text(name, text)

    def report(path: str) -> None:
        print(f"AUTOSAVED {item_id} {path}", flush=True)

    window.editor.autosave.written.connect(report)
    return app.exec()


if __name__ == "__main__":
    sys.exit(main())
