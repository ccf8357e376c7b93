"""The main window and what frames the editors: document view, tree, checks panel, find, start page."""
