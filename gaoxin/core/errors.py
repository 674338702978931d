from django.core.exceptions import PermissionDenied


class DomainError(Exception):
    """A rule of the domain refused an action. The message is for the user, translated."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotAllowed(PermissionDenied):
    """The user's role does not allow the action. Django answers it with 403."""
