"""Round trip: what a package holds, read back, equals the database it came from."""

from __future__ import annotations

import datetime as dt
import shutil
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from gwgk_desktop.domain.enums import Audience, DisclosureMode, ItemKind, Level
from gwgk_desktop.domain.models import ItemContent
from gwgk_desktop.domain.serialize import content_from_dict, station_from_dict
from gwgk_desktop.domain.unsafe_text import UNSAFE_CHARACTERS
from gwgk_desktop.services import export, keys, station
from gwgk_desktop.services.catalogue import Catalogue
from gwgk_desktop.services.changes import new_content
from gwgk_desktop.services.queries import ItemQuery
from gwgk_desktop.store import blobs
from gwgk_desktop.store.database import Database, open_database
from gwgk_desktop.submission.keys import KeyPair
from gwgk_desktop.submission.reader import open_package
from gwgk_desktop.submission.registry import Registry
from gwgk_desktop.submission.verify import verify_package
from tests.conftest import actors_of
from tests.submission.conftest import PASSPHRASE, Exported, approve
from tests.submission.tools import resign, verify_bytes

# Any text an item may hold, Chinese included, with the odd quote, backslash, line break
# and tab that canonical JSON must escape (other control characters and bidi overrides
# are refused when saved: domain.unsafe_text.UNSAFE_CHARACTERS).
CHARACTERS = st.one_of(
    st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF),
    st.characters(codec="utf-8", exclude_categories=["Cs", "Cc"]).filter(
        lambda c: not UNSAFE_CHARACTERS.match(c)
    ),
    st.sampled_from(['"', "\\", "\n", "\t", "\u2028", "/"]),
)
TEXT = st.text(alphabet=CHARACTERS, min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s.strip()
)


@st.composite
def item_specs(draw: st.DrawFn) -> tuple[ItemKind, dict[str, object], bool, bytes | None]:
    kind = draw(st.sampled_from([ItemKind.CATALOGUE, ItemKind.FEE]))
    fields = {
        "name": draw(TEXT),
        "content": draw(TEXT),
        "basis": draw(TEXT),
        "summary": draw(st.text(alphabet=CHARACTERS, max_size=50)),
        "doc_number": draw(st.text(alphabet=CHARACTERS, max_size=20)),
        "fee_standard": draw(TEXT),
        "audience": draw(st.sampled_from(list(Audience))),
        "mode": draw(st.sampled_from(list(DisclosureMode))),
        "level": draw(st.sampled_from(list(Level))),
        "generated_date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2026, 1, 1))),
    }
    approved = draw(st.booleans())
    attachment = draw(st.none() | st.binary(min_size=0, max_size=3000))
    return kind, fields, approved, attachment


def _fill(catalogue: Catalogue, kind: ItemKind, fields: dict[str, object]) -> ItemContent:
    codes = {ItemKind.CATALOGUE: "06", ItemKind.FEE: "04"}
    category = next(c for c in catalogue.reference.categories() if c.code == codes[kind])
    content = new_content(kind, category, "测试市公安局河西派出所")
    for name, value in fields.items():
        setattr(content, name, value)
    content.channels = ("website", "bulletin_board")
    return content


def _assert_package_equals_database(db: Database, package: Path) -> None:
    catalogue = Catalogue(db)
    expected = {item.uuid: item for item in catalogue.items.iter_items(ItemQuery(), in_force=True)}
    found = {}
    with open_package(package) as contents:
        assert station_from_dict(contents.json("data/station.json")) == station.get_profile(db)
        reference = contents.json("data/reference.json")
        assert [c["code"] for c in reference["categories"]] == [
            c.code for c in catalogue.reference.categories(include_inactive=True)
        ]
        for kind in ("catalogue", "licensing", "fee"):
            for record in contents.records(kind):
                found[record["uuid"]] = record
                assert record["kind"] == kind
        assert found.keys() == expected.keys()
        with db.read() as session:
            for uuid, record in found.items():
                item = expected[uuid]
                assert record["revision"] == item.revision
                assert record["index_number"] == item.index_number
                assert record["status"] == item.status.value
                assert content_from_dict(record["content"]) == item.content
                for attachment in item.content.attachments:
                    assert b"".join(contents.attachment(attachment.sha256)) == (
                        blobs.read_bytes(session, attachment.sha256)
                    )


def test_export_then_verify_passes_and_reads_back(exported: Exported) -> None:
    result = verify_package(exported.package, Registry.load(exported.registry))
    assert result.counts["attachments"] == 3
    with open_database(exported.db_path) as db:
        _assert_package_equals_database(db, exported.package)


@settings(
    max_examples=12,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(specs=st.lists(item_specs(), min_size=1, max_size=5))
def test_random_catalogues_round_trip(
    _station_template: Path,
    specs: list[tuple[ItemKind, dict[str, object], bool, bytes | None]],
) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "station.sqlite"
        shutil.copyfile(_station_template, path)
        with open_database(path) as db:
            actors = actors_of(db)
            keys.create_key(db, actors.admin, PASSPHRASE)
            catalogue = Catalogue(db)
            for number, (kind, fields, approved, attachment) in enumerate(specs):
                content = _fill(catalogue, kind, fields)
                if attachment is not None:
                    file = Path(folder) / f"附件{number}.bin"
                    file.write_bytes(attachment)
                    content.attachments = [catalogue.attachments.add(file)]
                item = catalogue.changes.create(actors.clerk, content)
                if approved or number == 0:
                    approve(catalogue, actors, item.id)
            package = Path(folder) / "out.gwgk"
            export.export_package(db, actors.admin, package, passphrase=PASSPHRASE)
            keys.export_public(db, Path(folder) / "key.json")
            verify_package(package, Registry.load(Path(folder) / "key.json"))
            _assert_package_equals_database(db, package)


def test_immediate_limits_travel_and_older_records_still_read(
    exported: Exported, signer_of_package: KeyPair
) -> None:
    """Format 1.3 (issue 14, point 3): a guide's 即时办结 flags are in the records; a 1.2
    package (no flags) still verifies, and its records read as "not immediate"."""
    with open_package(exported.package) as contents:
        assert contents.manifest["format_version"] == "1.3"
        guides = [r["content"]["guide"] for r in contents.records("licensing")]
    assert guides and all(
        {"legal_limit_immediate", "promised_limit_immediate"} <= g.keys() for g in guides
    )
    assert any(g["promised_limit_immediate"] and g["promised_limit_days"] is None for g in guides)

    def older(manifest: dict[str, object]) -> None:
        manifest["format_version"] = "1.2"

    data = resign(exported.package.read_bytes(), signer_of_package, older)
    assert verify_bytes(data, Registry.load(exported.registry)).sequence == 1
    record = {k: v for k, v in guides[0].items() if not k.endswith("_immediate")}
    guide = content_from_dict({"kind": "licensing", "guide": record}).guide
    assert guide is not None
    assert not guide.legal_limit_immediate and not guide.promised_limit_immediate
    assert guide.legal_limit_days == guides[0]["legal_limit_days"]
