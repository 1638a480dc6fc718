"""The co-creation step's panes, one per phase (``<phase>_pane.py``), and what they share:
the board mirror, the side panel, the strategy model, and the dialogs to pick a cluster
or name one."""
