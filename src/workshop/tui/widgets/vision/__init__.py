"""Widgets of the vision step: panel tabs, the goal tree and form with the live SMART
check, the vision statement, the cascade editor, the value-chain funnel."""
