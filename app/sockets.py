"""TCP_NODELAY on the server's sockets, which Streamlit 1.67's server leaves off.

Streamlit binds its listening socket itself (`socket.socket(family=...)`, protocol number 0) and hands
it to uvicorn; asyncio turns Nagle's algorithm off only for sockets whose protocol number says TCP,
so every websocket is left with it on (uvicorn issue #3149 describes the same for its own pre-bound
sockets). A step change is ~70 small websocket messages: after the first, the rest wait for the
browser's delayed ACK, ~40 ms on Linux, before any is sent. Measured here with one session and one
Next press: 48 ms from click to the run's end with Nagle on, 28 ms with it off (bench.concurrency
and bench.repaint show the effect under load and in Chromium).

Linux copies TCP_NODELAY from a listening socket to the connections it accepts, so setting it on
every TCP socket this process holds covers the connections already open and every later one.
"""
from __future__ import annotations

import os
import socket

FD_FOLDER = "/proc/self/fd"  # Linux; elsewhere nothing is changed


def _tcp_sockets() -> list[int]:
    """File descriptors of this process that are sockets (Linux's /proc lists them as `socket:[...]`)."""
    try:
        names = os.listdir(FD_FOLDER)
    except OSError:
        return []
    descriptors = []
    for name in names:
        try:
            if os.readlink(f"{FD_FOLDER}/{name}").startswith("socket:"):
                descriptors.append(int(name))
        except (OSError, ValueError):
            continue  # closed since the listing
    return descriptors


def _set_nodelay(descriptor: int) -> bool:
    """TCP_NODELAY on one descriptor if it is an IPv4/IPv6 stream socket; the descriptor stays open."""
    try:
        sock = socket.socket(fileno=descriptor)  # reads the socket's family and type from the kernel
    except OSError:
        return False
    try:
        if sock.type != socket.SOCK_STREAM or sock.family not in (socket.AF_INET, socket.AF_INET6):
            return False
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
        return True
    except OSError:
        return False
    finally:
        sock.detach()  # the descriptor belongs to the server


def disable_nagle() -> int:
    """Set TCP_NODELAY on every TCP socket of this process (listening and connected); -> how many.

    Two passes: a connection accepted while the first pass ran, before it reached the listening
    socket, did not inherit the option and is caught by the second."""
    changed = set()
    for _ in range(2):
        changed.update(descriptor for descriptor in _tcp_sockets() if _set_nodelay(descriptor))
    return len(changed)
