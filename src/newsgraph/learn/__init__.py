"""Optional learned components, trained locally by the user from public data.

Nothing here ships weights: each model is trained on the user's machine from
a data path they pass and cached outside the project (see
``attribution_tagger``). Needs the ``[learn]`` extra.
"""
