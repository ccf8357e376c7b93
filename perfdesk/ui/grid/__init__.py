"""The Excel-like grids: table models over the document's lists, the view, clipboard, type-ahead."""
