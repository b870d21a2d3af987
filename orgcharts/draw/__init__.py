"""Writers of a laid-out chart: SVG, PNG, PDF and native PPTX."""
