"""The Textual face of workshop: one App, a screen per step, widgets by screen region."""
