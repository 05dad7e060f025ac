"""The PySide6 window: thin widgets over the core and storage."""
