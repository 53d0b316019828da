"""Refuse an over-sized request before anything reads its body: a clear 413, never a 500 or a
worker busy reading megabytes it will throw away."""

from __future__ import annotations

from django.conf import settings
from django.http import JsonResponse
from django.shortcuts import render

from coprocure.errors import message_for


class RequestSizeLimitMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        if length > settings.COPROCURE_REQUEST_MAX_BYTES:
            return self.too_large(request)
        return self.get_response(request)

    @staticmethod
    def too_large(request):
        limit = settings.COPROCURE_REQUEST_MAX_BYTES // 1_000_000
        message = message_for("request_too_large", {"max": limit})
        if request.path_info.startswith("/api/"):
            return JsonResponse({"detail": message, "errors": [
                {"field": None, "code": "request_too_large", "message": message}]}, status=413)
        return render(request, "core/too_large.html", {"message": message}, status=413)
