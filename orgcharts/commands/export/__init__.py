"""`orgcharts export`: a spec as CSV, JSON, Mermaid or D2."""
