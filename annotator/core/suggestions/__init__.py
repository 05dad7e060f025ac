"""Suggestions: passages the machine pre-marks for the coder to accept or reject.

Plain Python, no Qt, no SQL. ``engine.suggest`` runs every finder over one article's text and
returns ``model.Suggestion`` records; nothing here writes anything. Boundary conventions are
stated in README.md ("Suggestions") and held in ``model.SuggestionSettings``.
"""
