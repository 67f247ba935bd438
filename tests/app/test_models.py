"""app.models: what the server does with memory once a model is loaded."""
import platform

import psutil
import pytest

from app.models import release_free_heap

MB = 1024 * 1024


@pytest.mark.skipif(platform.libc_ver()[0] != "glibc", reason="malloc_trim is glibc's")
def test_release_free_heap_gives_freed_pages_back_to_the_system():
    """Pages freed between live heap blocks stay resident until malloc_trim hands them back."""
    blocks = [bytes(4000) for _ in range(40_000)]  # ~160 MiB of malloc'd blocks, not pymalloc's
    survivors = blocks[::64]  # keep a few so the heap cannot simply shrink from its top
    del blocks
    before = psutil.Process().memory_info().rss
    release_free_heap()
    after = psutil.Process().memory_info().rss
    assert before - after > 50 * MB
    del survivors  # alive until here: their blocks pinned the pages around the freed ones
