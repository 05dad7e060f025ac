"""Exit codes and the error the commands raise for a one-line message."""

OK = 0
SOME_INPUTS_FAILED = 1
USAGE_OR_PROJECT_ERROR = 2


class CliError(Exception):
    """Printed as one line on stderr; the process exits with ``code``."""

    def __init__(self, message: str, code: int = USAGE_OR_PROJECT_ERROR):
        super().__init__(message)
        self.code = code
