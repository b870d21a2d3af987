"""`orgcharts import`: HR exports -> a spec."""
