"""Thin views: read through selectors, write through services, render templates. One module
per chapter; urls.py names each view by its chapter."""
