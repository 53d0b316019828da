from django.utils import translation


class ApiLanguageMiddleware:
    """The API has no language prefix in its paths, so it follows the Accept-Language header.

    Django's LocaleMiddleware falls back to the default language for every unprefixed path once
    i18n_patterns hides the Finnish prefix; integrations still deserve messages in Swedish or
    English when they ask for them.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith("/api/"):
            return self.get_response(request)
        language = translation.get_language_from_request(request, check_path=False)
        request.LANGUAGE_CODE = language
        # Scoped to this request: a thread that serves the next request must not keep it.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response
