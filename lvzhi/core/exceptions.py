"""Domain errors: Chinese messages that views show and the API returns as JSON."""

from __future__ import annotations

from enum import StrEnum
from typing import Any


class ErrorCode(StrEnum):
    INVALID = "invalid"
    NOT_FOUND = "not_found"
    PERMISSION_DENIED = "permission_denied"
    NOT_AUTHENTICATED = "not_authenticated"
    TRANSITION_NOT_ALLOWED = "transition_not_allowed"
    CONCURRENT_TRANSITION = "concurrent_transition"
    IMPORT_REJECTED = "import_rejected"
    CONFLICT = "conflict"
    RATE_LIMITED = "rate_limited"


class DomainError(Exception):
    code: ErrorCode = ErrorCode.INVALID
    status: int = 400

    def __init__(self, message: str, *, code: ErrorCode | None = None, extra: dict[str, Any] | None = None):
        super().__init__(message)
        self.message = str(message)
        if code is not None:
            self.code = code
        self.extra = extra or {}


class TransitionNotAllowed(DomainError):
    code = ErrorCode.TRANSITION_NOT_ALLOWED
    status = 409


class ConcurrentTransition(DomainError):
    code = ErrorCode.CONCURRENT_TRANSITION
    status = 409


class ImportRejected(DomainError):
    code = ErrorCode.IMPORT_REJECTED
    status = 400


class NotFound(DomainError):
    code = ErrorCode.NOT_FOUND
    status = 404
