"""Step 2, gaps: ranking the gaps, key gaps, root causes and the 5-Why rules."""
