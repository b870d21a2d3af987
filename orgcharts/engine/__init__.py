"""Graphviz behind one door: loading and fonts, DOT writing, layout, drawing, workers."""
