"""Thin views: read through selectors, write through services, render templates. One module
per chapter: the plan and activities, surveys, batch entry, "you said, we did", events."""
