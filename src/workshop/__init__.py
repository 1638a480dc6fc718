"""workshop: run an action-learning workshop on annual goal decomposition from one terminal."""

__version__ = "0.1.0"
