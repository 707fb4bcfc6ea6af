"""Run the flowchart editor on its own, for trying it out and for screenshots:

    python -m gwgk_desktop.gui.flowchart [--db PATH --item ID] [--template KEY]
                                         [--screenshot PNG] [--size 1280x800]

With ``--db`` and ``--item`` it shows that item's chart (edits are not saved: saving goes
through the item editor or ``gwgk flowchart set``); otherwise a template (default: the
standard one).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QTimer

from gwgk_desktop.gui.text import fmt


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m gwgk_desktop.gui.flowchart")
    parser.add_argument("--db", type=Path)
    parser.add_argument(
        "--item", help=QCoreApplication.translate("FlowchartMain", "事项编号、UUID 或索引号")
    )
    parser.add_argument("--template", default="standard")
    parser.add_argument(
        "--screenshot",
        type=Path,
        help=QCoreApplication.translate("FlowchartMain", "保存窗口截图后退出"),
    )
    parser.add_argument("--size", default="1280x800")
    parser.add_argument(
        "--select", help=QCoreApplication.translate("FlowchartMain", "截图前选中的节点")
    )
    args = parser.parse_args(argv)

    from gwgk_desktop.gui.application import make_application, save_picture
    from gwgk_desktop.gui.flowchart.editor import FlowchartEditor
    from gwgk_desktop.services.catalogue import Catalogue
    from gwgk_desktop.services.flowcharts import template_chart
    from gwgk_desktop.store.database import open_database

    app = make_application()
    db = open_database(args.db, readonly=True) if args.db else None
    editor = FlowchartEditor(db=db)
    width, height = (int(v) for v in args.size.split("x"))
    editor.resize(width, height)
    if db is not None and args.item:
        catalogue = Catalogue(db)
        item = catalogue.items.get(catalogue.items.resolve(args.item))
        editor.setWindowTitle(
            fmt(QCoreApplication.translate("FlowchartMain", "%1 — 审批程序流程图"), item.name)
        )
        editor.set_flowchart(item.content.flowchart)
    else:
        editor.setWindowTitle(QCoreApplication.translate("FlowchartMain", "审批程序流程图"))
        editor.set_flowchart(template_chart(args.template, db))
    editor.show()
    editor.view.fit()
    if args.select:
        editor.scene.select_keys([args.select], [])
    if args.screenshot is not None:

        def grab() -> None:
            editor.view.fit()
            saved = save_picture(editor, args.screenshot)
            editor.close()
            if not saved:
                QCoreApplication.exit(1)

        QTimer.singleShot(300, grab)
    code = app.exec()
    if db is not None:
        db.close()
    return code


if __name__ == "__main__":
    sys.exit(main())
