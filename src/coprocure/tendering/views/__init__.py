"""Thin views, one module per chapter of a tender's life: read through selectors, write through
services, render templates. ``urls.py`` names each view by its chapter."""
