"""The public's way in: what one can take part in now, across procurements (the front door),
each activity's own short-address page with its QR code, the feeds and the API list."""
