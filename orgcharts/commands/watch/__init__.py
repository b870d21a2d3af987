"""`orgcharts watch`: re-render on save, and the live-reload page server."""
