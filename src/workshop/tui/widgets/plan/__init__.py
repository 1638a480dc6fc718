"""Widgets of the plan screen (and the line-based row list the town hall shares)."""
