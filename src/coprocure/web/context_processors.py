from django.conf import settings
from django.urls import translate_url
from django.utils.translation import get_language


def site(request):
    """The language switch: the current page's address in each language."""
    current = get_language()
    path = request.get_full_path()
    return {
        "product_name": settings.COPROCURE_SITE_NAME,
        "language_links": [
            {"code": code, "name": name, "url": translate_url(path, code), "current": code == current}
            for code, name in settings.LANGUAGES
        ],
    }
