"""The approval-procedure flowchart editor (审批程序流程图): model-driven scene, items,
undo commands, mouse interactions, palette, properties panel and the editor widget that
the licensing item editor hosts."""

from gwgk_desktop.gui.flowchart.editor import FlowchartEditor

__all__ = ["FlowchartEditor"]
