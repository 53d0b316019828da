"""Checking an organisation list (name; kind; business ID; municipality) before import.

Staff receive such lists as spreadsheets, often from Excel on a Finnish machine; the file is
read by ``spreadsheet`` and every row is checked here, so that the preview shows each problem
against its row and nothing is imported until the whole list is clean.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .errors import DomainError
from .identifiers import normalise_business_id
from .spreadsheet import RowError, cell_at, find_columns, is_blank

HEADERS = {
    "name": ("nimi", "organisaatio", "namn", "organisation", "name", "organization"),
    "kind": ("tyyppi", "laji", "organisaatiomuoto", "typ", "form", "kind", "type"),
    "business_id": ("y-tunnus", "ytunnus", "y tunnus", "fo-nummer", "fo nummer", "business id", "business_id"),
    "municipality": ("kotikunta", "kunta", "hemkommun", "kommun", "municipality"),
}
REQUIRED = ("name", "kind", "business_id")

# Kinds as people write them; contracting authorities are not imported from lists.
KINDS = {
    "company": ("yritys", "osakeyhtiö", "oy", "företag", "bolag", "ab", "company"),
    "association": ("yhdistys", "ry", "förening", "rf", "association"),
    "foundation": ("säätiö", "sr", "stiftelse", "foundation"),
    "social_enterprise": ("yhteiskunnallinen yritys", "sosiaalinen yritys", "socialt företag", "samhällsföretag",
                          "social enterprise", "social_enterprise"),
    "user_association": ("käyttäjäjärjestö", "potilasjärjestö", "brukarorganisation", "patientorganisation",
                         "user association", "user_association"),
}
_KIND_BY_NAME = {name: kind for kind, names in KINDS.items() for name in names}
MAX_NAME = 200
MAX_MUNICIPALITY = 100


@dataclass(frozen=True)
class OrganisationRow:
    number: int  # as the spreadsheet shows it (the header is row 1)
    name: str
    kind: str
    business_id: str
    municipality: str


def _text(value: Any) -> str:
    return " ".join(str(value if value is not None else "").split())


def validate(table: list[list[Any]], registered: frozenset[str] = frozenset()) -> tuple[list[OrganisationRow], list[RowError]]:
    """Check every row; import only when the error list is empty. ``registered`` holds the
    business IDs already in the database (normalised)."""
    start = next((i for i, row in enumerate(table) if not is_blank(row)), None)
    if start is None:
        return [], [RowError(1, "file", "import_empty")]
    columns = find_columns(table[start], HEADERS)
    missing = [key for key in REQUIRED if key not in columns]
    if missing:
        return [], [RowError(start + 1, key, "import_missing_column", {"column": key}) for key in missing]
    rows: list[OrganisationRow] = []
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    for index in range(start + 1, len(table)):
        raw, number = table[index], index + 1
        if is_blank(raw):
            continue
        row_errors = []
        name = _text(cell_at(raw, columns["name"]))
        if not name or len(name) > MAX_NAME:
            row_errors.append(RowError(number, "name", "import_name_required", {"max": MAX_NAME}))
        written_kind = _text(cell_at(raw, columns["kind"]))
        kind = _KIND_BY_NAME.get(written_kind.lower())
        if kind is None:
            row_errors.append(RowError(number, "kind", "import_unknown_kind", {"kind": written_kind}))
        business_id = ""
        try:
            business_id = normalise_business_id(_text(cell_at(raw, columns["business_id"])))
        except DomainError as error:
            row_errors.append(RowError(number, "business_id", error.code, error.params))
        if business_id in first_row:
            row_errors.append(RowError(number, "business_id", "import_duplicate_in_file", {"row": first_row[business_id]}))
        elif business_id in registered:
            row_errors.append(RowError(number, "business_id", "business_id_duplicate"))
        elif business_id:
            first_row[business_id] = number
        municipality = _text(cell_at(raw, columns.get("municipality")))
        if len(municipality) > MAX_MUNICIPALITY:
            row_errors.append(RowError(number, "municipality", "import_municipality_too_long", {"max": MAX_MUNICIPALITY}))
        if row_errors:
            errors.extend(row_errors)
        else:
            rows.append(OrganisationRow(number, name, kind, business_id, municipality))
    if not rows and not errors:
        errors.append(RowError(start + 1, "file", "import_empty"))
    return rows, errors
