"""The root of every error a user can act on."""


class ReviewerError(Exception):
    """Base class of errors whose message is meant for the user.

    Messages are lowercase one-liners with context (``"contract amount: not a
    number: 'abc'"``), suitable for the CLI and for a GUI message box.
    """


class ProgramError(ReviewerError):
    """The program file is malformed or inconsistent."""


class ScoreError(ReviewerError):
    """A score is outside its criterion's range or off its step."""


class IntakeError(ReviewerError):
    """An application record cannot be read."""
