"""Widgets of the review step: last year's goals with their outcome, and the goal form."""
