"""`orgcharts diff`: what changed between two versions of a spec, as charts and a changelog."""
