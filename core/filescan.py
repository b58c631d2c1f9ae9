"""Uploaded documents judged by what they hold: active content refused, ClamAV when configured.

A PDF may carry actions that run when it is opened (JavaScript, launching a program); an
Office file may carry macros. Neither has a place in a practice's attachments, so they are
refused by looking at the bytes (PDF names, also inside compressed streams; zip members and
their declared content types), whatever the file is called or claims to be.

Known malware is the virus scanner's job: with ``CLAMD_SOCKET`` (a Unix socket path) or
``CLAMD_HOST`` (and ``CLAMD_PORT``, default 3310) set, each upload is streamed to clamd
(its ``INSTREAM`` command, spoken here over a plain socket) and refused when found infected.
A configured scanner that cannot be reached refuses the upload too (``ScannerUnavailable``):
failing open would let anything through during an outage.
"""

import io
import re
import socket
import struct
import zipfile
import zlib

from django.conf import settings

# PDF names whose actions run code or programs, or run something when the file is opened.
_PDF_ACTIVE_NAMES = {b"JS", b"JavaScript", b"Launch", b"AA", b"RichMedia", b"XFA"}
# A PDF name token; ``#xx`` escapes (``/J#61vaScript``) are decoded before comparing.
_PDF_NAME = re.compile(rb"/([^\s/<>\[\]()%{}]+)")
_PDF_ESCAPE = re.compile(rb"#([0-9A-Fa-f]{2})")
_PDF_STREAM = re.compile(rb"stream\r?\n(.*?)endstream", re.DOTALL)
# How much decompressed stream text is inspected in all: bounds a compression bomb.
_MAX_INFLATED = 64 * 1024 * 1024

# Zip members that hold macros or scripts: Office's VBA project and ActiveX controls, and
# OpenDocument's Basic and script libraries.
_ZIP_ACTIVE_MEMBER = re.compile(
    r"(^|/)(vbaProject\.bin|vbaData\.xml|activeX/.*|Basic/.*|Scripts/.*)$", re.IGNORECASE
)
# Declared content types of macro-enabled documents (.docm, .xlsm, .pptm and their templates).
_MACRO_CONTENT_TYPE = re.compile(rb"macroEnabled|vbaProject|ms-office\.vbaProject", re.I)
# An OLE compound file (an embedded .doc/.xls) holding a VBA project names these streams
# (directory entries are UTF-16LE).
_OLE_VBA_STREAMS = ("_VBA_PROJECT".encode("utf-16-le"), "VBA".encode("utf-16-le") + b"\x00\x00")
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"

CLAMD_CHUNK = 64 * 1024


class ScannerUnavailable(Exception):
    """A virus scanner is configured but did not answer: the upload cannot be judged."""


def active_content(data, content_type):
    """Why ``data`` (a whole upload, of the judged ``content_type``) holds active content, or
    None when it holds none."""
    if content_type == "application/pdf":
        return _pdf_active_content(data)
    if data.startswith(b"PK"):
        return _zip_active_content(data)
    if data.startswith(_OLE_MAGIC) and _ole_has_macros(data):
        return "macros (VBA)"
    return None


def _pdf_names(text):
    for match in _PDF_NAME.finditer(text):
        yield _PDF_ESCAPE.sub(lambda m: bytes([int(m.group(1), 16)]), match.group(1))


def _pdf_active_content(data):
    texts = [data]
    inflated = 0
    for match in _PDF_STREAM.finditer(data):
        # Object streams hide dictionaries (and their actions) behind FlateDecode.
        inflater = zlib.decompressobj()
        try:
            text = inflater.decompress(match.group(1), _MAX_INFLATED - inflated)
        except zlib.error:
            continue
        inflated += len(text)
        texts.append(text)
        if inflated >= _MAX_INFLATED:
            return "compressed content too large to inspect"
    for text in texts:
        found = {name for name in _pdf_names(text) if name in _PDF_ACTIVE_NAMES}
        if found:
            return "PDF actions (" + ", ".join(sorted(n.decode() for n in found)) + ")"
    return None


def _zip_active_content(data):
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        infos = archive.infolist()
    except (zipfile.BadZipFile, OSError):
        return None  # not a zip after all: the type check decides
    for info in infos:
        if _ZIP_ACTIVE_MEMBER.search(info.filename):
            return f"macros or scripts ({info.filename})"
    for info in infos:
        name = info.filename
        if name == "[Content_Types].xml" or name.endswith("manifest.xml"):
            if _MACRO_CONTENT_TYPE.search(_read_member(archive, info, 1024 * 1024)):
                return "a macro-enabled document"
        elif name.lower().endswith(".bin") and info.file_size <= 32 * 1024 * 1024:
            # Embedded OLE objects (an old .doc inside a .docx) may carry their own macros.
            member = _read_member(archive, info, info.file_size)
            if member.startswith(_OLE_MAGIC) and _ole_has_macros(member):
                return f"macros in an embedded object ({name})"
    return None


def _read_member(archive, info, limit):
    try:
        with archive.open(info) as member:
            return member.read(limit)
    except (zipfile.BadZipFile, OSError, RuntimeError, NotImplementedError, zlib.error):
        return b""


def _ole_has_macros(data):
    return any(stream in data for stream in _OLE_VBA_STREAMS)


# ClamAV ------------------------------------------------------------------------------------


def scanner_configured():
    """Whether uploads are to be scanned by clamd."""
    return bool(settings.CLAMD_SOCKET or settings.CLAMD_HOST)


def virus_found(fileobj):
    """The name of the malware clamd finds in ``fileobj``, or None when it is clean.

    Raises ``ScannerUnavailable`` when clamd cannot be reached or gives no verdict. Only call
    when ``scanner_configured()``.
    """
    try:
        with _connect() as connection:
            connection.sendall(b"zINSTREAM\0")
            fileobj.seek(0)
            while chunk := fileobj.read(CLAMD_CHUNK):
                connection.sendall(struct.pack("!L", len(chunk)) + chunk)
            connection.sendall(struct.pack("!L", 0))
            reply = _read_reply(connection)
    except OSError as error:
        raise ScannerUnavailable(str(error)) from error
    finally:
        fileobj.seek(0)
    # "stream: OK", "stream: Eicar-Test-Signature FOUND", or "... ERROR".
    verdict = reply.removeprefix("stream:").strip()
    if verdict == "OK":
        return None
    if verdict.endswith(" FOUND"):
        return verdict.removesuffix(" FOUND").strip()
    raise ScannerUnavailable(reply)


def _connect():
    timeout = settings.CLAMD_TIMEOUT
    if settings.CLAMD_SOCKET:
        connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        connection.settimeout(timeout)
        try:
            connection.connect(settings.CLAMD_SOCKET)
        except OSError:
            connection.close()
            raise
        return connection
    return socket.create_connection((settings.CLAMD_HOST, settings.CLAMD_PORT), timeout=timeout)


def _read_reply(connection):
    reply = b""
    while not reply.endswith(b"\0"):
        part = connection.recv(4096)
        if not part:
            break
        reply += part
    return reply.rstrip(b"\0").decode("utf-8", "replace")
