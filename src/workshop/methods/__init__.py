"""Pure functions over the workshop document: no I/O, no Textual.

SMART checking, target cascades, funnels, gap ranking, vote tallies, plan readiness,
the clock and the turn order. Tests and scripts can call them directly.
"""
