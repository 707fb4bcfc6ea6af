"""The bundle's own Python: CPython 3.11 and the libraries its extension modules use
(OpenSSL, SQLite, libffi, zlib, bzip2, xz), built from Debian's source packages with
``zig cc`` for glibc 2.28, so that the bundle runs on 统信UOS 20 and 银河麒麟 V10.

    python packaging/build.py runtime      # prints the runtime's folder (builds it once)

SQLite, libffi, zlib, bzip2 and xz are built as static, position-independent archives
and linked into the one extension module that uses each. OpenSSL is shared
(``libcrypto.so.3``, ``libssl.so.3`` in the runtime's ``lib/``), since two modules
(``_ssl``, ``_hashlib``) use it: linked into both it would cost 3.7 MB more. It leaves out
algorithms and protocols the app and pip never use. ``libpython3.11.so`` is shared, as
PyInstaller needs. Modules the app never loads and that would need more system libraries
(readline, curses, dbm, tkinter, uuid) are not built.

Everything is cached under ``GWGK_CACHE_DIR`` (default ``~/.cache/gwgk-desktop``), each
part under a key over its recipe, the zig version and its source package's version:
``deps/<library>-<key>/`` for each library and ``runtime/cpython-…-<key>/`` for the
runtime, whose key covers the libraries' keys. Only what changed is rebuilt, and a CI
cache of that folder makes a rebuild a look-up.
"""

from __future__ import annotations

import hashlib
import inspect
import json
import os
import shutil
import subprocess
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from gwgk_pack import debsrc, zig

PYTHON = debsrc.Package(
    "python3.11",
    # Debian's security and crash fixes; its layout patches (dist-packages, multiarch
    # names, ...) are for Debian's own python3 and stay out.
    patches=r"CVE|^\d{4}-3\.11-gh-|deadlock|crash|nullptr",
)
OPENSSL = debsrc.Package("openssl")  # Debian ships fixes as new upstream releases
SQLITE = debsrc.Package("sqlite3", patches=r"CVE|^0\d{3}-|^4[1-9]-")
LIBFFI = debsrc.Package("libffi")
ZLIB = debsrc.Package("zlib")
BZIP2 = debsrc.Package("bzip2")
XZ = debsrc.Package("xz-utils", patches=r"^(liblzma|xz)-")
LIBRARIES = (ZLIB, BZIP2, XZ, LIBFFI, SQLITE, OPENSSL)

#: Every C file is compiled with these: optimised (zig cc without -O adds sanitisers),
#: without debug information (zig cc adds it by default; it slows the build by a third),
#: position-independent (the archives end up in shared objects), and in sections the
#: linker can drop when unused.
CFLAGS = "-O2 -g0 -fPIC -ffunction-sections -fdata-sections"

#: SQLite as Debian builds it, less what needs more system libraries.
SQLITE_FLAGS = (
    "-DSQLITE_ENABLE_COLUMN_METADATA -DSQLITE_ENABLE_FTS3 -DSQLITE_ENABLE_FTS3_PARENTHESIS "
    "-DSQLITE_ENABLE_FTS5 -DSQLITE_ENABLE_RTREE -DSQLITE_ENABLE_MATH_FUNCTIONS "
    "-DSQLITE_ENABLE_DBSTAT_VTAB -DSQLITE_ENABLE_UNLOCK_NOTIFY -DSQLITE_SECURE_DELETE "
    "-DSQLITE_MAX_VARIABLE_NUMBER=250000"
)

#: OpenSSL features nothing here uses (hashlib needs SHA-2, SHA-3, BLAKE2, MD5 and
#: scrypt; ssl and pip need TLS 1.2/1.3 with AES, ChaCha20 and elliptic curves).
OPENSSL_LEFT_OUT = (
    "no-aria", "no-bf", "no-camellia", "no-cast", "no-cms", "no-comp", "no-dtls", "no-idea",
    "no-md4", "no-mdc2", "no-rc2", "no-rc4", "no-rc5", "no-sctp", "no-seed", "no-sm2",
    "no-sm3", "no-sm4", "no-srp", "no-srtp", "no-ssl3", "no-ts", "no-whirlpool",
)  # fmt: skip

