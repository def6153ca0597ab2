"""A simulated person's browser for the load and fault benchmarks: one keep-alive
HTTP/1.1 connection to the app on loopback, the cookies it was given, form posts.

Our own small client rather than httpx because the load generator runs on the same two
cores as the server it measures: httpx cost about 1.5 ms of CPU per request here (cookie
jar, URL model, a TLS context per client, per-request lock set-up), CPU the server then
did not have. What is measured is unchanged: the time from sending a request to having
read the whole response, on a connection kept open between a person's pages, as a
browser does. Like httpx (and a browser), it never resends a request that failed."""

import asyncio
from urllib.parse import urlencode, urlsplit


class ConnectionFailed(Exception):
    """The request got no complete response: `kind` says how (names as httpx's errors)."""

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"{kind}: {detail}" if detail else kind)
        self.kind = kind


class Reply:
    """A complete response: status, headers (lower-case names), body as text, and the
    path that was asked for."""

    __slots__ = ("status_code", "headers", "text", "path")

    def __init__(self, status_code: int, headers: dict[str, str], text: str, path: str):
        self.status_code, self.headers, self.text, self.path = status_code, headers, text, path


class Browser:
    """One person: their cookies and at most one open connection, reused while it lasts."""

    def __init__(self, host: str, port: int, timeout: float = 30.0, source: str | None = None):
        # `source`: a loopback address to connect from (127.0.x.y), so a proxy in front
        # sees each simulated person as their own client, as rate limits expect.
        self.host, self.port, self.timeout, self.source = host, port, timeout, source
        self.cookies: dict[str, str] = {}
        self._reader: asyncio.StreamReader | None = None
        self._writer: asyncio.StreamWriter | None = None

    @classmethod
    def for_base(cls, base: str, timeout: float = 30.0, source: str | None = None) -> "Browser":
        url = urlsplit(base)
        return cls(url.hostname, url.port or 80, timeout, source)

    async def request(self, method: str, url: str, data: dict | None = None) -> Reply:
        """Send one request and read the whole response; ConnectionFailed if that failed."""
        path = _path(url)
        body = urlencode(data).encode() if data is not None else b""
        head = [f"{method} {path} HTTP/1.1", f"Host: {self.host}:{self.port}",
                "Accept: text/html", "User-Agent: engage-load-benchmark"]
        if data is not None:
            head += ["Content-Type: application/x-www-form-urlencoded", f"Content-Length: {len(body)}"]
        if self.cookies:
            head.append("Cookie: " + "; ".join(f"{k}={v}" for k, v in self.cookies.items()))
        try:
            async with asyncio.timeout(self.timeout):
                reader, writer = await self._connection()
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body)
                status, headers, raw = await _read_response(reader, method)
        except TimeoutError as exc:
            await self.aclose()
            raise ConnectionFailed("ReadTimeout") from exc
        except ConnectionFailed:
            await self.aclose()
            raise
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError) as exc:
            await self.aclose()  # the server closed the connection mid-response, or garbled it
            raise ConnectionFailed("RemoteProtocolError", repr(exc)) from exc
        except OSError as exc:  # reset, broken pipe
            await self.aclose()
            raise ConnectionFailed("ReadError", repr(exc)) from exc
        self._keep(headers)
        if headers.get("connection", "").lower() == "close":
            await self.aclose()
        return Reply(status, headers, raw.decode("utf-8", "replace"), path)

    async def _connection(self) -> tuple[asyncio.StreamReader, asyncio.StreamWriter]:
        """The open connection, unless the server has closed it meanwhile (a restarted
        worker, the keep-alive timeout): then a new one, as a browser would open."""
        if self._reader is not None and (self._reader.at_eof() or self._writer.is_closing()):
            await self.aclose()
        if self._writer is None:
            try:
                self._reader, self._writer = await asyncio.open_connection(
                    self.host, self.port, local_addr=(self.source, 0) if self.source else None)
            except OSError as exc:
                raise ConnectionFailed("ConnectError", repr(exc)) from exc
        return self._reader, self._writer

    def _keep(self, headers: dict[str, str]) -> None:
        for line in headers.get("set-cookie", "").split("\n"):
            if "=" not in line:
                continue
            pair, *attributes = line.split(";")
            name, _, value = pair.strip().partition("=")
            expired = any(a.strip().lower().startswith("max-age=") and a.split("=", 1)[1].strip() in ("0", "-1")
                          for a in attributes)
            if expired:
                self.cookies.pop(name, None)
            else:
                self.cookies[name] = value

    async def aclose(self) -> None:
        writer, self._reader, self._writer = self._writer, None, None
        if writer is not None:
            writer.close()
            try:
                await writer.wait_closed()
            except OSError:
                pass


def _path(url: str) -> str:
    """The path and query of a URL or path (Location headers may be either)."""
    if url.startswith("/"):
        return url
    parts = urlsplit(url)
    return (parts.path or "/") + (f"?{parts.query}" if parts.query else "")


async def _read_response(reader: asyncio.StreamReader, method: str) -> tuple[int, dict[str, str], bytes]:
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    try:
        status = int(lines[0].split(" ", 2)[1])
    except (IndexError, ValueError) as exc:
        raise ConnectionFailed("RemoteProtocolError", lines[0][:80]) from exc
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            name = name.strip().lower()
            # Set-Cookie may repeat: kept one per line.
            headers[name] = f"{headers[name]}\n{value.strip()}" if name in headers else value.strip()
    if method == "HEAD" or status in (204, 304) or 100 <= status < 200:
        return status, headers, b""
    if "chunked" in headers.get("transfer-encoding", "").lower():
        return status, headers, await _read_chunked(reader)
    if "content-length" in headers:
        return status, headers, await reader.readexactly(int(headers["content-length"]))
    headers["connection"] = "close"  # the body runs to the end of the connection
    return status, headers, await reader.read()


async def _read_chunked(reader: asyncio.StreamReader) -> bytes:
    body = bytearray()
    for _ in range(1_000_000):
        size = int((await reader.readuntil(b"\r\n")).split(b";", 1)[0], 16)
        if size == 0:
            await reader.readuntil(b"\r\n")  # no trailers from gunicorn
            return bytes(body)
        body += await reader.readexactly(size + 2)
        del body[-2:]
    raise ConnectionFailed("RemoteProtocolError", "too many chunks")
