"""The native PowerPoint deck: slide shapes from the laid-out chart, drawn with python-pptx."""
