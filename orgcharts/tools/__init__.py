"""Users of the pipeline, not stages of it: the diff between two versions of a spec, and role pages."""

__all__: list[str] = []
