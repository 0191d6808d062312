"""The connections the link check makes: the name is resolved once per connection and the
connection goes to the address that was vetted (`addresses`), so a DNS answer that changes in
between cannot slip through."""

import asyncio
import ipaddress
import socket
from collections.abc import Iterable

import httpcore
import httpx

from handreiking.linkcheck.addresses import Address, InternalAddress, Reach, numeric_host


class _OutsideOnly(httpcore.AsyncNetworkBackend):
    """Where httpcore opens its connections: the host is resolved here, once, every address
    it has is vetted, and the connection goes to a vetted address (never to the name, which
    could resolve elsewhere the second time). TLS still checks the certificate against the
    name: httpcore passes the origin's host name as server_hostname (SNI)."""

    def __init__(self, reach: Reach) -> None:
        self._reach = reach
        self._backend = httpcore.AnyIOBackend()

    async def _vetted(self, host: str, port: int) -> list[Address]:
        literal = numeric_host(host)
        if literal is not None:
            found = [literal]
        else:
            loop = asyncio.get_running_loop()
            try:
                answers = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
            except socket.gaierror as error:
                raise httpcore.ConnectError(str(error)) from error
            found = []
            for family, _type, _proto, _name, sockaddr in answers:
                if family in {socket.AF_INET, socket.AF_INET6}:
                    address = ipaddress.ip_address(sockaddr[0])
                    if address not in found:
                        found.append(address)
            if not found:
                raise httpcore.ConnectError(f"{host}: no address")
        # One internal answer among public ones is refused too: the name points inside.
        if not all(self._reach.permits(host, address) for address in found):
            raise InternalAddress(host)
        return found

    async def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Iterable[httpcore.SOCKET_OPTION] | None = None,
    ) -> httpcore.AsyncNetworkStream:
        error: Exception | None = None
        for address in await self._vetted(host, port):
            try:
                return await self._backend.connect_tcp(
                    str(address),
                    port,
                    timeout=timeout,
                    local_address=local_address,
                    socket_options=socket_options,
                )
            except (httpcore.ConnectError, httpcore.ConnectTimeout) as failed:
                error = failed
        raise error  # type: ignore[misc]  # at least one address was tried

    async def connect_unix_socket(self, *args, **kwargs) -> httpcore.AsyncNetworkStream:
        raise InternalAddress("unix socket")

    async def sleep(self, seconds: float) -> None:
        await self._backend.sleep(seconds)


class OutsideOnlyTransport(httpx.AsyncHTTPTransport):
    """httpx's own transport with a connection pool that connects through _OutsideOnly.
    httpx has no option to hand its pool a network backend, so the pool (its one attribute)
    is made here, as httpx makes it, with ours. No proxy: a proxy would resolve and connect
    itself, past the vetting."""

    def __init__(self, *, reach: Reach, limits: httpx.Limits) -> None:
        self._pool = httpcore.AsyncConnectionPool(
            # Certificates as httpx verifies them, including SSL_CERT_FILE and SSL_CERT_DIR.
            ssl_context=httpx.create_ssl_context(trust_env=True),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            network_backend=_OutsideOnly(reach),
        )
