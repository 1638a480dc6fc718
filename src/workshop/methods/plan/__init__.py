"""Step 5, plan: strategies to actions, adoption and the readiness rules."""
