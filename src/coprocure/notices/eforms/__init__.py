"""eForms notices as plain data (``data``) and their UBL 2.3 XML (``writer``), no database."""