#: python3.11 finds libpython3.11.so, and lib-dynload's modules find OpenSSL, in the
#: runtime's lib/, wherever the runtime is (the cc wrapper adds it, see zig.py).
RUN_PATH = {"GWGK_RPATH": "$ORIGIN/../lib:$ORIGIN/../.."}

#: CPython modules not built: their system libraries are not bundled and the app does
#: not use them (``py_cv_module_<name>=n/a`` is CPython 3.11's switch).
DISABLED_MODULES = (
    "_tkinter", "_curses", "_curses_panel", "readline", "_dbm", "_gdbm", "nis", "_uuid",
    "_crypt", "spwd", "ossaudiodev",
)  # fmt: skip


class BuildError(Exception):
    """The runtime cannot be built (the message says why)."""


@dataclass(frozen=True)
class Runtime:
    """A built runtime: ``python`` runs it, ``info`` says what went into it, ``libraries``
    are the folders of the static libraries it was built with (for building a module of
    a package against them), ``toolchain`` the compiler that built it."""

    prefix: Path
    info: dict[str, object]
    libraries: dict[str, Path]
    toolchain: zig.Toolchain

    @property
    def python(self) -> Path:
        return self.prefix / "bin" / "python3.11"


def cache_dir() -> Path:
    configured = os.environ.get("GWGK_CACHE_DIR")
    if configured:
        return Path(configured)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "gwgk-desktop"


def _key(*parts: str) -> str:
    digest = hashlib.sha256()
    for part in (zig.VERSION, zig.TARGET, CFLAGS, *parts):
        digest.update(part.encode())
        digest.update(b"\0")
    return digest.hexdigest()[:12]


def _recipe(package: debsrc.Package) -> str:
    """The code that builds ``package``: a change to it changes the key."""
    parts = [package.patches, inspect.getsource(debsrc.unpack)]
    parts.append(inspect.getsource(getattr(_Builder, _METHODS[package.name])))
    if package is SQLITE:
        parts.append(SQLITE_FLAGS)
    elif package is OPENSSL:
        parts += OPENSSL_LEFT_OUT
    elif package is PYTHON:
        parts += [*DISABLED_MODULES, *REQUIRED_MODULES, _HOST_PATHS, _MODULE_CHECK]
        parts += [*RUN_PATH.values(), inspect.getsource(zig.install)]
        parts += [inspect.getsource(f) for f in (_fit_sources, _check_modules, _prune)]
    return "\n".join(parts)


_METHODS = {
    "zlib": "zlib", "bzip2": "bzip2", "xz-utils": "xz", "libffi": "libffi",
    "sqlite3": "sqlite", "openssl": "openssl", "python3.11": "python",
}  # fmt: skip


def ensure(cache: Path | None = None, log: Callable[[str], None] = print) -> Runtime:
    """The runtime for the current sources, built first where it is not in the cache."""
    cache = cache or cache_dir()
    apt = debsrc.Apt(cache / "apt")
    apt.update()
    resolved = {
        p.name: debsrc.resolve(apt, p, cache / "sources", log) for p in (*LIBRARIES, PYTHON)
    }
    versions = {name: version for name, (version, _files) in resolved.items()}
    keys = {p.name: _key(p.name, versions[p.name], _recipe(p)) for p in (*LIBRARIES, PYTHON)}
    upstream = versions[PYTHON.name].split("-", 1)[0]
    runtime_key = _key(*(f"{name}={key}" for name, key in sorted(keys.items())))
    prefix = cache / "runtime" / f"cpython-{upstream}-glibc{zig.GLIBC}-{runtime_key}"
    info_file = prefix / "BUILDINFO.json"
    prefixes = {p.name: cache / "deps" / f"{p.name}-{keys[p.name]}" for p in LIBRARIES}
    toolchain = zig.install(cache / "tools")
    if info_file.is_file() and all((p / ".built").is_file() for p in prefixes.values()):
        log(f"runtime: {prefix.name} (cached)")
        recorded = json.loads(info_file.read_text(encoding="utf-8"))
        return Runtime(prefix, recorded, prefixes, toolchain)

    started = time.perf_counter()
    builder = _Builder(toolchain, log)
    work = cache / "work"
    for package in LIBRARIES:
        version, files = resolved[package.name]
        target = prefixes[package.name]
        if not (target / ".built").is_file():
            tree = debsrc.unpack(package, version, files, work / package.name).tree
            _empty(target)
            builder.build(package, tree, target)
            (target / ".built").touch()  # a build cut short leaves no mark
            shutil.rmtree(work / package.name)
    version, files = resolved[PYTHON.name]
    tree = debsrc.unpack(PYTHON, version, files, work / PYTHON.name).tree
    _empty(prefix)
    builder.python(tree, prefix, prefixes)
    shutil.rmtree(work / PYTHON.name)
    info: dict[str, object] = {
        "python": upstream,
        "glibc": zig.GLIBC,
        "zig": zig.VERSION,
        "sources": versions,
        "build_seconds": round(time.perf_counter() - started),
    }
    info_file.write_text(json.dumps(info, indent=2, sort_keys=True) + "\n", encoding="utf-8")
    log(f"runtime: built {prefix.name} in {info['build_seconds']} s")
    return Runtime(prefix, info, prefixes, toolchain)


