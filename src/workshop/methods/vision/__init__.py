"""Step 1, vision: the SMART check, target cascades and the value-chain funnel."""
