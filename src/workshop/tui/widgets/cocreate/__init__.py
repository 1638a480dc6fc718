"""Widgets of the co-creation screen: the phase bar, the focus question, the side panel,
the strategy model, and the dialogs to pick a cluster or name one."""
