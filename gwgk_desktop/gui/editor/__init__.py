"""The item editor (``editor.ItemEditor``) and its parts: widgets and field bindings, undo
commands, problem display, autosave, the review actions and item operations, history."""
