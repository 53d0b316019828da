"""Validate OCDS release packages against the schemas kept in ``schema/``, offline.

The release schema is patched with the extensions CoProcure uses (JSON Merge Patch, RFC 7386)
and registered under the core schema's own URI, so the package schema's ``$ref`` resolves to
the patched copy and nothing is fetched. jsonschema is a development dependency: this module
serves the tests and anyone checking an export, not the running application.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

SCHEMA_DIR = Path(__file__).resolve().parent / "schema"
# Dependencies first (the extensions README's order): lots $refs submissionTerms' definition.
EXTENSIONS = ("ocds_lots_extension", "ocds_submissionTerms_extension", "ocds_bid_extension",
              "ocds_awardCriteria_extension", "ocds_selectionCriteria_extension", "ocds_procedure_extension",
              "ocds_organizationClassification_extension",
              "coprocure_participationEvaluation_extension", "coprocure_tieBreak_extension",
              "coprocure_procedureStages_extension")


def merge_patch(target, patch):
    """RFC 7386: objects merge recursively, ``null`` deletes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return patch
    result = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            result.pop(key, None)
        else:
            result[key] = merge_patch(result.get(key), value)
    return result


def _load(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


@cache
def patched_release_schema() -> dict:
    schema = _load(SCHEMA_DIR / "release-schema.json")
    for extension in EXTENSIONS:
        schema = merge_patch(schema, _load(SCHEMA_DIR / "extensions" / extension / "release-schema.json"))
    return schema


@cache
def package_validator():
    """A Draft 4 validator (the draft OCDS uses) with format checking, for release packages."""
    from jsonschema import Draft4Validator
    from referencing import Registry, Resource
    from referencing.jsonschema import DRAFT4

    release = patched_release_schema()
    package = _load(SCHEMA_DIR / "release-package-schema.json")
    registry = Registry().with_resources(
        (schema["id"], Resource.from_contents(schema, default_specification=DRAFT4)) for schema in (release, package)
    )
    return Draft4Validator(package, registry=registry, format_checker=Draft4Validator.FORMAT_CHECKER)


def errors(package: dict) -> list[str]:
    """Every validation error, as ``path: message`` lines (empty when the package is valid)."""
    return sorted(f"{'/'.join(map(str, error.absolute_path))}: {error.message}"
                  for error in package_validator().iter_errors(package))


def undeclared_fields(data, schema: dict | None = None, path: str = "") -> list[str]:
    """Fields the patched schema does not declare. OCDS allows additional properties, so a
    misspelt field (``awardCriterias``) would pass validation silently; this catches it, as the
    OCDS Data Review Tool does."""
    root = patched_release_schema()
    schema = root if schema is None else schema
    if "$ref" in schema:
        schema = root["definitions"][schema["$ref"].rsplit("/", 1)[-1]]
    found = []
    if isinstance(data, dict):
        properties = schema.get("properties", {})
        for key, value in data.items():
            if key not in properties:
                if not schema.get("patternProperties"):
                    found.append(f"{path}/{key}")
                continue
            found += undeclared_fields(value, properties[key], f"{path}/{key}")
    elif isinstance(data, list) and isinstance(schema.get("items"), dict):
        for index, item in enumerate(data):
            found += undeclared_fields(item, schema["items"], f"{path}/{index}")
    return found
