"""Finland's NUTS 3 regions as the eForms SDK 1.15 lists them (NUTS 2024,
notices/sdk/codelists/nuts_nuts-fin-lvl3.gc; the codes changed from NUTS 2021 with the wellbeing
services counties). An organisation's region and a notice's place of performance are picked
from these."""

NUTS_CODES = {
    "FI1B1": "Helsinki-Uusimaa",
    "FI1C1": "Varsinais-Suomi",
    "FI196": "Satakunta",
    "FI1C2": "Kanta-Häme",
    "FI19B": "Pirkanmaa",
    "FI1C6": "Päijät-Häme",
    "FI1C7": "Kymenlaakso",
    "FI1C5": "Etelä-Karjala",
    "FI1DA": "Etelä-Savo",
    "FI1DB": "Pohjois-Savo",
    "FI1DC": "Pohjois-Karjala",
    "FI198": "Keski-Suomi",
    "FI199": "Etelä-Pohjanmaa",
    "FI19A": "Pohjanmaa",
    "FI1D5": "Keski-Pohjanmaa",
    "FI1D9": "Pohjois-Pohjanmaa",
    "FI1D8": "Kainuu",
    "FI1D7": "Lappi",
    "FI200": "Åland",
}
