"""Where outputs go: naming, atomic writes, the cache, leftovers, the gallery."""
