"""What the app does to its own server process, and why: three measured fixes, each a function here.

1. TCP_NODELAY on the server's sockets (`disable_nagle`), which Streamlit 1.67's server leaves off.
   Streamlit binds its listening socket itself (`socket.socket(family=...)`, protocol number 0) and
   hands it to uvicorn; asyncio turns Nagle's algorithm off only for sockets whose protocol number
   says TCP, so every websocket is left with it on (uvicorn issue #3149 describes the same for its own
   pre-bound sockets). A step change is many small websocket messages: after the first, the rest wait
   for the browser's delayed ACK before any is sent (bench.repaint measures a Next press). Linux copies
   TCP_NODELAY from a listening socket to the connections it accepts, so setting it on every TCP
   socket this process holds covers the connections already open and every later one.
2. `gc.freeze()` once the first model is loaded (`freeze_what_is_loaded`): a full collection walked
   every imported object with every session waiting (bench.concurrency).
3. `malloc_trim(0)` after each model load (`release_free_heap`): glibc kept the pages freed while
   loading, ~25 MiB of a replica's resident memory (bench.memory).

A proxy in front of the app should not undo them (docs/deploy.md).
"""
from __future__ import annotations

import ctypes
import gc
import os
import socket

import streamlit as st

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


@st.cache_resource(show_spinner=False)
def freeze_what_is_loaded() -> int:
    """Once per server, when the first model is loaded: move every object that exists by then (the
    imported libraries, torch and the model among them, about a million objects) out of reach of
    Python's garbage collector, which otherwise walks them all at every full collection: ~0.2 s with
    every session waiting, once or twice per burst of 30 sessions (bench.concurrency). They live as
    long as the server anyway. Traces, made later, are collected as usual."""
    gc.freeze()
    return gc.get_freeze_count()


def release_free_heap() -> None:
    """Hand the heap pages freed while loading (the float16 file read, converted to float32) back
    to the operating system. glibc keeps them otherwise: ~25 MiB of a replica's resident memory
    (bench.memory). A no-op where the C library is not glibc."""
    try:
        ctypes.CDLL("libc.so.6").malloc_trim(0)
    except (OSError, AttributeError):
        pass
