"""One module per section (and per drill-in screen)."""
