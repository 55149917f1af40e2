from django.shortcuts import render

from .errors import DomainError


class DomainErrorMiddleware:
    """Turn a DomainError that a view did not handle into a readable error page."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if isinstance(exception, DomainError):
            return render(
                request,
                "core/error.html",
                {"message": exception.message},
                status=exception.status_code,
            )
        return None
