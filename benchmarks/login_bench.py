"""Login benchmark (issue 11): what one login costs and that its time does not tell a known
login name from an unknown one. On a fresh station, time (interleaved, so load changes hit
every kind alike) the password KDF alone, a good login, a wrong password for a real
operator and a login with a name that does not exist. Prints a Markdown table.

    python benchmarks/login_bench.py [--repeat 15]
"""

from __future__ import annotations

import argparse
import contextlib
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from run import machine  # benchmarks/ is on sys.path when run as a script

from gwgk_desktop.domain.enums import Role
from gwgk_desktop.domain.models import StationProfile
from gwgk_desktop.errors import AuthenticationFailed
from gwgk_desktop.services import auth, passwords, station
from gwgk_desktop.store.database import open_database

BUDGET_KDF_MS = 100.0  # at least: the floor for the KDF cost
#: How far apart the median answers for a known and an unknown name may be, as a share of
#: the KDF's time (a fixed number of milliseconds is below the noise of a shared machine).
BUDGET_DIFFERENCE = 0.10


def _ms(run: Callable[[], object]) -> float:
    started = time.perf_counter()
    with contextlib.suppress(AuthenticationFailed):
        run()
    return (time.perf_counter() - started) * 1000


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        db = open_database(Path(folder) / "login.sqlite", create=True)
        admin = station.initialize(
            db, StationProfile("基准测试派出所", "000099001"), "admin", "管理员", "admin123"
        )
        station.create_operator(
            db, station.actor_for(admin), "clerk", "录入员", Role.CLERK, "clerk123"
        )
        stored = passwords.hash_password("clerk123")
        times: dict[str, list[float]] = {
            "KDF alone (verify one hash)": [],
            "good login": [],
            "wrong password, real operator": [],
            "unknown login name": [],
        }
        for round_number in range(args.repeat):
            kinds = [
                ("KDF alone (verify one hash)", lambda: passwords.verify_password("x", stored)),
                ("good login", lambda: auth.authenticate(db, "clerk", "clerk123")),
                (
                    "wrong password, real operator",
                    lambda: auth.authenticate(db, "clerk", "wrong-one"),
                ),
                ("unknown login name", lambda: auth.authenticate(db, "nobody", "wrong-one")),
            ]
            # Rotate the order each round; the good login also resets the failure count,
            # so the wrong passwords never lock the clerk.
            shift = round_number % len(kinds)
            for name, run in kinds[shift:] + kinds[:shift]:
                times[name].append(_ms(run))
        db.close()

    print(f"Machine: {machine()}")
    print(f"scrypt N=2^{passwords.N.bit_length() - 1}, r={passwords.R}, p={passwords.P}")
    print()
    print("| what | median | p10 – p90 |")
    print("|---|---|---|")
    for name, values in times.items():
        deciles = statistics.quantiles(values, n=10)
        print(
            f"| {name} | {statistics.median(values):.0f} ms | "
            f"{deciles[0]:.0f} – {deciles[-1]:.0f} ms |"
        )
    kdf = statistics.median(times["KDF alone (verify one hash)"])
    difference = statistics.median(times["unknown login name"]) - statistics.median(
        times["wrong password, real operator"]
    )
    print()
    print(f"unknown minus known (wrong password), medians: {difference:+.1f} ms")
    ok = kdf >= BUDGET_KDF_MS and abs(difference) <= BUDGET_DIFFERENCE * kdf
    print(
        f"budget: KDF ≥ {BUDGET_KDF_MS:.0f} ms, |difference| ≤ {BUDGET_DIFFERENCE:.0%} of the KDF: "
        + ("met" if ok else "NOT met")
    )
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
