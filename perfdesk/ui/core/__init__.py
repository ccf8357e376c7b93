"""Shared by every room of the editor: the session, undo commands, worker threads, settings, style."""
