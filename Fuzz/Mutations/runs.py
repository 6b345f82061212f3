"""Runs a command with a time limit, taking its worker processes down with it when it overruns."""

import os
import signal
import subprocess
import time
from dataclasses import dataclass


@dataclass
class Run:
    code: int          # negative: killed by that signal (subprocess's convention)
    stdout: str
    stderr: str
    seconds: float
    timed_out: bool

    @property
    def error_lines(self):
        return [line for line in self.stderr.splitlines() if line.startswith("pstscope: error:")]


def run_command(command, timeout, directory):
    environment = dict(os.environ)
    environment.pop("PSTSCOPE_STORE", None)
    started = time.monotonic()
    # A session of its own: on a timeout the whole group goes, pstscope's workers included.
    process = subprocess.Popen(command, cwd=directory, env=environment, stdin=subprocess.DEVNULL,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)
    timed_out = False
    try:
        out, err = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        timed_out = True
        os.killpg(process.pid, signal.SIGKILL)
        out, err = process.communicate()
    return Run(process.returncode, out.decode(errors="replace"), err.decode(errors="replace"),
               time.monotonic() - started, timed_out)
