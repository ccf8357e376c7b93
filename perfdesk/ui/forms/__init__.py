"""Form widgets bound to dataclass fields, and the small form builder the editors and dialogs use."""
