"""Errors the storage layer raises; each message is one line a researcher can act on."""


class ProjectError(Exception):
    """A project file cannot be created or opened."""


class NotSQLiteError(ProjectError):
    pass


class NotAProjectError(ProjectError):
    pass


class NewerProjectError(ProjectError):
    pass


class InvalidAnnotationError(ValueError):
    """An annotation whose offsets or passage text do not match its article."""
