"""newsgraph.link."""