def _empty(folder: Path) -> None:
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True)


class _Builder:
    """One method per library: configure, make, install into the given prefix."""

    def __init__(self, toolchain: zig.Toolchain, log: Callable[[str], None]) -> None:
        self.log = log
        self.env = {
            "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
            "HOME": str(Path.home()),
            "LANG": "C.UTF-8",
            **toolchain.env(),
            "CFLAGS": CFLAGS,
            # No pkg-config files of the build machine: its libraries are for its glibc.
            "PKG_CONFIG_LIBDIR": "/nonexistent",
            "PKG_CONFIG_PATH": "",
        }

    def build(self, package: debsrc.Package, tree: Path, prefix: Path) -> None:
        self.log(f"runtime: building {package.name}")
        getattr(self, _METHODS[package.name])(tree, prefix)

    def run(self, args: list[str], cwd: Path, **extra: str) -> None:
        started = time.perf_counter()
        logfile = cwd / f".build-{len(list(cwd.glob('.build-*.log')))}.log"
        with logfile.open("w", encoding="utf-8") as out:
            result = subprocess.run(
                args, cwd=cwd, env={**self.env, **extra}, stdout=out, stderr=subprocess.STDOUT,
                check=False,
            )  # fmt: skip
        if result.returncode != 0:
            tail = logfile.read_text(encoding="utf-8", errors="replace")[-4000:]
            raise BuildError(f"{' '.join(args)} failed in {cwd}:\n{tail}")
        seconds = time.perf_counter() - started
        if seconds > 30:
            self.log(f"runtime:   {' '.join(args[:2])} ({seconds:.0f} s)")

    def make(self, tree: Path, *targets: str, **extra: str) -> None:
        self.run(["make", f"-j{zig.jobs()}", *targets], tree, **extra)

    def zlib(self, tree: Path, prefix: Path) -> None:
        self.run(["./configure", f"--prefix={prefix}", "--static"], tree)
        self.make(tree, "libz.a")
        self.run(["make", "install"], tree)

    def bzip2(self, tree: Path, prefix: Path) -> None:
        env = self.env
        self.make(
            tree, "libbz2.a", f"CC={env['CC']}", f"AR={env['AR']}", f"RANLIB={env['RANLIB']}",
            f"CFLAGS={CFLAGS} -D_FILE_OFFSET_BITS=64",
        )  # fmt: skip
        for name, folder in (("bzlib.h", "include"), ("libbz2.a", "lib")):
            (prefix / folder).mkdir(exist_ok=True)
            shutil.copy2(tree / name, prefix / folder / name)

    def xz(self, tree: Path, prefix: Path) -> None:
        self.run(
            ["./configure", f"--prefix={prefix}", "--disable-shared", "--enable-static",
             "--with-pic", "--disable-xz", "--disable-xzdec", "--disable-lzmadec",
             "--disable-lzmainfo", "--disable-scripts", "--disable-lzma-links",
             "--disable-doc", "--disable-nls"],
            tree,
        )  # fmt: skip
        self.make(tree / "src" / "liblzma")
        self.run(["make", "install"], tree / "src" / "liblzma")

    def libffi(self, tree: Path, prefix: Path) -> None:
        self.run(
            ["./configure", f"--prefix={prefix}", "--disable-shared", "--enable-static",
             "--with-pic", "--disable-docs", "--disable-multi-os-directory",
             # libffi 3.4.4's static trampolines do not compile with clang (an undeclared
             # function); the classic trampolines serve ctypes as well.
             "--disable-exec-static-tramp"],
            tree,
        )  # fmt: skip
        self.make(tree)
        self.run(["make", "install"], tree)

    def sqlite(self, tree: Path, prefix: Path) -> None:
        flags = f"{CFLAGS} {SQLITE_FLAGS}"
        self.run(
            ["./configure", f"--prefix={prefix}", "--disable-shared", "--enable-static",
             "--with-pic", "--disable-tcl", "--disable-readline", "--disable-editline",
             "--enable-threadsafe"],
            tree, CFLAGS=flags,
        )  # fmt: skip
        self.make(tree, "libsqlite3.la", CFLAGS=flags)
        for source, folder in ((tree / "sqlite3.h", "include"),
                               (tree / ".libs" / "libsqlite3.a", "lib")):  # fmt: skip
            (prefix / folder).mkdir(exist_ok=True)
            shutil.copy2(source, prefix / folder / source.name)

    def openssl(self, tree: Path, prefix: Path) -> None:
        self.run(
            ["perl", "./Configure", "linux-x86_64", f"--prefix={prefix}", "--libdir=lib",
             # Where an OpenSSL looks for its configuration on Debian and UOS; the app
             # makes no TLS connections, so nothing there is needed.
             "--openssldir=/usr/lib/ssl", "shared", "no-tests", "no-module", "no-legacy",
             *OPENSSL_LEFT_OUT],
            tree,
        )  # fmt: skip
        self.make(tree, "build_libs")
        self.run(["make", "install_dev"], tree)

    def python(self, tree: Path, prefix: Path, deps: dict[str, Path]) -> None:
        self.log("runtime: building python3.11")
        _fit_sources(tree)

        def cflags(name: str) -> str:
            return f"-I{deps[name] / 'include'}"

        def libs(name: str, library: str) -> str:
            # Only the static archive is there, so -l links it in.
            return f"-L{deps[name] / 'lib'} -l{library}"

        disabled = {f"py_cv_module_{name}": "n/a" for name in DISABLED_MODULES}
        self.run(
            ["./configure", f"--prefix={prefix}", "--enable-shared", "--with-ensurepip=no",
             "--disable-test-modules", f"--with-openssl={deps['openssl']}",
             "--with-openssl-rpath=no", "--without-static-libpython"],
            tree,
            **RUN_PATH,
            # zig cc refuses __DATE__ (not reproducible); getbuildinfo.c uses it.
            CFLAGS=f"{CFLAGS} -Wno-date-time",
            # setup.py (which still builds _ctypes in 3.11) finds libffi through
            # pkg-config and the -I/-L folders given here.
            CPPFLAGS=cflags("libffi"),
            LDFLAGS=f"-L{deps['libffi'] / 'lib'}",
            PKG_CONFIG_LIBDIR=str(deps["libffi"] / "lib" / "pkgconfig"),
            LIBSQLITE3_CFLAGS=cflags("sqlite3"), LIBSQLITE3_LIBS=libs("sqlite3", "sqlite3"),
            ZLIB_CFLAGS=cflags("zlib"), ZLIB_LIBS=libs("zlib", "z"),
            BZIP2_CFLAGS=cflags("bzip2"), BZIP2_LIBS=libs("bzip2", "bz2"),
            LIBLZMA_CFLAGS=cflags("xz-utils"), LIBLZMA_LIBS=libs("xz-utils", "lzma"),
            **disabled,
        )  # fmt: skip
        # Not libpython3.so (the stable-ABI forwarder): nothing here links to it, and
        # zig cc cannot link a library made only of another library. The build imports
        # each module it made, so it must find OpenSSL where it is now.
        openssl = {"LD_LIBRARY_PATH": str(deps["openssl"] / "lib"), **RUN_PATH}
        self.make(tree, "PY3LIBRARY=", **openssl)
        self.run(["make", "install", "PY3LIBRARY="], tree, **openssl)
        for library in ("libcrypto.so.3", "libssl.so.3"):
            shutil.copy2(deps["openssl"] / "lib" / library, prefix / "lib" / library)
        _prune(prefix)
        _check_modules(prefix)


