"""The item editor: forms, bindings, undo commands, workflow buttons, history."""
