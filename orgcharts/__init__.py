"""orgcharts: org and responsibility charts kept as validated YAML, rendered with Graphviz."""

__all__ = ["__version__"]

__version__ = "0.1.0"