#: setup.py's lines that add the build machine's header and library folders
#: (/usr/local, /usr/include/x86_64-linux-gnu): their headers are for its glibc and mix
#: badly with zig's glibc 2.28 headers.
_HOST_PATHS = """        if not CROSS_COMPILING:
            add_dir_to_list(self.compiler.library_dirs, '/usr/local/lib')
            add_dir_to_list(self.compiler.include_dirs, '/usr/local/include')
        # only change this for cross builds for 3.3, issues on Mageia
        if CROSS_COMPILING:
            self.add_cross_compiling_paths()
        self.add_multiarch_paths()
"""


def _fit_sources(tree: Path) -> None:
    """Two changes to the CPython sources for this build."""
    setup = tree / "setup.py"
    text = setup.read_text(encoding="utf-8")
    if _HOST_PATHS not in text:
        raise BuildError("setup.py no longer adds the host folders the way runtime.py expects")
    setup.write_text(text.replace(_HOST_PATHS, ""), encoding="utf-8")
    # Debian's fix for CVE-2026-4224 has pyexpat.c use an internal header, as upstream's
    # later 3.11 releases do, which also mark the file as a core module; Debian builds
    # pyexpat into the interpreter, this build as a module.
    pyexpat = tree / "Modules" / "pyexpat.c"
    source = pyexpat.read_text(encoding="utf-8")
    if '#include "pycore_' in source and "Py_BUILD_CORE_MODULE" not in source:
        marker = "#ifndef Py_BUILD_CORE_BUILTIN\n#  define Py_BUILD_CORE_MODULE 1\n#endif\n"
        pyexpat.write_text(marker + source, encoding="utf-8")


