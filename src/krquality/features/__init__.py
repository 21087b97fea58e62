"""Pure functions and types from a spaCy ``Doc`` to features."""
