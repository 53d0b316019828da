"""CoProcure: participatory, outcome-based procurement of social and health services."""