#: What the app and the build need of the runtime: a module that configure quietly left
#: out (a library not found) fails the build here, not on a clerk's PC.
REQUIRED_MODULES = (
    "_ssl", "_hashlib", "_sqlite3", "_ctypes", "zlib", "_bz2", "_lzma", "pyexpat",
    "_elementtree", "_decimal", "_multibytecodec", "_codecs_cn", "unicodedata", "_json",
    "_socket", "select", "_posixsubprocess", "mmap",
)  # fmt: skip

_MODULE_CHECK = """
import hashlib, importlib, os, sqlite3, sys
for name in sys.argv[1:]:
    importlib.import_module(name)
assert hashlib.scrypt(b"x", salt=b"y", n=16, r=8, p=1)
sqlite3.connect(":memory:").execute("select 1")
with open("/proc/self/maps") as maps:
    loaded = {os.path.realpath(line.split()[-1]) for line in maps if ".so" in line}
for library in ("libssl.so.3", "libcrypto.so.3", "libpython3.11.so.1.0"):
    paths = {p for p in loaded if os.path.basename(p) == library}
    mine = os.path.join(os.path.realpath(sys.prefix), "lib", library)
    assert paths == {mine}, f"{library} loaded from {paths}, not {mine}"
"""


def _check_modules(prefix: Path) -> None:
    python = prefix / "bin" / "python3.11"
    result = subprocess.run(
        [str(python), "-c", _MODULE_CHECK, *REQUIRED_MODULES],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    if result.returncode != 0:
        raise BuildError(f"the built Python lacks a module it needs:\n{result.stderr.strip()}")


def _prune(prefix: Path) -> None:
    """Leave out what neither a venv nor PyInstaller uses (tests, IDLE, tkinter)."""
    lib = prefix / "lib" / "python3.11"
    for folder in ("test", "idlelib", "tkinter", "turtledemo", "lib2to3/tests"):
        shutil.rmtree(lib / folder, ignore_errors=True)
