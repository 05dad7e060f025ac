"""The headless core: plain Python, no Qt, usable from scripts and tests."""
