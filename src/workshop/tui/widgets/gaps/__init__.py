"""Widgets of the gaps step: the view switcher, the fishbone, the 5-Why ladder, boards."""
