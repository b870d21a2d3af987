"""Geometry orgcharts decides itself: tree placement, slide fitting, splitting."""
