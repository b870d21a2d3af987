"""Checks run by CI beside the tests: consumers of the charts, and the layout rules."""
