"""Scorers for the public evaluation sets (``newsgraph eval TASK --data PATH``)."""
