"""How far a workbook would unzip, checked before openpyxl unzips it.

An ``.xlsx`` workbook is a zip archive of XML files. `read_bytes` limits the size of the file
read, but openpyxl unzips its members without a limit of its own: a 2 MiB file of zeros deflated
1,000 to 1 unzips to 2 GiB, parsed twice (see `inspectkit.loading._files`) and, for the shared
strings, held in memory. So the archive's central directory is read first, with `zipfile`, and
a workbook that would unzip past `WORKBOOK_MAX_UNZIPPED`, expand more than `WORKBOOK_MAX_RATIO`
times (once it unzips past `WORKBOOK_RATIO_FROM`) or hold more than `WORKBOOK_MAX_MEMBERS` files
is refused before anything is unzipped.

Why the central directory can be trusted: openpyxl opens members with `zipfile`, which reads a
member's data only up to the size the central directory gives it (``ZipInfo.file_size``, what is
summed here) and then raises on the checksum of a member that would unzip to more. A lie there
cannot unzip more than it declares.

The limits are far above what a real table needs: a workbook of 30,000 units with the children's
centre framework's 33 criteria unzips to about 65 MiB, expanded up to about 25 times (the
same text in every cell; 8 times for varied numbers).
"""

from __future__ import annotations

import io

__all__ = [
    "UNZIP_HINT",
    "WORKBOOK_MAX_MEMBERS",
    "WORKBOOK_MAX_RATIO",
    "WORKBOOK_MAX_UNZIPPED",
    "WORKBOOK_RATIO_FROM",
    "unzip_problem",
]

WORKBOOK_MAX_UNZIPPED = 1024 * 1024 * 1024
"""The most a workbook's members may unzip to, together, in bytes (1 GiB)."""

WORKBOOK_MAX_RATIO = 100
"""The most a workbook's members may expand, together, unzipped over zipped (100 times)."""

WORKBOOK_RATIO_FROM = 16 * 1024 * 1024
"""The unzipped size from which `WORKBOOK_MAX_RATIO` applies (16 MiB): a small workbook
expanding far is harmless."""

WORKBOOK_MAX_MEMBERS = 10_000
"""The most files a workbook's zip may hold (a workbook has about ten, and two per sheet)."""

UNZIP_HINT = (
    "this is not an ordinary workbook (a zip bomb?): open it in Excel and save it again as "
    "'Excel Workbook (.xlsx)', or save the table as CSV UTF-8"
)
"""What to do with a workbook refused by `unzip_problem`."""


def _size(count: int) -> str:
    for unit, size in (("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)):
        if count >= size:
            return f"{count / size:.1f} {unit}"
    return f"{count} bytes"


def unzip_problem(data: bytes) -> str | None:
    """Return why the workbook *data* would unzip too far, or ``None`` if it would not.

    Bytes that are not a zip archive give ``None``: openpyxl cannot open them either, and that
    is reported as ``not-a-workbook``.
    """
    import zipfile  # here: only a workbook needs it, and every evidence read imports this module

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            members = archive.infolist()
    except Exception:  # zipfile raises what its parsing meets on damaged bytes; see above
        return None
    if len(members) > WORKBOOK_MAX_MEMBERS:
        return (
            f"the workbook's zip holds {len(members):,} files, more than the "
            f"{WORKBOOK_MAX_MEMBERS:,} a workbook is read with"
        )
    unzipped = sum(member.file_size for member in members)
    zipped = sum(member.compress_size for member in members)
    if unzipped > WORKBOOK_MAX_UNZIPPED:
        return (
            f"the workbook would unzip to {_size(unzipped)}, over the limit of "
            f"{_size(WORKBOOK_MAX_UNZIPPED)}"
        )
    if unzipped > WORKBOOK_RATIO_FROM and unzipped > WORKBOOK_MAX_RATIO * max(zipped, 1):
        return (
            f"the workbook would unzip from {_size(zipped)} to {_size(unzipped)}, "
            f"{unzipped // max(zipped, 1):,} times its size, more than the "
            f"{WORKBOOK_MAX_RATIO} times a workbook is read with"
        )
    return None
