"""Spreadsheets are checked for what they would cost before they are parsed (issue 17): an
XLSX that is a zip bomb, a sheet that claims a huge size, too many columns or an enormous cell
is refused on every upload route quickly, in bounded memory, and nothing is stored."""

import io
import json
import struct
import time
import tracemalloc
import zipfile
import zlib

import pytest
from openpyxl import Workbook

from coprocure.contracts.models import Measurement
from coprocure.core.models import Organisation
from coprocure.ops.models import Job

from .test_uploads import PNG, route  # noqa: F401 - the fixture: every route that takes a file
from ..contracts.conftest import contract, indicator, provider, reporter  # noqa: F401 - fixtures

GB = 1 << 30


def deflated_spaces(total: int, chunk: int = 1 << 20) -> tuple[bytes, int]:
    """A deflate stream of ``total`` spaces and its CRC, built without compressing it all: after
    a full flush every identical chunk compresses to identical bytes, so one is repeated."""
    compressor = zlib.compressobj(9, zlib.DEFLATED, -15)
    block = compressor.compress(b" " * chunk) + compressor.flush(zlib.Z_FULL_FLUSH)
    count = total // chunk
    crc = 0
    piece = b" " * chunk
    for _ in range(count):
        crc = zlib.crc32(piece, crc)
    return block * count + compressor.flush(zlib.Z_FINISH), crc


def zip_with(name: str, data: bytes, crc: int, size: int) -> bytes:
    """A one-member zip written field by field (PKWARE APPNOTE 4.3), deflated member."""
    encoded = name.encode()
    local = struct.pack("<IHHHHHIIIHH", 0x04034B50, 20, 0, 8, 0, 0, crc, len(data), size, len(encoded), 0)
    central = struct.pack("<IHHHHHHIIIHHHHHII", 0x02014B50, 20, 20, 0, 8, 0, 0, crc, len(data), size,
                          len(encoded), 0, 0, 0, 0, 0, 0)
    directory_at = len(local) + len(encoded) + len(data)
    directory = central + encoded
    end = struct.pack("<IHHHHIIH", 0x06054B50, 0, 0, 1, 1, len(directory), directory_at, 0)
    return local + encoded + data + directory + end


@pytest.fixture(scope="module")
def bomb() -> bytes:
    data, crc = deflated_spaces(GB + (100 << 20))
    return zip_with("xl/worksheets/sheet1.xml", data, crc, GB + (100 << 20))


def xlsx(rows, dimension: str | None = None) -> bytes:
    workbook = Workbook()
    for row in rows:
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    if dimension is None:
        return buffer.getvalue()
    # Rewrite the sheet's declared size, as a crafted file would.
    source = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source.infolist():
            content = source.read(item.filename)
            if item.filename == "xl/worksheets/sheet1.xml":
                content = content.replace(b'<dimension ref="A1:B2"/>', f'<dimension ref="{dimension}"/>'.encode())
            target.writestr(item, content)
    return out.getvalue()


def stored():
    return Measurement.objects.count(), Organisation.objects.count()


def test_the_bomb_is_small_and_really_unpacks_to_more_than_a_gigabyte(bomb):
    assert len(bomb) < 2_000_000  # under the upload limit: the size check alone would let it in
    member = zipfile.ZipFile(io.BytesIO(bomb)).infolist()[0]
    assert member.file_size > GB
    with zipfile.ZipFile(io.BytesIO(bomb)).open(member) as unpacked:
        assert unpacked.read(1 << 20) == b" " * (1 << 20)  # the stream is real, not only declared


def test_a_zip_bomb_is_refused_at_once_in_bounded_memory(route, bomb):  # noqa: F811
    send, is_api = route
    send("kuva.png", PNG)  # warms the route up (templates, URL resolver): refused by type
    before = stored()
    started = time.monotonic()
    response = send("lista.xlsx", bomb)
    elapsed = time.monotonic() - started
    # Memory is measured in a second request: tracing allocations slows Python down too much
    # for the first one to say anything about time.
    tracemalloc.start()
    send("lista.xlsx", bomb)
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    # The API says 413; a page shows its form again with the file's error (422).
    assert response.status_code == (413 if is_api else 422)
    assert elapsed < 1.0
    assert peak < 50_000_000  # the request's own allocations, including the 1.1 MB upload
    text = response.content.decode()
    assert ("avattuna liikaa tilaa" in text) if not is_api else ("upload_unpacks_too_large" in text)
    assert stored() == before


@pytest.mark.parametrize("rows,dimension,code", [
    ([["nimi", "x"], ["a", "b"]], "A1:XFD1048576", None),
    ([[f"c{i}" for i in range(150)]], None, "upload_too_many_columns"),
    ([["nimi", "x" * 6000]], None, "upload_cell_too_long"),
])
def test_declared_sizes_columns_and_cells_are_bounded(request, route, rows, dimension, code,  # noqa: F811
                                                     django_capture_on_commit_callbacks):
    send, is_api = route
    send("kuva.png", PNG)
    before = stored()
    started = time.monotonic()
    with django_capture_on_commit_callbacks(execute=True):
        response = send("lista.xlsx", xlsx(rows, dimension))
    assert time.monotonic() - started < 2.0
    if request.node.callspec.params["route"].endswith("_job_api"):
        # An import job's route checks only the archive; the worker reads the rows and refuses them.
        assert response.status_code == 202, response.content
        job = Job.objects.get(pk=response.json()["id"])
        assert job.state == "failed"
        if code:
            assert code in json.dumps(job.outcome)
    else:
        assert response.status_code == 422
        if code and is_api:
            assert code in response.content.decode()
    assert stored() == before
