"""How a command is recorded in the files a model folder commits (training.json, the card): paths any
clone can read."""
from __future__ import annotations

import os
import shlex
from pathlib import Path


def portable(argument: str) -> str:
    """An argument as committed files may carry it: a path of this machine becomes one relative to the
    repository (the working directory) or to the home folder (~/...); anything else stays."""
    name, equals, value = argument.partition("=") if argument.startswith("--") else ("", "", argument)
    path = Path(value)
    if path.is_absolute():
        for base, prefix in ((Path.cwd(), ""), (Path.home(), "~/")):
            if path.is_relative_to(base):
                value = prefix + os.path.relpath(path, base) if prefix else os.path.relpath(path, base)
                break
    return f"{name}{equals}{value}"


def shell_word(argument: str) -> str:
    """An argument quoted for a shell, a leading ~/ outside the quotes: the shell still expands it."""
    return "~/" + shlex.quote(argument[2:]) if argument.startswith("~/") else shlex.quote(argument)


def recorded_command(module: str, arguments: list[str]) -> str:
    """`python -m MODULE ARGS`, each argument portable and quoted for a shell."""
    return f"python -m {module} " + " ".join(shell_word(portable(a)) for a in arguments)
