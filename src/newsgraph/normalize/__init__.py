"""newsgraph.normalize."""
