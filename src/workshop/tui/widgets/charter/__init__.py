"""Widgets of the charter screen: the team tabs and the charter sheet."""
