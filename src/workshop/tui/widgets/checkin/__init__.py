"""After the day: the check-in step's panes — actuals grid, actions, the room view."""
