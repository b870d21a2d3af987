"""`orgcharts docs`: a page per role and an index."""
