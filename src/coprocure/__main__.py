"""``python -m coprocure`` is the same as the ``coprocure`` command."""

from coprocure.cli import main

main()
