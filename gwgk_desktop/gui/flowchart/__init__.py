"""The approval-procedure flowchart editor (审批程序流程图): model-driven scene, items,
undo commands, mouse interactions, palette, properties panel, and the editor widget
(``editor.FlowchartEditor``) that the licensing item editor hosts. Nothing is imported
here, so the modules may import each other (``style``) without pulling in the editor."""
