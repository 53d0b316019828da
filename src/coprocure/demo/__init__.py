"""Demo content faithful to the seed documents: Tampere's innovative substance-abuse services
procurement (now in its contract period), Espoo's housing-support alliance, and an
older-people's services procurement still in preparation. Everything is written through the
service layer, so the demo's audit trail is real."""
