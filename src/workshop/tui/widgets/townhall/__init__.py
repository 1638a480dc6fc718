"""Widgets of the town hall screen: presentation rows, the challenge log, its dialogs."""
